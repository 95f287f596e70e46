/**
 * A case's target date and legal deadline: set when the case is created (from the configuration of its service
 * at that moment, Verwaltung → Fristen) and moved on when it comes back from waiting for the applicant.
 * The arithmetic and its decisions are in shared/domain/deadlines.ts; defaults and statutory rules in
 * shared/services/deadlines.ts.
 *
 * The receipt instant is the case's creation: the counter visit, or for online cases the moment the core takes
 * the submission in. (§ 15 GewO runs from the arrival at the authority; the portal import fetches submissions
 * within minutes, and the day of receipt in Berlin is what counts.)
 */
import { resumeDeadlines, describeDeadlines, type CaseDeadlines } from '../../../shared/domain/deadlines';
import { deadlinesFor } from '../../../shared/services/deadlines';
import type { Db } from '../db/connection';
import { getDeadlineConfig } from '../settings/deadlines';

/** The dates of a new case of `serviceId` received at `receivedAt`, by the current configuration. */
export function initialDeadlines(db: Db, serviceId: string, receivedAt: Date): CaseDeadlines {
  return deadlinesFor(serviceId, getDeadlineConfig(db, serviceId), receivedAt);
}

export interface ResumeResult extends CaseDeadlines {
  waitedWorkingDays: number;
  /** For the history: "Fristen verschoben auf Bearbeitungsziel 09.04.2026, … (2 Arbeitstage gewartet)". */
  note: string | null;
}

/**
 * The suspension hook: the dates of a case leaving 'waiting' at `resumedAt` after waiting since `waitingSince`
 * (null for a case that was waiting before waiting_since existed: its dates stay).
 */
export function deadlinesAfterWaiting(c: CaseDeadlines, waitingSince: string | null, resumedAt: Date): ResumeResult {
  if (!waitingSince || (!c.targetDate && !c.legalDeadlineAt)) return { ...c, waitedWorkingDays: 0, note: null };
  const r = resumeDeadlines(c, new Date(waitingSince), resumedAt);
  const days = `${r.waitedWorkingDays} ${r.waitedWorkingDays === 1 ? 'Arbeitstag' : 'Arbeitstage'} gewartet`;
  const note =
    r.waitedWorkingDays > 0
      ? `Fristen verschoben auf ${describeDeadlines(r)} (${days})`
      : `Fristen unverändert: ${describeDeadlines(r)} (weniger als ein Arbeitstag gewartet)`;
  return { ...r, note };
}
