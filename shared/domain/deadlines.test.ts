import { describe, expect, it } from 'vitest';
import { berlinIsoDay } from './berlin-time';
import {
  addWorkingDays,
  berlinDayStart,
  berlinEndOfDay,
  calendarDaysBetween,
  describeDeadlines,
  dueState,
  legalDeadlineDay,
  legalDeadlineFor,
  resumeDeadlines,
  targetDateFor,
  workingDaysBetween,
  type CaseDeadlines,
} from './deadlines';
import { deadlinesFor } from '../services/deadlines';

/*
 * Europe/Berlin in the years of the table: summer time starts Sun 29.03.2026, Sun 28.03.2027 (Easter Sunday);
 * it ends Sun 25.10.2026, Sun 31.10.2027 (Reformationstag), Sun 29.10.2028. Easter 2026: Karfreitag 03.04.,
 * Ostermontag 06.04.; Easter 2027: 26.03./29.03. Reformationstag 31.10. is a holiday in Niedersachsen (2026 a
 * Saturday, 2028 a Tuesday). 24.12. and 31.12. are working days, 25./26.12. and 01.01. holidays.
 * UTC+1 in winter, UTC+2 in summer: "10:00 Berlin" is 09:00Z in winter, 08:00Z in summer.
 */

describe('target date and legal deadline from the receipt instant', () => {
  const table: { name: string; receivedAt: string; days: number; target: string; legal: string }[] = [
    // Spring DST change 2026 (Sun 29.03.)
    { name: 'Fri before the spring change, 1 day', receivedAt: '2026-03-27T09:00:00Z', days: 1, target: '2026-03-30', legal: '2026-03-30T22:00:00.000Z' },
    { name: 'Sat 23:30 CET, 1 day', receivedAt: '2026-03-28T22:30:00Z', days: 1, target: '2026-03-30', legal: '2026-03-30T22:00:00.000Z' },
    { name: 'Sun 00:30 CET (Sat in UTC), 0 days → next working day', receivedAt: '2026-03-28T23:30:00Z', days: 0, target: '2026-03-30', legal: '2026-03-30T22:00:00.000Z' },
    { name: 'Sun 03:30 CEST right after the change, 3 days', receivedAt: '2026-03-29T01:30:00Z', days: 3, target: '2026-04-01', legal: '2026-04-01T22:00:00.000Z' },
    // Easter 2026
    { name: 'Thu before Easter, 1 day → Tue after Ostermontag', receivedAt: '2026-04-02T08:00:00Z', days: 1, target: '2026-04-07', legal: '2026-04-07T22:00:00.000Z' },
    { name: 'Thu before Easter, 3 days', receivedAt: '2026-04-02T08:00:00Z', days: 3, target: '2026-04-09', legal: '2026-04-09T22:00:00.000Z' },
    { name: 'Karfreitag itself, 0 days', receivedAt: '2026-04-03T10:00:00Z', days: 0, target: '2026-04-07', legal: '2026-04-07T22:00:00.000Z' },
    // Autumn DST change 2026 (Sun 25.10.)
    { name: 'Fri before the autumn change, 1 day (ends in CET)', receivedAt: '2026-10-23T14:00:00Z', days: 1, target: '2026-10-26', legal: '2026-10-26T23:00:00.000Z' },
    { name: 'Sun 02:30 CEST in the repeated hour, 2 days', receivedAt: '2026-10-25T00:30:00Z', days: 2, target: '2026-10-27', legal: '2026-10-27T23:00:00.000Z' },
    { name: 'Sun 02:30 CET in the repeated hour, 2 days', receivedAt: '2026-10-25T01:30:00Z', days: 2, target: '2026-10-27', legal: '2026-10-27T23:00:00.000Z' },
    // Reformationstag
    { name: 'Thu 29.10.2026 (Reformationstag a Saturday), 2 days', receivedAt: '2026-10-29T09:00:00Z', days: 2, target: '2026-11-02', legal: '2026-11-02T23:00:00.000Z' },
    { name: 'Fri 27.10.2028, 2 days over Reformationstag (Tue) and the DST change', receivedAt: '2028-10-27T07:00:00Z', days: 2, target: '2028-11-01', legal: '2028-11-01T23:00:00.000Z' },
    // Christmas and New Year
    { name: 'Tue 22.12.2026, 3 days (Heiligabend counts, 1. Weihnachtstag not)', receivedAt: '2026-12-22T09:00:00Z', days: 3, target: '2026-12-28', legal: '2026-12-28T23:00:00.000Z' },
    { name: 'Heiligabend, 1 day', receivedAt: '2026-12-24T09:00:00Z', days: 1, target: '2026-12-28', legal: '2026-12-28T23:00:00.000Z' },
    { name: 'Silvester, 1 day → over Neujahr', receivedAt: '2026-12-31T12:00:00Z', days: 1, target: '2027-01-04', legal: '2027-01-04T23:00:00.000Z' },
    // Spring 2027: the change falls on Easter Sunday
    { name: 'Thu 25.03.2027, 1 day over Easter and the change', receivedAt: '2027-03-25T09:00:00Z', days: 1, target: '2027-03-30', legal: '2027-03-30T22:00:00.000Z' },
    // Autumn 2027: the change falls on Reformationstag (a Sunday)
    { name: 'Fri 29.10.2027, 1 day over the change', receivedAt: '2027-10-29T10:00:00Z', days: 1, target: '2027-11-01', legal: '2027-11-01T23:00:00.000Z' },
    // The Berlin date decides, not the UTC date
    { name: 'Wed 23:30Z = Thu 00:30 Berlin, 1 day', receivedAt: '2026-11-25T23:30:00Z', days: 1, target: '2026-11-27', legal: '2026-11-27T23:00:00.000Z' },
    { name: 'Wed 22:59Z = Wed 23:59 Berlin, 1 day', receivedAt: '2026-11-25T22:59:00Z', days: 1, target: '2026-11-26', legal: '2026-11-26T23:00:00.000Z' },
    { name: 'Tue 5 days (a normal week)', receivedAt: '2026-11-24T09:00:00Z', days: 5, target: '2026-12-01', legal: '2026-12-01T23:00:00.000Z' },
  ];

  it.each(table)('$name', ({ receivedAt, days, target, legal }) => {
    const at = new Date(receivedAt);
    expect(targetDateFor(at, days)).toBe(target);
    expect(legalDeadlineFor(at, days)).toBe(legal);
    expect(legalDeadlineDay(legal)).toBe(target);
  });

  it('ends every legal deadline at a Berlin midnight, for receipts every 30 minutes around all four DST changes', () => {
    for (const start of ['2026-03-26T00:00:00Z', '2026-10-22T00:00:00Z', '2027-03-24T00:00:00Z', '2027-10-28T00:00:00Z']) {
      for (let t = Date.parse(start); t < Date.parse(start) + 6 * 86_400_000; t += 1_800_000) {
        for (const days of [0, 1, 3]) {
          const end = new Date(legalDeadlineFor(new Date(t), days));
          expect(berlinIsoDay(end)).not.toBe(berlinIsoDay(new Date(end.getTime() - 1)));
          expect(legalDeadlineDay(end.toISOString())).toBe(targetDateFor(new Date(t), days));
        }
      }
    }
  });
});

