/**
 * The office-wide deadline configuration per service (Verwaltung → Fristen), stored in the settings table under
 * the key 'deadlines' as JSON `{ [serviceId]: ServiceDeadlineConfig }`.
 *
 * - Defaults come from the service catalogue and are documented, with their reasons, in
 *   shared/services/deadlines.ts: target = the service's `targetDays`; legal deadline only for the Gewerbe
 *   notices (§ 15 Abs. 1 GewO, three days, fixed by law); retention 6 months (Meldebescheinigung), 12
 *   (Personenstandsurkunde), 60 (Hundesteuer, Gewerbe), 7 (Briefwahl, § 90 Abs. 2 BWO), 12 for anything else.
 * - Only values that differ from the defaults are stored, so a service added later, or a default changed in a
 *   later version, applies to every service the office has not set itself. Stored entries of services that no
 *   longer exist are ignored.
 * - Statutory legal deadlines (STATUTORY_LEGAL_DEADLINES) cannot be changed: saving another value is refused.
 * - A change applies to cases created afterwards. Cases keep the dates they were given when they were created
 *   (and moved on while they waited); the retention period is read when deletion is due, so it applies to all
 *   closed cases.
 */
import type { ServiceDeadlineConfig } from '../../../shared/domain/teams';
import { SERVICES } from '../../../shared/services';
import { defaultDeadlineConfigs, STATUTORY_LEGAL_DEADLINES } from '../../../shared/services/deadlines';
import { ApiFailure } from '../api/errors';
import { sql, type Db } from '../db/connection';

export const DEADLINES_SETTINGS_KEY = 'deadlines';

type Stored = Record<string, Partial<ServiceDeadlineConfig>>;

function readStored(db: Db): Stored {
  const row = sql(db, 'SELECT value FROM settings WHERE key = ?').get(DEADLINES_SETTINGS_KEY) as { value: string } | undefined;
  if (!row) return {};
  try {
    const v = JSON.parse(row.value) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Stored) : {};
  } catch {
    return {};
  }
}

const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Stored values over the defaults, for every service of the catalogue. */
export function getDeadlineConfigs(db: Db): Record<string, ServiceDeadlineConfig> {
  const configs = defaultDeadlineConfigs();
  const stored = readStored(db);
  for (const [serviceId, config] of Object.entries(configs)) {
    const s = stored[serviceId];
    if (!s || typeof s !== 'object') continue;
    if (isCount(s.targetWorkingDays, 0)) config.targetWorkingDays = s.targetWorkingDays;
    if (!STATUTORY_LEGAL_DEADLINES[serviceId] && (s.legalWorkingDays === null || isCount(s.legalWorkingDays, 0))) {
      config.legalWorkingDays = s.legalWorkingDays;
    }
    if (isCount(s.retentionMonths, 1)) config.retentionMonths = s.retentionMonths;
  }
  return configs;
}

/** The configuration of one service (defaults for a service the catalogue does not know: its norm unknown, 0 days). */
export function getDeadlineConfig(db: Db, serviceId: string): ServiceDeadlineConfig {
  return getDeadlineConfigs(db)[serviceId] ?? { targetWorkingDays: 0, legalWorkingDays: null, retentionMonths: 12 };
}

/**
 * Saves the given services' configurations (services not in the patch keep theirs) and returns the whole
 * configuration. Unknown services and changes to a statutory legal deadline are refused (INVALID_INPUT).
 */
export function saveDeadlineConfigs(db: Db, patch: Record<string, ServiceDeadlineConfig>): Record<string, ServiceDeadlineConfig> {
  const known = new Set(SERVICES.map((s) => s.id));
  const unknown = Object.keys(patch).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ApiFailure('INVALID_INPUT', `Unbekannte Leistung: ${unknown.join(', ')}`, unknown.map((id) => ({ path: id, message: 'Unbekannte Leistung.' })));
  }
  const statutoryChanged = Object.entries(patch).filter(
    ([id, c]) => STATUTORY_LEGAL_DEADLINES[id] && c.legalWorkingDays !== STATUTORY_LEGAL_DEADLINES[id]!.days,
  );
  if (statutoryChanged.length > 0) {
    const [id] = statutoryChanged[0]!;
    throw new ApiFailure(
      'INVALID_INPUT',
      `Die gesetzliche Frist ist durch Gesetz festgelegt und kann nicht geändert werden (${STATUTORY_LEGAL_DEADLINES[id]!.reference}).`,
      statutoryChanged.map(([sid]) => ({ path: `${sid}.legalWorkingDays`, message: 'Gesetzlich festgelegt.' })),
    );
  }
  const defaults = defaultDeadlineConfigs();
  const stored = readStored(db);
  for (const [id, c] of Object.entries(patch)) {
    const d = defaults[id]!;
    const differs: Partial<ServiceDeadlineConfig> = {};
    if (c.targetWorkingDays !== d.targetWorkingDays) differs.targetWorkingDays = c.targetWorkingDays;
    if (c.legalWorkingDays !== d.legalWorkingDays) differs.legalWorkingDays = c.legalWorkingDays;
    if (c.retentionMonths !== d.retentionMonths) differs.retentionMonths = c.retentionMonths;
    if (Object.keys(differs).length > 0) stored[id] = differs;
    else delete stored[id];
  }
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    DEADLINES_SETTINGS_KEY,
    JSON.stringify(stored),
  );
  return getDeadlineConfigs(db);
}
