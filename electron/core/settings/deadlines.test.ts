import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../../shared/services';
import { openDatabase } from '../db/connection';
import { tempDir } from '../test-support';
import { DEADLINES_SETTINGS_KEY, getDeadlineConfigs, saveDeadlineConfigs } from './deadlines';

describe('deadline configuration', () => {
  it('has a default for every service: its norm, § 15 GewO for the Gewerbe notices, a retention period', () => {
    const db = openDatabase(tempDir());
    const c = getDeadlineConfigs(db);
    expect(Object.keys(c).sort()).toEqual(SERVICES.map((s) => s.id).sort());
    for (const s of SERVICES) expect(c[s.id]!.targetWorkingDays).toBe(s.targetDays);
    expect(c['gewerbe-anmeldung']).toEqual({ targetWorkingDays: 3, legalWorkingDays: 3, retentionMonths: 60 });
    expect(c['gewerbe-ummeldung']!.legalWorkingDays).toBe(3);
    expect(c['gewerbe-abmeldung']!.legalWorkingDays).toBe(3);
    expect(c['meldebescheinigung']).toEqual({ targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 6 });
    expect(c['briefwahl']).toEqual({ targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 7 });
    expect(c['hundesteuer-anmeldung']!.retentionMonths).toBe(60);
    expect(c['personenstandsurkunde']!.retentionMonths).toBe(12);
    db.close();
  });

  it('stores only what differs from the defaults, keeps other services, and ignores stale or broken entries', () => {
    const db = openDatabase(tempDir());
    const all = getDeadlineConfigs(db);
    saveDeadlineConfigs(db, { ...all, personenstandsurkunde: { targetWorkingDays: 10, legalWorkingDays: 20, retentionMonths: 24 } });
    const stored = () => JSON.parse((db.prepare('SELECT value FROM settings WHERE key = ?').get(DEADLINES_SETTINGS_KEY) as { value: string }).value);
    expect(stored()).toEqual({ personenstandsurkunde: { targetWorkingDays: 10, legalWorkingDays: 20, retentionMonths: 24 } });

    saveDeadlineConfigs(db, { meldebescheinigung: { targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 3 } });
    expect(getDeadlineConfigs(db)['personenstandsurkunde']).toEqual({ targetWorkingDays: 10, legalWorkingDays: 20, retentionMonths: 24 });
    expect(getDeadlineConfigs(db)['meldebescheinigung']!.retentionMonths).toBe(3);

    // Back to the defaults: the entry disappears, so later changes of the defaults apply.
    saveDeadlineConfigs(db, { personenstandsurkunde: all['personenstandsurkunde']! });
    expect(stored()).toEqual({ meldebescheinigung: { retentionMonths: 3 } });

    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(
      JSON.stringify({ weggefallen: { targetWorkingDays: 1 }, briefwahl: { targetWorkingDays: -4, retentionMonths: 'viele' }, 'gewerbe-anmeldung': { legalWorkingDays: 9 } }),
      DEADLINES_SETTINGS_KEY,
    );
    const c = getDeadlineConfigs(db);
    expect(c['weggefallen']).toBeUndefined();
    expect(c['briefwahl']).toEqual(all['briefwahl']);
    expect(c['gewerbe-anmeldung']!.legalWorkingDays).toBe(3);
    db.close();
  });

  it('refuses unknown services and changes to a statutory deadline', () => {
    const db = openDatabase(tempDir());
    expect(() => saveDeadlineConfigs(db, { unbekannt: { targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 1 } })).toThrow(/Unbekannte Leistung/);
    expect(() =>
      saveDeadlineConfigs(db, { 'gewerbe-abmeldung': { targetWorkingDays: 3, legalWorkingDays: null, retentionMonths: 60 } }),
    ).toThrow(/§ 15 Abs. 1 GewO/);
    db.close();
  });
});
