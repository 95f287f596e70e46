import { describe, expect, it } from 'vitest';
import { berlinDayStart } from '../../domain/deadlines';
import {
  isOverdue,
  receiptDeadline,
  receiptDeadlineForDate,
  receiptDeadlineStatus,
} from './deadline';
import {
  addMonths,
  easterSunday,
  firstWorkingDayOfNextMonth,
  isWorkingDay,
  niedersachsenHoliday,
  niedersachsenHolidays,
  yearsBetween,
} from '../../domain/niedersachsen-calendar';

describe('Niedersachsen public holidays', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the ten holidays of 2026 with the Easter-dependent ones', () => {
    expect(niedersachsenHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Neujahrstag' },
      { date: '2026-04-03', name: 'Karfreitag' },
      { date: '2026-04-06', name: 'Ostermontag' },
      { date: '2026-05-01', name: 'Tag der Arbeit' },
      { date: '2026-05-14', name: 'Christi Himmelfahrt' },
      { date: '2026-05-25', name: 'Pfingstmontag' },
      { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
      { date: '2026-10-31', name: 'Reformationstag' },
      { date: '2026-12-25', name: '1. Weihnachtstag' },
      { date: '2026-12-26', name: '2. Weihnachtstag' },
    ]);
  });

  it.each([
    ['2016-10-31', null], // before Niedersachsen made it a holiday
    ['2017-10-31', 'Reformationstag'], // the nationwide one-off (500 years)
    ['2018-10-31', 'Reformationstag'],
    ['2026-12-24', null], // Heiligabend is no holiday
    ['2026-12-31', null],
    ['2026-06-04', null], // Fronleichnam: not in Niedersachsen
    ['2026-11-01', null], // Allerheiligen: not in Niedersachsen
    ['2025-06-09', 'Pfingstmontag'],
  ])('%s → %s', (date, name) => {
    expect(niedersachsenHoliday(date)).toBe(name);
  });

  it('knows working days, month arithmetic and ages', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Gründonnerstag
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(isWorkingDay('2026-03-07')).toBe(false); // Sonnabend
    expect(firstWorkingDayOfNextMonth('2026-12-15')).toBe('2027-01-04'); // 1.1. holiday, 2./3. weekend
    expect(firstWorkingDayOfNextMonth('2026-04-30')).toBe('2026-05-04'); // 1.5. Friday holiday
    expect(firstWorkingDayOfNextMonth('2026-03-31')).toBe('2026-04-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-10', 3)).toBe('2026-06-10');
    expect(yearsBetween('1984-02-29', '2026-02-28')).toBe(41);
    expect(yearsBetween('1984-02-29', '2026-03-01')).toBe(42);
  });
});

