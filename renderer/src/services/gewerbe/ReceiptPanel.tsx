/**
 * The case screen's Gewerbe part: the § 15 GewO receipt deadline (met, due, overdue) and, once the certificate is
 * issued, the day by which the statistics office must have the notice (§ 3 Abs. 5 GewAnzV). The bodies themselves are
 * the case's tasks (the generic task list).
 *
 * The deadline is the case's legal deadline as the core keeps it (three days from receipt, moved on while the case
 * waited for the applicant), so this panel, the case head and the queue show the same day.
 */
import { berlinIsoDay } from '../../../../shared/domain/berlin-time';
import { legalDeadlineDay } from '../../../../shared/domain/deadlines';
import { RECEIPT_DEADLINE_REFERENCE, WEEKDAY_SHORT, firstWorkingDayOfNextMonth, germanDate, weekday } from '../../../../shared/services/gewerbe';
import type { ServiceCasePanelProps } from '../types';

const dayLabel = (iso: string) => `${WEEKDAY_SHORT[weekday(iso)]}, ${germanDate(iso)}`;

function statusOf(legalDeadlineAt: string | null, certifiedAt: string | null, now: Date): { label: string; overdue: boolean } {
  const due = legalDeadlineAt ? legalDeadlineDay(legalDeadlineAt) : null;
  if (certifiedAt) {
    const on = berlinIsoDay(new Date(certifiedAt));
    const late = due !== null && on > due;
    return { label: `Empfang bescheinigt am ${germanDate(on)}${late ? ` (Frist endete ${dayLabel(due)})` : ''}`, overdue: false };
  }
  if (!due) return { label: 'Empfangsbescheinigung: keine Frist gespeichert', overdue: false };
  const today = berlinIsoDay(now);
  if (due < today) return { label: `Empfangsbescheinigung überfällig (Frist endete ${dayLabel(due)})`, overdue: true };
  if (due === today) return { label: `Empfangsbescheinigung heute fällig (${dayLabel(due)})`, overdue: false };
  return { label: `Empfangsbescheinigung bis ${dayLabel(due)}`, overdue: false };
}

export function ReceiptPanel({ detail }: ServiceCasePanelProps) {
  const certified = detail.documents[0]?.createdAt ?? null;
  const status = statusOf(detail.legalDeadlineAt, certified, new Date());
  const statistik = detail.tasks.find((t) => t.key === 'recipient:statistik');
  return (
    <section className="panel" aria-labelledby="gewerbe-receipt-title">
      <h2 id="gewerbe-receipt-title">Empfangsbescheinigung (§ 15 GewO)</h2>
      <p className={status.overdue ? 'field-error' : undefined} data-testid="gewerbe-receipt-status">
        {status.label}
      </p>
      <p className="muted">
        Frist: drei Tage nach Eingang ({RECEIPT_DEADLINE_REFERENCE}). Die Empfangsbescheinigung ist keine Genehmigung. Die
        Weitergabe an die Stellen unter „Aufgaben“ erfolgt nach der Bescheinigung.
      </p>
      {certified && statistik && statistik.state === 'open' ? (
        <p>
          Statistisches Landesamt: spätestens am {germanDate(firstWorkingDayOfNextMonth(berlinIsoDay(new Date(certified))))} (§ 3 Abs. 5
          GewAnzV).
        </p>
      ) : null}
    </section>
  );
}
