import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HUNDESTEUER_CONFIG,
  DEFAULT_HUNDESTEUER_RATES,
  assessDeregistration,
  assessRegistration,
  catchUpDueDate,
  dogPositions,
  hundesteuerConfigSchema,
  hundesteuerRatesSchema,
  instalmentsForYear,
  liabilityEnd,
  liabilityStart,
  noticeDate,
  paymentPlan,
  positionOfNewDog,
  proRataCents,
  regularInstalments,
  taxForPeriod,
  yearlyTax,
  type DogPosition,
  type HeldDog,
} from './tax';

const CFG = DEFAULT_HUNDESTEUER_CONFIG;

describe('Satzung rates', () => {
  it('defaults to the figures of DOMAIN.md (cents per year)', () => {
    expect(DEFAULT_HUNDESTEUER_RATES).toEqual({ firstCents: 3600, secondCents: 6000, furtherCents: 10800, dangerousCents: 60000 });
    expect(hundesteuerRatesSchema.parse(DEFAULT_HUNDESTEUER_RATES)).toEqual(DEFAULT_HUNDESTEUER_RATES);
    expect(hundesteuerConfigSchema.parse(CFG)).toEqual(CFG);
  });

  it.each<[DogPosition, boolean, number]>([
    ['first', false, 3600],
    ['second', false, 6000],
    ['further', false, 10800],
    ['first', true, 60000],
    ['second', true, 60000],
    ['further', true, 60000],
  ])('%s dog, dangerous %s: %i cents', (position, dangerous, cents) => {
    expect(yearlyTax(position, dangerous)).toBe(cents);
  });

  it('takes configured rates', () => {
    const rates = { firstCents: 4800, secondCents: 7200, furtherCents: 9600, dangerousCents: 48000 };
    expect(yearlyTax('second', false, rates)).toBe(7200);
    expect(yearlyTax('first', true, rates)).toBe(48000);
  });

  it('refuses broken configuration with German messages', () => {
    const bad = hundesteuerConfigSchema.safeParse({
      ...CFG,
      rates: { ...CFG.rates, firstCents: 36.5 },
      quarterlyDueDates: ['02-15', '05-15', '08-15', '02-30'],
      creditorId: 'DE99ZZZ09999999999',
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('Steuersatz für den ersten Hund: ganze Cent angeben.');
    expect(messages).toContain('Diesen Tag gibt es nicht in jedem Jahr.');
    expect(messages).toContain('Die Gläubiger-Identifikationsnummer ist ungültig (Aufbau oder Prüfziffer).');
    const quarter = hundesteuerConfigSchema.safeParse({ ...CFG, quarterlyDueDates: ['02-15', '05-15', '11-15', '08-15'] });
    expect(quarter.error!.issues[0]!.message).toBe('Jeder vierteljährliche Fälligkeitstag muss in seinem Quartal liegen.');
  });
});

describe('beginning and end of the tax liability', () => {
  it.each<[string, string, string | null, string]>([
    ['taken in mid-month', '2026-03-15', '2023-05-02', '2026-04'],
    ['taken in on the 1st of a month: still from the next month', '2026-03-01', '2023-05-02', '2026-04'],
    ['taken in on the last day of a month', '2026-03-31', '2023-05-02', '2026-04'],
    ['taken in in December: from January', '2026-12-20', '2023-05-02', '2027-01'],
    ['taken in on 29 February (leap year)', '2028-02-29', '2020-01-01', '2028-03'],
    ['puppy: not before the month after it is three months old', '2026-03-10', '2026-01-10', '2026-05'],
    ['puppy born on 30 November: three months old on 28 February', '2026-01-31', '2025-11-30', '2026-03'],
    ['puppy born on 29 November 2023: three months old on 29 February 2024', '2024-01-15', '2023-11-29', '2024-03'],
    ['own litter: from the month after it is three months old', '2026-02-10', '2026-02-10', '2026-06'],
    ['birth date unknown', '2026-03-15', null, '2026-04'],
  ])('%s', (_name, acquiredOn, birth, month) => {
    expect(liabilityStart(acquiredOn, birth)).toBe(month);
  });

  it('without the minimum age rule only the taking in counts', () => {
    expect(liabilityStart('2026-03-10', '2026-01-10', { minimumAgeMonths: 0 })).toBe('2026-04');
  });

  it.each<[string, string, string, boolean, string]>([
    ['died mid-month', '2026-05-10', '2026-05-12', false, '2026-05'],
    ['died on the last day', '2026-05-31', '2026-06-02', false, '2026-05'],
    ['given away on the 1st', '2026-06-01', '2026-06-03', false, '2026-06'],
    ['reported late, default rule', '2026-05-10', '2026-07-03', false, '2026-05'],
    ['reported late, Satzung ends it on receipt', '2026-05-10', '2026-07-03', true, '2026-07'],
    ['reported within 14 days, Satzung ends it on receipt', '2026-05-10', '2026-05-24', true, '2026-05'],
  ])('%s', (_name, endedOn, reportedOn, onReceipt, month) => {
    expect(liabilityEnd(endedOn, reportedOn, { lateDeregistrationEndsOnReceipt: onReceipt, registrationDeadlineDays: 14 })).toBe(month);
  });
});

describe('amounts per year and instalments', () => {
  it.each<[number, number, number]>([
    [3600, 9, 2700],
    [6000, 1, 500],
    [60000, 11, 55000],
    [5000, 7, 2917], // 2916,67 rounded half up
    [5000, 1, 417],
    [3700, 6, 1850],
    [3600, 0, 0],
    [3600, 12, 3600],
  ])('%i cents a year for %i months: %i cents', (yearly, months, cents) => {
    expect(proRataCents(yearly, months)).toBe(cents);
  });

  it('first dog from April: nine twelfths this year, the full rate the next', () => {
    const years = taxForPeriod({ yearlyCents: 3600, from: '2026-04', to: null, untilYear: 2027, schedule: 'quarterly' });
    expect(years.map((y) => [y.year, y.fromMonth, y.toMonth, y.months, y.cents])).toEqual([
      [2026, '2026-04', '2026-12', 9, 2700],
      [2027, '2027-01', '2027-12', 12, 3600],
    ]);
    expect(years[0]!.instalments.map((i) => [i.label, i.dueDate, i.fromMonth, i.toMonth, i.cents])).toEqual([
      ['2. Quartal 2026', '2026-05-15', '2026-04', '2026-06', 900],
      ['3. Quartal 2026', '2026-08-15', '2026-07', '2026-09', 900],
      ['4. Quartal 2026', '2026-11-15', '2026-10', '2026-12', 900],
    ]);
  });

  it('dangerous dog from February: the first quarter pays two months', () => {
    const [y] = taxForPeriod({ yearlyCents: 60000, from: '2026-02', to: null, untilYear: 2026, schedule: 'quarterly' });
    expect(y!.cents).toBe(55000);
    expect(y!.instalments.map((i) => i.cents)).toEqual([10000, 15000, 15000, 15000]);
  });

  it('instalments add up to the year exactly when twelfths are not whole cents', () => {
    const list = instalmentsForYear(5000, '2026-06', '2026-12', 'quarterly');
    expect(list.map((i) => i.cents)).toEqual([417, 1250, 1250]);
    expect(list.reduce((s, i) => s + i.cents, 0)).toBe(proRataCents(5000, 7));
    for (let from = 1; from <= 12; from++) {
      for (const yearly of [3600, 5000, 4999, 10001, 60000]) {
        const m = `2026-${String(from).padStart(2, '0')}`;
        const sum = instalmentsForYear(yearly, m, '2026-12', 'quarterly').reduce((s, i) => s + i.cents, 0);
        expect(sum).toBe(proRataCents(yearly, 13 - from));
      }
    }
  });

  it('deregistration mid-month: the tax runs to the end of that month', () => {
    const years = taxForPeriod({ yearlyCents: 3600, from: '2024-01', to: '2026-05', untilYear: 2030, schedule: 'quarterly' });
    expect(years.map((y) => [y.year, y.months, y.cents])).toEqual([
      [2024, 12, 3600],
      [2025, 12, 3600],
      [2026, 5, 1500],
    ]);
    expect(years[2]!.instalments.map((i) => [i.label, i.cents])).toEqual([
      ['1. Quartal 2026', 900],
      ['2. Quartal 2026', 600],
    ]);
  });

  it('taken in and given away within the same month: no tax at all', () => {
    expect(taxForPeriod({ yearlyCents: 3600, from: '2026-06', to: '2026-05', untilYear: 2026, schedule: 'quarterly' })).toEqual([]);
  });

  it('leap year: taken in on 29 February, taxed from March (ten months)', () => {
    const from = liabilityStart('2028-02-29', '2021-06-01');
    const [y] = taxForPeriod({ yearlyCents: 6000, from, to: null, untilYear: 2028, schedule: 'quarterly' });
    expect([y!.fromMonth, y!.months, y!.cents]).toEqual(['2028-03', 10, 5000]);
    expect(y!.instalments.map((i) => i.cents)).toEqual([500, 1500, 1500, 1500]);
  });

  it('annual payment: one amount on 1 July', () => {
    const [y] = taxForPeriod({ yearlyCents: 3600, from: '2026-04', to: null, untilYear: 2026, schedule: 'annual' });
    expect(y!.instalments).toEqual([
      { year: 2026, label: 'Jahresbetrag 2026', dueDate: '2026-07-01', fromMonth: '2026-04', toMonth: '2026-12', cents: 2700 },
    ]);
    expect(regularInstalments(3600, 'annual')).toEqual([{ label: 'Jahresbetrag', monthDay: '07-01', cents: 3600 }]);
    expect(regularInstalments(3600, 'quarterly').map((i) => [i.label, i.monthDay, i.cents])).toEqual([
      ['1. Quartal', '02-15', 900],
      ['2. Quartal', '05-15', 900],
      ['3. Quartal', '08-15', 900],
      ['4. Quartal', '11-15', 900],
    ]);
  });
});

describe('Bekanntgabe and due dates', () => {
  it.each<[string, boolean, string, string]>([
    // posted on a Monday: known on Friday; one month later is a Sunday before Pfingstmontag 2026 → Tuesday
    ['2026-04-20', false, '2026-04-24', '2026-05-26'],
    // posted on a Tuesday: the fourth day is a Saturday → Monday
    ['2026-03-10', false, '2026-03-16', '2026-04-16'],
    // posted on 27 December 2025: the fourth day is Wednesday 31 Dec; a month later is Saturday 31 Jan → Monday 2 Feb
    ['2025-12-27', false, '2025-12-31', '2026-02-02'],
    // posted on 28 September 2026: 2 Oct → 2 Nov (Monday); 31 Oct (Reformationstag) not involved
    ['2026-09-28', false, '2026-10-02', '2026-11-02'],
    // handed over at the counter: known that day
    ['2026-02-10', true, '2026-02-10', '2026-03-10'],
  ])('Bescheid of %s (in person %s): Bekanntgabe %s, past instalments due %s', (issuedOn, inPerson, notice, catchUp) => {
    expect(noticeDate(issuedOn, inPerson)).toBe(notice);
    expect(catchUpDueDate(issuedOn, inPerson)).toBe(catchUp);
  });

  it('a Bescheid for a dog taken in in March: the Satzung dates stay where they lie ahead', () => {
    const a = assessRegistration({ yearlyCents: 3600, liableFrom: liabilityStart('2026-03-18', '2022-01-01'), issuedOn: '2026-04-20', schedule: 'quarterly' });
    expect(a.years.map((y) => [y.year, y.cents])).toEqual([[2026, 2700]]);
    expect(a.plan.payments.map((p) => [p.dueDate, p.deferred, p.cents, p.instalment.label])).toEqual([
      ['2026-05-15', false, 900, '2. Quartal 2026'],
      ['2026-08-15', false, 900, '3. Quartal 2026'],
      ['2026-11-15', false, 900, '4. Quartal 2026'],
    ]);
    expect(a.followingYears).toMatchObject({ fromYear: 2027, yearlyCents: 3600 });
    expect(a.plan.openCents).toBe(2700);
  });

  it('a late registration: past quarters (also of last year) are due one month after Bekanntgabe', () => {
    const a = assessRegistration({ yearlyCents: 3600, liableFrom: liabilityStart('2025-11-20', '2022-01-01'), issuedOn: '2026-03-10', schedule: 'quarterly' });
    expect(a.years.map((y) => [y.year, y.fromMonth, y.cents])).toEqual([
      [2025, '2025-12', 300],
      [2026, '2026-01', 3600],
    ]);
    expect(a.plan.payments.map((p) => [p.dueDate, p.deferred, p.cents])).toEqual([
      ['2026-04-16', true, 300],
      ['2026-04-16', true, 900],
      ['2026-05-15', false, 900],
      ['2026-08-15', false, 900],
      ['2026-11-15', false, 900],
    ]);
    expect(a.followingYears.fromYear).toBe(2027);
  });

  it('registration on the 1st of a month, handed over at the counter', () => {
    const a = assessRegistration({
      yearlyCents: 6000,
      liableFrom: liabilityStart('2026-07-01', '2020-02-02'),
      issuedOn: '2026-07-01',
      schedule: 'quarterly',
      deliveredInPerson: true,
    });
    expect(a.liableFrom).toBe('2026-08');
    expect(a.plan.payments.map((p) => [p.dueDate, p.deferred, p.cents])).toEqual([
      ['2026-08-15', false, 1000],
      ['2026-11-15', false, 1500],
    ]);
  });

  it('a due date less than 14 days after the Bescheid moves to the catch-up date (SEPA pre-notification)', () => {
    const a = assessRegistration({ yearlyCents: 3600, liableFrom: '2026-04', issuedOn: '2026-05-05', schedule: 'quarterly' });
    expect(a.plan.payments[0]).toMatchObject({ dueDate: '2026-06-11', deferred: true, cents: 900 });
    expect(a.plan.payments[1]).toMatchObject({ dueDate: '2026-08-15', deferred: false });
    const noNotice = paymentPlan(a.years[0]!.instalments, { issuedOn: '2026-05-05', config: { ...CFG, preNotificationDays: 0 } });
    expect(noNotice.payments[0]).toMatchObject({ dueDate: '2026-05-15', deferred: false });
  });

  it('a registration before the tax begins (December, dog taken in late in the month)', () => {
    const a = assessRegistration({ yearlyCents: 3600, liableFrom: liabilityStart('2026-12-20', '2022-01-01'), issuedOn: '2026-12-22', schedule: 'quarterly' });
    expect(a.years.map((y) => [y.year, y.cents])).toEqual([[2027, 3600]]);
    expect(a.followingYears.fromYear).toBe(2028);
    expect(a.plan.payments[0]).toMatchObject({ dueDate: '2027-02-15', deferred: false, cents: 900 });
  });
});

describe('Schlussbescheid after a deregistration', () => {
  it('died mid-May after two quarters were collected: refund of one month', () => {
    const a = assessDeregistration({
      yearlyCents: 3600,
      liableFrom: '2020-06',
      liableUntil: liabilityEnd('2026-05-10', '2026-05-18'),
      issuedOn: '2026-05-20',
      paidCents: 1800,
      schedule: 'quarterly',
    });
    expect(a.years.map((y) => [y.year, y.previousCents, y.currentCents, y.current?.fromMonth, y.current?.toMonth])).toEqual([
      [2026, 3600, 1500, '2026-01', '2026-05'],
    ]);
    expect(a.plan.payments).toEqual([]);
    expect(a.plan.refundCents).toBe(300);
  });

  it('died early in February before the first quarter was collected: two months, due after Bekanntgabe', () => {
    const a = assessDeregistration({
      yearlyCents: 3600,
      liableFrom: '2019-04',
      liableUntil: '2026-02',
      issuedOn: '2026-02-05',
      paidCents: 0,
      schedule: 'quarterly',
    });
    expect(a.currentCents).toBe(600);
    expect(a.plan.payments.map((p) => [p.dueDate, p.deferred, p.cents])).toEqual([['2026-03-09', true, 600]]);
    expect(a.plan.refundCents).toBe(0);
  });

  it('dangerous dog given away in mid-August after three quarters were paid', () => {
    const a = assessDeregistration({
      yearlyCents: 60000,
      liableFrom: '2023-03',
      liableUntil: liabilityEnd('2026-08-14', '2026-08-20'),
      issuedOn: '2026-08-24',
      paidCents: 45000,
      schedule: 'quarterly',
    });
    expect([a.previousCents, a.currentCents, a.plan.refundCents, a.plan.openCents]).toEqual([60000, 40000, 5000, 0]);
  });

  it('deregistered across the turn of the year: the new year is set to 0', () => {
    const a = assessDeregistration({
      yearlyCents: 3600,
      liableFrom: '2018-01',
      liableUntil: '2025-12',
      issuedOn: '2026-01-22',
      paidCents: 3600,
      schedule: 'quarterly',
    });
    expect(a.years.map((y) => [y.year, y.previousCents, y.currentCents])).toEqual([
      [2025, 3600, 3600],
      [2026, 3600, 0],
    ]);
    expect(a.plan.refundCents).toBe(0);
    expect(a.plan.payments).toEqual([]);
  });

  it('taken in and given away in one month: nothing was owed', () => {
    const a = assessDeregistration({ yearlyCents: 3600, liableFrom: '2026-06', liableUntil: '2026-05', issuedOn: '2026-05-28', paidCents: 0, schedule: 'quarterly' });
    expect(a.years).toEqual([{ year: 2026, previous: expect.objectContaining({ cents: 2100 }), current: null, previousCents: 2100, currentCents: 0 }]);
    expect(a.plan.openCents).toBe(0);
  });

  it('partly paid: the open rest of a past quarter is due after Bekanntgabe, later quarters on their dates', () => {
    const a = assessDeregistration({ yearlyCents: 6000, liableFrom: '2021-01', liableUntil: '2026-10', issuedOn: '2026-10-12', paidCents: 2000, schedule: 'quarterly' });
    // 10 months = 5000; Q1 1500 paid, Q2 500 of 1500 paid; Q3 1500 open (past), Q4 500 (October) due 15.11.
    expect(a.plan.payments.map((p) => [p.instalment.label, p.dueDate, p.deferred, p.cents])).toEqual([
      ['2. Quartal 2026', '2026-11-16', true, 1000],
      ['3. Quartal 2026', '2026-11-16', true, 1500],
      ['4. Quartal 2026', '2026-11-15', false, 500],
    ].sort((p, q) => String(p[1]).localeCompare(String(q[1]))));
  });
});

describe('position of a dog in the household', () => {
  const dog = (id: string, liableFrom: string, extra: Partial<HeldDog> = {}): HeldDog => ({ id, liableFrom, liableUntil: null, dangerous: false, ...extra });

  it.each<[string, HeldDog[], Omit<HeldDog, 'id'>, DogPosition]>([
    ['no other dog', [], dog('x', '2026-04'), 'first'],
    ['one other dog', [dog('a', '2020-01')], dog('x', '2026-04'), 'second'],
    ['two other dogs', [dog('a', '2020-01'), dog('b', '2022-05')], dog('x', '2026-04'), 'further'],
    ['three other dogs', [dog('a', '2020-01'), dog('b', '2022-05'), dog('c', '2024-05')], dog('x', '2026-04'), 'further'],
    ['the other dog has died before', [dog('a', '2020-01', { liableUntil: '2026-03' })], dog('x', '2026-04'), 'first'],
    ['the other dog dies in the same month', [dog('a', '2020-01', { liableUntil: '2026-04' })], dog('x', '2026-04'), 'second'],
    ['the other dog is exempt (guide dog)', [dog('a', '2020-01', { exempt: true })], dog('x', '2026-04'), 'first'],
    ['a dangerous dog is held: the new one is the second', [dog('d', '2025-01', { dangerous: true })], dog('x', '2026-04'), 'second'],
  ])('%s', (_name, others, newDog, position) => {
    expect(positionOfNewDog(newDog, others)).toBe(position);
  });

  it('dangerous dogs count first, in order, or not at all, as the Satzung says', () => {
    const dogs = [dog('n', '2020-01'), dog('d', '2024-01', { dangerous: true })];
    expect(Object.fromEntries(dogPositions(dogs, '2026-04', 'first'))).toEqual({ d: 'first', n: 'second' });
    expect(Object.fromEntries(dogPositions(dogs, '2026-04', 'in_order'))).toEqual({ n: 'first', d: 'second' });
    expect(Object.fromEntries(dogPositions(dogs, '2026-04', 'not_counted'))).toEqual({ n: 'first', d: 'first' });
    expect(yearlyTax('first', true)).toBe(60000);
  });

  it('a new dangerous dog moves the household dog to second place from its month on', () => {
    const dogs = [dog('n', '2020-01'), dog('d', '2026-04', { dangerous: true })];
    expect(dogPositions(dogs, '2026-03').get('n')).toBe('first');
    expect(dogPositions(dogs, '2026-04').get('n')).toBe('second');
  });

  it('dogs starting in the same month keep the registration order', () => {
    const dogs = [dog('a', '2026-04'), dog('b', '2026-04'), dog('c', '2026-04')];
    expect([...dogPositions(dogs, '2026-04').entries()]).toEqual([
      ['a', 'first'],
      ['b', 'second'],
      ['c', 'further'],
    ]);
  });
});