describe('§ 15 Abs. 1 GewO for the Gewerbe notices (three calendar days, end moved to the next working day)', () => {
  const config = { targetWorkingDays: 3, legalWorkingDays: 3, retentionMonths: 60 };
  const table: { name: string; receivedAt: string; target: string; legal: string }[] = [
    { name: 'Wed → Sat → Mon (CET)', receivedAt: '2026-11-25T09:00:00Z', target: '2026-11-30', legal: '2026-11-30T23:00:00.000Z' },
    { name: 'Thu before the spring change → Sun → Mon (CEST)', receivedAt: '2026-03-26T08:00:00Z', target: '2026-03-31', legal: '2026-03-30T22:00:00.000Z' },
    { name: 'Mon after the change → Thu', receivedAt: '2026-03-30T07:00:00Z', target: '2026-04-02', legal: '2026-04-02T22:00:00.000Z' },
    { name: 'Tue before Easter → Karfreitag → Tue after Ostermontag', receivedAt: '2026-03-31T08:00:00Z', target: '2026-04-07', legal: '2026-04-07T22:00:00.000Z' },
    { name: 'Thu 28.10.2027 → Sun 31.10. (Reformationstag, DST end) → Mon', receivedAt: '2027-10-28T08:00:00Z', target: '2027-11-02', legal: '2027-11-01T23:00:00.000Z' },
    { name: 'Sat 28.10.2028 → Tue 31.10. Reformationstag → Wed', receivedAt: '2028-10-28T08:00:00Z', target: '2028-11-02', legal: '2028-11-01T23:00:00.000Z' },
  ];
  it.each(table)('$name', ({ receivedAt, target, legal }) => {
    expect(deadlinesFor('gewerbe-anmeldung', config, new Date(receivedAt))).toEqual({ targetDate: target, legalDeadlineAt: legal });
  });

  it('uses the statute even when the configuration would count working days, and no legal deadline elsewhere when none is set', () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(deadlinesFor('gewerbe-abmeldung', { ...config, legalWorkingDays: 10 }, at).legalDeadlineAt).toBe('2026-11-30T23:00:00.000Z');
    expect(deadlinesFor('meldebescheinigung', { targetWorkingDays: 1, legalWorkingDays: null, retentionMonths: 6 }, at)).toEqual({
      targetDate: '2026-11-26',
      legalDeadlineAt: null,
    });
    expect(deadlinesFor('briefwahl', { targetWorkingDays: 1, legalWorkingDays: 2, retentionMonths: 7 }, at).legalDeadlineAt).toBe(
      '2026-11-27T23:00:00.000Z',
    );
  });
});