describe('§ 15 Abs. 1 GewO: three days from receipt', () => {
  // [case, received (instant, UTC), due (Berlin date), moved over]
  it.each<[string, string, string, string[]]>([
    ['ordinary week: Mon → Thu', '2026-03-09T09:00:00Z', '2026-03-12', []],
    ['Wednesday ends on Saturday → Monday', '2026-03-11T09:00:00Z', '2026-03-16', ['Sonnabend', 'Sonntag']],
    ['Thursday ends on Sunday → Monday', '2026-03-12T15:00:00Z', '2026-03-16', ['Sonntag']],
    ['Friday → Monday', '2026-03-13T09:00:00Z', '2026-03-16', []],
    ['Saturday (online) → Tuesday', '2026-03-14T09:00:00Z', '2026-03-17', []],
    ['Easter: Tue 31.03. → Karfreitag, weekend, Ostermontag → Tue 07.04.', '2026-03-31T08:00:00Z', '2026-04-07', ['Karfreitag', 'Sonnabend', 'Sonntag', 'Ostermontag']],
    ['Easter: Gründonnerstag → Sunday, Ostermontag → Tue 07.04.', '2026-04-02T08:00:00Z', '2026-04-07', ['Sonntag', 'Ostermontag']],
    ['Himmelfahrt: Mon 11.05. → Thu 14.05. holiday → Fri 15.05.', '2026-05-11T08:00:00Z', '2026-05-15', ['Christi Himmelfahrt']],
    ['Pfingsten: Fri 22.05. → Mon 25.05. Pfingstmontag → Tue 26.05.', '2026-05-22T08:00:00Z', '2026-05-26', ['Pfingstmontag']],
    ['Christmas: Tue 22.12.2026 → Fri 25.12. → weekend → Mon 28.12.', '2026-12-22T10:00:00Z', '2026-12-28', ['1. Weihnachtstag', '2. Weihnachtstag', 'Sonntag']],
    ['New Year: Mon 29.12.2025 → Thu 01.01.2026 → Fri 02.01.', '2025-12-29T10:00:00Z', '2026-01-02', ['Neujahrstag']],
    ['Reformationstag: Tue 28.10.2025 → Fri 31.10. → Mon 03.11.', '2025-10-28T10:00:00Z', '2025-11-03', ['Reformationstag', 'Sonnabend', 'Sonntag']],
    ['Tag der Deutschen Einheit: Wed 30.09.2026 → Sat 03.10. → Mon 05.10.', '2026-09-30T10:00:00Z', '2026-10-05', ['Tag der Deutschen Einheit', 'Sonntag']],
    // Europe/Berlin, not UTC: 23:30 UTC on Friday 27.03.2026 is 00:30 on Saturday in Berlin (CET, UTC+1).
    ['Berlin day, winter time: Fri 23:30 UTC = Sat 00:30 → Tue 31.03.', '2026-03-27T23:30:00Z', '2026-03-31', []],
    // The night of the spring DST change (29.03.2026, 02:00 CET → 03:00 CEST).
    ['DST spring: Sun 29.03. 01:30 UTC (03:30 CEST) → Wed 01.04.', '2026-03-29T01:30:00Z', '2026-04-01', []],
    ['DST spring: Sat 28.03. 22:59 UTC = 23:59 CET Saturday → Tue 31.03.', '2026-03-28T22:59:00Z', '2026-03-31', []],
    // Summer time: 22:30 UTC on 30.06. is 00:30 on 01.07. in Berlin (CEST, UTC+2).
    ['Berlin day, summer time: Tue 30.06. 22:30 UTC = Wed 01.07. → Sat → Mon 06.07.', '2026-06-30T22:30:00Z', '2026-07-06', ['Sonnabend', 'Sonntag']],
    // The night of the autumn DST change (25.10.2026, 03:00 CEST → 02:00 CET).
    ['DST autumn: Sat 24.10. 22:30 UTC = Sun 25.10. 00:30 CEST → Wed 28.10.', '2026-10-24T22:30:00Z', '2026-10-28', []],
  ])('%s', (_, received, due, movedOver) => {
    const dl = receiptDeadline(new Date(received));
    expect(dl.due).toBe(due);
    expect(dl.extendedOver.map((e) => e.reason)).toEqual(movedOver);
  });

  it('ends at 24:00 Berlin time of the due day, in winter and in summer time', () => {
    expect(receiptDeadlineForDate('2026-03-09').endsAt.toISOString()).toBe('2026-03-12T23:00:00.000Z'); // CET
    expect(receiptDeadlineForDate('2026-07-06').endsAt.toISOString()).toBe('2026-07-09T22:00:00.000Z'); // CEST
    // The deadline that ends on the day of the spring change: midnight after 31.03. is CEST.
    expect(receiptDeadlineForDate('2026-03-28').endsAt.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    // Midnight of the change days themselves.
    expect(berlinDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(berlinDayStart('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(berlinDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(berlinDayStart('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  // [case, received, now, overdue]
  it.each<[string, string, string, boolean]>([
    ['on the due day, late evening Berlin', '2026-03-09T09:00:00Z', '2026-03-12T22:59:59Z', false],
    ['one second after 24:00 Berlin (CET)', '2026-03-09T09:00:00Z', '2026-03-12T23:00:01Z', true],
    ['summer time: 23:30 Berlin on the due day', '2026-07-01T08:00:00Z', '2026-07-06T21:30:00Z', false],
    ['summer time: 00:30 Berlin the day after', '2026-07-01T08:00:00Z', '2026-07-06T22:30:00Z', true],
    ['Easter: Saturday after Karfreitag is not overdue', '2026-03-31T08:00:00Z', '2026-04-04T10:00:00Z', false],
    ['Easter: Ostermontag is not overdue', '2026-03-31T08:00:00Z', '2026-04-06T10:00:00Z', false],
    ['Easter: Wednesday 08.04. is overdue', '2026-03-31T08:00:00Z', '2026-04-08T06:00:00Z', true],
  ])('isOverdue: %s', (_, received, now, overdue) => {
    expect(isOverdue(new Date(received), new Date(now))).toBe(overdue);
  });

  it('labels the state for the queue and highlights overdue and due-today rows', () => {
    const received = new Date('2026-03-31T08:00:00Z'); // due Tue 07.04.2026
    const open = receiptDeadlineStatus(received, new Date('2026-04-01T08:00:00Z'));
    expect(open).toMatchObject({ state: 'open', due: '2026-04-07', daysLeft: 6, highlight: null, label: 'Empfangsbescheinigung bis Di, 07.04.2026' });
    expect(receiptDeadlineStatus(received, new Date('2026-04-07T08:00:00Z'))).toMatchObject({
      state: 'due_today',
      highlight: 'due_today',
      label: 'Empfangsbescheinigung heute fällig (Di, 07.04.2026)',
    });
    expect(receiptDeadlineStatus(received, new Date('2026-04-09T08:00:00Z'))).toMatchObject({
      state: 'overdue',
      daysLeft: -2,
      highlight: 'overdue',
      label: 'Empfangsbescheinigung überfällig seit Mi, 08.04.2026 (2 Tage)',
    });
    expect(receiptDeadlineStatus(received, new Date('2026-04-09T08:00:00Z'), new Date('2026-04-02T09:00:00Z'))).toMatchObject({
      state: 'met',
      highlight: null,
      label: 'Empfang bescheinigt am 02.04.2026',
    });
    expect(receiptDeadlineStatus(received, new Date('2026-04-09T08:00:00Z'), new Date('2026-04-08T09:00:00Z'))).toMatchObject({
      state: 'met_late',
      label: 'Empfang bescheinigt am 08.04.2026 (Frist endete Di, 07.04.2026)',
    });
  });
});
