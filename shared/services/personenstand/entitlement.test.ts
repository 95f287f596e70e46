import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkEntitlement,
  DEFAULT_FEES,
  fee,
  isAllowed,
  isRefused,
  needsApproval,
  type EntitlementInput,
  type EntitlementResult,
  type Relation,
} from './entitlement';

const TODAY = '2026-11-25';
const ADULT = '1990-05-17';
const APPROVED = { approved: true, by: 'Teamleitung Brüggemann', at: '2026-11-25T10:00:00Z' };
const REJECTED = { approved: false, by: 'Teamleitung Brüggemann', at: '2026-11-25T10:00:00Z' };
const INTEREST = 'Nachweis der Erbfolge im Erbscheinsverfahren, AG Lingen 7 VI 123/26';

function check(over: Partial<EntitlementInput>): EntitlementResult {
  return checkEntitlement({ relation: 'self', applicantBirthDate: ADULT, today: TODAY, register: 'G', ...over });
}

function kind(r: EntitlementResult): 'allowed' | 'needsApproval' | 'refused' {
  return isAllowed(r) ? 'allowed' : needsApproval(r) ? 'needsApproval' : 'refused';
}

describe('ageOn', () => {
  it.each([
    ['2010-11-25', '2026-11-25', 16],
    ['2010-11-26', '2026-11-25', 15],
    ['2010-11-24', '2026-11-25', 16],
    ['2008-02-29', '2024-02-28', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2010-02-28', '2026-02-28', 16],
    ['2008-02-29', '2025-02-28', 16],
    ['2026-11-26', '2026-11-25', -1],
  ])('born %s, on %s → %i', (b, t, age) => {
    expect(ageOn(b, t)).toBe(age);
  });

  it('someone born on 29 February reaches 16 on 1 March when the 16th birthday falls in a common year', () => {
    // 2100 is no leap year (century rule): the only way a 16th birthday on 29 February can be missing.
    expect(ageOn('2084-02-29', '2100-02-28')).toBe(15);
    expect(ageOn('2084-02-29', '2100-03-01')).toBe(16);
  });

  it('returns null for malformed dates', () => {
    expect(ageOn('17.05.1990', TODAY)).toBeNull();
    expect(ageOn(ADULT, '')).toBeNull();
  });
});

describe('checkEntitlement (§ 62 PStG)', () => {
  const table: [string, Partial<EntitlementInput>, ReturnType<typeof kind>][] = [
    // § 62 Abs. 1 Satz 1: directly entitled.
    ['the person', { relation: 'self' }, 'allowed'],
    ['the spouse / Lebenspartner', { relation: 'spouse', register: 'E' }, 'allowed'],
    ['an ancestor', { relation: 'ancestor' }, 'allowed'],
    ['a descendant', { relation: 'descendant', register: 'S' }, 'allowed'],
    ['a descendant, any stated interest is irrelevant', { relation: 'descendant', legalInterest: '' }, 'allowed'],
    // § 62 Abs. 1 Satz 2: others with a stated interest that a supervisor accepts.
    ['another person without interest', { relation: 'other' }, 'refused'],
    ['another person with a too short interest', { relation: 'other', legalInterest: 'Erbe' }, 'refused'],
    ['another person with interest, not yet approved', { relation: 'other', legalInterest: INTEREST }, 'needsApproval'],
    ['another person with interest, approved', { relation: 'other', legalInterest: INTEREST, supervisorApproval: APPROVED }, 'allowed'],
    ['another person with interest, rejected', { relation: 'other', legalInterest: INTEREST, supervisorApproval: REJECTED }, 'refused'],
    ['approval without any interest does not help', { relation: 'other', supervisorApproval: APPROVED }, 'refused'],
    // Siblings: berechtigtes Interesse (G, S) or rechtliches (E, L), always with approval.
    ['a sibling without interest (G)', { relation: 'sibling', register: 'G' }, 'refused'],
    ['a sibling with interest (S), not yet approved', { relation: 'sibling', register: 'S', legalInterest: INTEREST }, 'needsApproval'],
    ['a sibling with interest (E), approved', { relation: 'sibling', register: 'E', legalInterest: INTEREST, supervisorApproval: APPROVED }, 'allowed'],
    // § 62 Abs. 1 Satz 3: from 16, the person included.
    ['the person, 15', { relation: 'self', applicantBirthDate: '2010-11-26' }, 'refused'],
    ['the person on the 16th birthday', { relation: 'self', applicantBirthDate: '2010-11-25' }, 'allowed'],
    ['a descendant, 12', { relation: 'descendant', applicantBirthDate: '2014-01-01' }, 'refused'],
    ['another person, 15, approved', { relation: 'other', applicantBirthDate: '2011-01-01', legalInterest: INTEREST, supervisorApproval: APPROVED }, 'refused'],
    ['no birth date', { relation: 'self', applicantBirthDate: '' }, 'refused'],
    ['a birth date in the future', { relation: 'self', applicantBirthDate: '2027-01-01' }, 'refused'],
  ];
  it.each(table)('%s → %s', (_name, over, expected) => {
    expect(kind(check(over))).toBe(expected);
  });

  it('takes "today" in Europe/Berlin when given a Date', () => {
    // 2026-11-24T23:30Z is already the 25th in Berlin: the 16th birthday.
    expect(kind(check({ applicantBirthDate: '2010-11-25', today: new Date('2026-11-24T23:30:00Z') }))).toBe('allowed');
    expect(kind(check({ applicantBirthDate: '2010-11-25', today: new Date('2026-11-24T22:30:00Z') }))).toBe('refused');
  });

  it('gives German reasons: age, missing interest — all at once', () => {
    const r = check({ relation: 'other', applicantBirthDate: '2012-03-01', legalInterest: '' });
    expect(isRefused(r) && r.refused).toEqual([
      'Antragsbefugt sind nur Personen ab 16 Jahren (§ 62 Abs. 1 Satz 3 PStG); die antragstellende Person ist 14 Jahre alt.',
      'Andere Personen erhalten eine Personenstandsurkunde nur, wenn sie ein rechtliches Interesse glaubhaft machen (§ 62 Abs. 1 Satz 2 PStG); es ist keines angegeben.',
    ]);
  });

  it('names the interest a sibling needs by register', () => {
    const g = check({ relation: 'sibling', register: 'G', legalInterest: INTEREST });
    expect(needsApproval(g) && g.needsApproval).toBe(
      'Geschwister: das angegebene berechtigte Interesse (§ 62 Abs. 1 Satz 2 PStG) muss von der Teamleitung geprüft und anerkannt werden.',
    );
    const e = check({ relation: 'sibling', register: 'E' });
    expect(isRefused(e) && e.refused[0]).toMatch(/^Geschwister erhalten .* aus diesem Register nur, wenn sie ein rechtliches Interesse/);
    const s = check({ relation: 'sibling', register: 'S' });
    expect(isRefused(s) && s.refused[0]).toMatch(/aus dem Geburten- oder Sterberegister nur, wenn sie ein berechtigtes Interesse/);
    const unknown = check({ relation: 'sibling', register: undefined, legalInterest: INTEREST });
    expect(needsApproval(unknown) && unknown.needsApproval).toMatch(/rechtliche Interesse/);
  });

  it('names who rejected the interest', () => {
    const r = check({ relation: 'other', legalInterest: INTEREST, supervisorApproval: REJECTED });
    expect(isRefused(r) && r.refused).toEqual([
      'Das angegebene rechtliche Interesse wurde von der Teamleitung nicht anerkannt (Teamleitung Brüggemann, 25.11.2026).',
    ]);
  });
});

describe('checkEntitlement: restricted entries (§§ 63, 64 PStG)', () => {
  const rows: [Relation, Partial<EntitlementInput>, ReturnType<typeof kind>][] = [
    // SBGG: birth entry only for the person; Ehe/LP for the person and the spouse.
    ['self', { register: 'G', restrictions: ['sbgg'] }, 'allowed'],
    ['ancestor', { register: 'G', restrictions: ['sbgg'] }, 'refused'],
    ['spouse', { register: 'E', restrictions: ['sbgg'] }, 'allowed'],
    ['descendant', { register: 'E', restrictions: ['sbgg'] }, 'refused'],
    ['ancestor', { register: 'G', restrictions: ['sbgg'], personDeceased: true }, 'allowed'],
    // Annahme als Kind: Registerausdruck from the birth entry only for the person and ancestors.
    ['descendant', { register: 'G', registerausdruck: true, restrictions: ['annahme_als_kind'] }, 'refused'],
    ['ancestor', { register: 'G', registerausdruck: true, restrictions: ['annahme_als_kind'] }, 'allowed'],
    ['descendant', { register: 'G', registerausdruck: false, restrictions: ['annahme_als_kind'] }, 'allowed'],
    ['descendant', { register: 'G', registerausdruck: true, restrictions: ['annahme_als_kind'], personDeceased: true }, 'allowed'],
    // Sperrvermerk: released by a supervisor for anyone but the person.
    ['self', { restrictions: ['sperrvermerk'] }, 'allowed'],
    ['descendant', { restrictions: ['sperrvermerk'] }, 'needsApproval'],
    ['descendant', { restrictions: ['sperrvermerk'], supervisorApproval: APPROVED }, 'allowed'],
    ['descendant', { restrictions: ['sperrvermerk'], supervisorApproval: REJECTED }, 'refused'],
  ];
  it.each(rows)('%s %j → %s', (relation, over, expected) => {
    expect(kind(check({ relation, ...over }))).toBe(expected);
  });

  it('cites § 63 in the reason', () => {
    const r = check({ relation: 'ancestor', register: 'G', restrictions: ['sbgg'] });
    expect(isRefused(r) && r.refused[0]).toMatch(/§ 63 Abs\. 2 Nr\. 1 PStG/);
  });
});

describe('fee', () => {
  it.each([
    [1, 1500],
    [2, 2250],
    [3, 3000],
    [10, 8250],
  ])('%i copies → %i cents by default', (copies, cents) => {
    expect(fee(copies)).toBe(cents);
  });

  it.each([
    [1, { firstCents: 1200, furtherCents: 600 }, 1200],
    [4, { firstCents: 1200, furtherCents: 600 }, 3000],
    [3, { firstCents: 0, furtherCents: 0 }, 0],
  ])('%i copies with %j → %i cents', (copies, fees, cents) => {
    expect(fee(copies, fees)).toBe(cents);
  });

  it('defaults are 15,00 € and 7,50 €', () => {
    expect(DEFAULT_FEES).toEqual({ firstCents: 1500, furtherCents: 750 });
  });

  it('rejects nonsense', () => {
    expect(() => fee(0)).toThrow(RangeError);
    expect(() => fee(1.5)).toThrow(RangeError);
    expect(() => fee(2, { firstCents: -1, furtherCents: 0 })).toThrow(RangeError);
  });
});