describe('due state of an open case', () => {
  const table: { name: string; targetDate: string | null; legalDeadlineAt: string | null; waitingSince?: string; now: string; due: 'overdue' | 'today' | null }[] = [
    { name: 'target tomorrow', targetDate: '2026-03-30', legalDeadlineAt: null, now: '2026-03-29T21:30:00Z', due: null },
    { name: 'target today from 00:00 CEST', targetDate: '2026-03-30', legalDeadlineAt: null, now: '2026-03-29T22:30:00Z', due: 'today' },
    { name: 'target today until 23:59 CEST', targetDate: '2026-03-30', legalDeadlineAt: null, now: '2026-03-30T21:59:00Z', due: 'today' },
    { name: 'target passed at 00:00 CEST', targetDate: '2026-03-30', legalDeadlineAt: null, now: '2026-03-30T22:00:00Z', due: 'overdue' },
    { name: 'legal deadline tomorrow (Sun 23:59 CET)', targetDate: null, legalDeadlineAt: '2026-10-26T23:00:00.000Z', now: '2026-10-25T22:59:00Z', due: null },
    { name: 'legal deadline ends tonight (Mon 00:00 CET)', targetDate: null, legalDeadlineAt: '2026-10-26T23:00:00.000Z', now: '2026-10-25T23:00:00Z', due: 'today' },
    { name: 'legal deadline ends tonight (Mon 23:59 CET)', targetDate: null, legalDeadlineAt: '2026-10-26T23:00:00.000Z', now: '2026-10-26T22:59:59Z', due: 'today' },
    { name: 'legal deadline passed (Tue 00:00:01)', targetDate: null, legalDeadlineAt: '2026-10-26T23:00:00.000Z', now: '2026-10-26T23:00:01Z', due: 'overdue' },
    { name: 'target later, legal today', targetDate: '2026-12-02', legalDeadlineAt: '2026-11-30T23:00:00.000Z', now: '2026-11-30T10:00:00Z', due: 'today' },
    { name: 'target passed, legal later', targetDate: '2026-11-27', legalDeadlineAt: '2026-12-02T23:00:00.000Z', now: '2026-11-30T10:00:00Z', due: 'overdue' },
    { name: 'no dates', targetDate: null, legalDeadlineAt: null, now: '2026-11-30T10:00:00Z', due: null },
    { name: 'waiting: the clock stands still', targetDate: '2026-11-20', legalDeadlineAt: '2026-11-20T23:00:00.000Z', waitingSince: '2026-11-18T10:00:00Z', now: '2026-11-30T10:00:00Z', due: null },
  ];
  it.each(table)('$name', ({ targetDate, legalDeadlineAt, waitingSince, now, due }) => {
    expect(dueState({ targetDate, legalDeadlineAt, waitingSince: waitingSince ?? null }, new Date(now))).toBe(due);
  });
});

describe('suspension while waiting for the applicant, and resumption', () => {
  const table: {
    name: string;
    targetDate: string | null;
    legalDeadlineAt: string | null;
    from: string;
    to: string;
    waited: number;
    newTarget: string | null;
    newLegal: string | null;
  }[] = [
    {
      name: 'a few hours on one day: nothing moves',
      targetDate: '2026-04-01',
      legalDeadlineAt: '2026-04-01T22:00:00.000Z',
      from: '2026-03-30T07:00:00Z',
      to: '2026-03-30T14:00:00Z',
      waited: 0,
      newTarget: '2026-04-01',
      newLegal: '2026-04-01T22:00:00.000Z',
    },
    {
      name: 'less than a day over midnight (Mon 16:00 → Tue 08:00): one working day',
      targetDate: '2026-12-02',
      legalDeadlineAt: '2026-12-02T23:00:00.000Z',
      from: '2026-11-30T15:00:00Z',
      to: '2026-12-01T07:00:00Z',
      waited: 1,
      newTarget: '2026-12-03',
      newLegal: '2026-12-03T23:00:00.000Z',
    },
    {
      name: '45 minutes over midnight into the spring-change Sunday: no working day',
      targetDate: '2026-04-01',
      legalDeadlineAt: '2026-04-01T22:00:00.000Z',
      from: '2026-03-28T22:45:00Z',
      to: '2026-03-28T23:30:00Z',
      waited: 0,
      newTarget: '2026-04-01',
      newLegal: '2026-04-01T22:00:00.000Z',
    },
    {
      name: 'Fri → Mon over the spring change: one working day, not three calendar days',
      targetDate: '2026-04-01',
      legalDeadlineAt: '2026-04-01T22:00:00.000Z',
      from: '2026-03-27T14:00:00Z',
      to: '2026-03-30T07:00:00Z',
      waited: 1,
      newTarget: '2026-04-02',
      newLegal: '2026-04-02T22:00:00.000Z',
    },
    {
      name: 'over Easter 2026 (Thu → Tue): one working day',
      targetDate: '2026-04-09',
      legalDeadlineAt: null,
      from: '2026-04-02T08:00:00Z',
      to: '2026-04-07T08:00:00Z',
      waited: 1,
      newTarget: '2026-04-10',
      newLegal: null,
    },
    {
      name: 'over the autumn change 2026: a CEST end of day becomes a CET one',
      targetDate: '2026-10-23',
      legalDeadlineAt: '2026-10-23T22:00:00.000Z',
      from: '2026-10-22T08:00:00Z',
      to: '2026-10-27T09:00:00Z',
      waited: 3,
      newTarget: '2026-10-28',
      newLegal: '2026-10-28T23:00:00.000Z',
    },
    {
      name: 'over Christmas and New Year (23.12. → 04.01.): six working days',
      targetDate: '2026-12-29',
      legalDeadlineAt: '2026-12-29T23:00:00.000Z',
      from: '2026-12-23T08:00:00Z',
      to: '2027-01-04T08:00:00Z',
      waited: 6,
      newTarget: '2027-01-07',
      newLegal: '2027-01-07T23:00:00.000Z',
    },
    {
      name: 'over Easter and the spring change 2027: a CET end of day becomes a CEST one',
      targetDate: '2027-03-25',
      legalDeadlineAt: '2027-03-25T23:00:00.000Z',
      from: '2027-03-24T11:00:00Z',
      to: '2027-03-30T10:00:00Z',
      waited: 2,
      newTarget: '2027-03-31',
      newLegal: '2027-03-31T22:00:00.000Z',
    },
    {
      name: 'over the autumn change 2027 on Reformationstag (Fri → Mon)',
      targetDate: '2027-11-01',
      legalDeadlineAt: '2027-10-29T22:00:00.000Z',
      from: '2027-10-29T13:00:00Z',
      to: '2027-11-01T07:00:00Z',
      waited: 1,
      newTarget: '2027-11-02',
      newLegal: '2027-11-01T23:00:00.000Z',
    },
    {
      name: 'over Reformationstag 2028 (a Tuesday) and the change: the dates skip it',
      targetDate: '2028-10-30',
      legalDeadlineAt: '2028-10-30T23:00:00.000Z',
      from: '2028-10-27T08:00:00Z',
      to: '2028-11-01T09:00:00Z',
      waited: 2,
      newTarget: '2028-11-02',
      newLegal: '2028-11-02T23:00:00.000Z',
    },
    {
      name: 'a case without dates keeps none',
      targetDate: null,
      legalDeadlineAt: null,
      from: '2026-11-23T08:00:00Z',
      to: '2026-11-27T08:00:00Z',
      waited: 4,
      newTarget: null,
      newLegal: null,
    },
  ];

  it.each(table)('$name', ({ targetDate, legalDeadlineAt, from, to, waited, newTarget, newLegal }) => {
    expect(resumeDeadlines({ targetDate, legalDeadlineAt }, new Date(from), new Date(to))).toEqual({
      targetDate: newTarget,
      legalDeadlineAt: newLegal,
      waitedWorkingDays: waited,
    });
  });

  it('adds up two waits, and a resumed case is due again by its moved dates', () => {
    // Received Mon 30.11.2026, 3 working days: target Thu 03.12.
    const received = new Date('2026-11-30T08:00:00Z');
    let dates: CaseDeadlines = { targetDate: targetDateFor(received, 3), legalDeadlineAt: legalDeadlineFor(received, 3) };
    expect(dates).toEqual({ targetDate: '2026-12-03', legalDeadlineAt: '2026-12-03T23:00:00.000Z' });
    // Waits Tue → Wed (1), then Thu → Mon (Fri, Mon: 2).
    dates = resumeDeadlines(dates, new Date('2026-12-01T10:00:00Z'), new Date('2026-12-02T10:00:00Z'));
    expect(dates.targetDate).toBe('2026-12-04');
    dates = resumeDeadlines(dates, new Date('2026-12-03T10:00:00Z'), new Date('2026-12-07T10:00:00Z'));
    expect(dates).toMatchObject({ targetDate: '2026-12-08', legalDeadlineAt: '2026-12-08T23:00:00.000Z' });
    expect(dueState(dates, new Date('2026-12-08T12:00:00Z'))).toBe('today');
    expect(dueState(dates, new Date('2026-12-09T00:30:00Z'))).toBe('overdue');
    expect(describeDeadlines(dates)).toBe('Bearbeitungsziel 08.12.2026, gesetzliche Frist bis 08.12.2026, 24:00 Uhr');
  });
});

describe('building blocks', () => {
  it('counts and adds working days', () => {
    expect(addWorkingDays('2026-04-02', 0)).toBe('2026-04-02');
    expect(addWorkingDays('2026-04-04', 0)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
    expect(workingDaysBetween('2026-04-07', '2026-04-02')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5);
    expect(calendarDaysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(calendarDaysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(() => addWorkingDays('2026-04-02', -1)).toThrow();
  });

  it('finds the start and end of Berlin days on the change days', () => {
    expect(berlinDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(berlinDayStart('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(berlinEndOfDay('2026-03-28')).toBe('2026-03-28T23:00:00.000Z');
    expect(berlinEndOfDay('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
    expect(berlinEndOfDay('2026-10-24')).toBe('2026-10-24T22:00:00.000Z');
    expect(berlinEndOfDay('2026-10-25')).toBe('2026-10-25T23:00:00.000Z');
    expect(berlinEndOfDay('2027-03-28')).toBe('2027-03-28T22:00:00.000Z');
    expect(berlinEndOfDay('2027-10-31')).toBe('2027-10-31T23:00:00.000Z');
    expect(legalDeadlineDay('2027-10-31T23:00:00.000Z')).toBe('2027-10-31');
  });
});
