import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  briefwahl,
  briefwahlData,
  electionSchema,
  BRIEFWAHL_SERVICE_URN,
  type BriefwahlData,
  type BriefwahlDataInput,
  type ElectionInput,
} from './index';
import {
  applicationDeadline,
  berlinDateTimeText,
  berlinWallTime,
  checkApplication,
  checkInvalidation,
  checkProxyHandover,
  dispatchPlan,
  formatWahlscheinNumber,
  nextWahlscheinNumber,
  parseWahlscheinNumber,
  proxyKey,
  replacementDeadline,
  shiftIsoDay,
  suddenIllnessDeadline,
  voterMark,
  type ApplicationContext,
  type BriefwahlApplication,
  type VoterRegisterEntry,
  type WahlscheinRecord,
} from './rules';

function election(overrides: Partial<ElectionInput> = {}) {
  return electionSchema.parse({
    id: 'btw-test',
    name: 'Wahl zum 22. Deutschen Bundestag',
    kind: 'bundestag',
    date: '2026-03-29',
    constituency: { number: 31, name: 'Mittelems' },
    wahlbezirke: [
      { number: 12, name: 'Altstadt' },
      { number: 13, name: 'Darme' },
    ],
    ballotsReady: true,
    ...overrides,
  } satisfies ElectionInput);
}

const VOTER_ENTRY: VoterRegisterEntry = {
  voterNumber: '0815',
  wahlbezirk: 12,
  familyName: 'Żółkiewski-Ørsted',
  givenNames: 'Łukasz Ödön',
  birthDate: '1984-02-29',
};

function application(overrides: Partial<BriefwahlDataInput> = {}): BriefwahlData {
  return briefwahlData.parse({
    electionId: 'btw-test',
    channel: 'online',
    voter: {
      familyName: 'Żółkiewski-Ørsted',
      givenNames: 'Łukasz Ödön',
      birthDate: '1984-02-29',
      address: { street: 'Burgstraße', houseNumber: '21a', postalCode: '49808', city: 'Lingen (Ems)' },
    },
    delivery: { kind: 'home' },
    ...overrides,
  } satisfies BriefwahlDataInput);
}

function ctx(overrides: Partial<ApplicationContext> = {}): ApplicationContext {
  return {
    election: election(),
    receivedAt: new Date('2026-03-20T09:00:00Z'),
    voter: VOTER_ENTRY,
    wahlscheine: [],
    ...overrides,
  };
}

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

// ---------------------------------------------------------------------------------------------------------------

describe('Europe/Berlin wall time', () => {
  it.each([
    // winter (CET, UTC+1), summer (CEST, UTC+2), on both change days
    ['2026-03-27', '15:00', '2026-03-27T14:00:00.000Z'],
    ['2026-03-29', '15:00', '2026-03-29T13:00:00.000Z'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // does not exist: 03:30 CEST
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // exists twice: the first (CEST)
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['2026-10-23', '13:00', '2026-10-23T11:00:00.000Z'],
    ['2026-12-31', '23:30', '2026-12-31T22:30:00.000Z'],
  ])('%s %s → %s', (day, time, iso) => {
    expect(berlinWallTime(day, time).toISOString()).toBe(iso);
  });

  it('shifts calendar days across month and year ends', () => {
    expect(shiftIsoDay('2026-03-01', -2)).toBe('2026-02-27');
    expect(shiftIsoDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(shiftIsoDay('2027-01-01', -2)).toBe('2026-12-30');
  });

  it('writes deadlines with weekday and local time', () => {
    expect(berlinDateTimeText(new Date('2026-03-27T14:00:00Z'))).toBe('Freitag, 27.03.2026, 15:00 Uhr');
    expect(berlinDateTimeText(new Date('2026-10-24T10:00:00Z'))).toBe('Samstag, 24.10.2026, 12:00 Uhr');
  });
});

describe('deadlines across a DST change', () => {
  // [kind, election day, application deadline, sudden illness (election day 15:00), replacement (day before 12:00)]
  it.each([
    // Spring: clocks go forward on Sunday 29 March 2026 at 02:00 → Friday and Saturday are CET, Sunday CEST.
    ['bundestag', '2026-03-29', '2026-03-27T14:00:00.000Z', '2026-03-29T13:00:00.000Z', '2026-03-28T11:00:00.000Z'],
    ['europawahl', '2026-03-29', '2026-03-27T14:00:00.000Z', '2026-03-29T13:00:00.000Z', '2026-03-28T11:00:00.000Z'],
    ['kommunalwahl', '2026-03-29', '2026-03-27T12:00:00.000Z', '2026-03-29T13:00:00.000Z', '2026-03-28T11:00:00.000Z'],
    ['landtag', '2026-03-29', '2026-03-27T12:00:00.000Z', '2026-03-29T13:00:00.000Z', '2026-03-28T11:00:00.000Z'],
    // A week before (all CET) and a week after (all CEST).
    ['bundestag', '2026-03-22', '2026-03-20T14:00:00.000Z', '2026-03-22T14:00:00.000Z', '2026-03-21T11:00:00.000Z'],
    ['bundestag', '2026-04-05', '2026-04-03T13:00:00.000Z', '2026-04-05T13:00:00.000Z', '2026-04-04T10:00:00.000Z'],
    // Autumn: clocks go back on Sunday 25 October 2026 at 03:00 → Friday and Saturday CEST, Sunday CET.
    ['bundestag', '2026-10-25', '2026-10-23T13:00:00.000Z', '2026-10-25T14:00:00.000Z', '2026-10-24T10:00:00.000Z'],
    ['kommunalwahl', '2026-10-25', '2026-10-23T11:00:00.000Z', '2026-10-25T14:00:00.000Z', '2026-10-24T10:00:00.000Z'],
    // Bundestagswahl 23 February 2025: "Freitag, 21. Februar 2025, 15 Uhr".
    ['bundestag', '2025-02-23', '2025-02-21T14:00:00.000Z', '2025-02-23T14:00:00.000Z', '2025-02-22T11:00:00.000Z'],
    // Kommunalwahl Niedersachsen 12 September 2021: Friday 10 September, 13 Uhr.
    ['kommunalwahl', '2021-09-12', '2021-09-10T11:00:00.000Z', '2021-09-12T13:00:00.000Z', '2021-09-11T10:00:00.000Z'],
  ] as const)('%s on %s', (kind, date, app, ill, repl) => {
    const e = election({ kind, date });
    expect(applicationDeadline(e).at.toISOString()).toBe(app);
    expect(suddenIllnessDeadline(e).at.toISOString()).toBe(ill);
    expect(replacementDeadline(e).at.toISOString()).toBe(repl);
  });

  it('is not "election day 15:00 minus 48 hours" on the spring change weekend', () => {
    const e = election({ date: '2026-03-29' });
    const naive = new Date(suddenIllnessDeadline(e).at.getTime() - 48 * 3_600_000);
    expect(applicationDeadline(e).at.getTime() - naive.getTime()).toBe(3_600_000);
    expect(applicationDeadline(e).text).toBe('Freitag, 27.03.2026, 15:00 Uhr');
  });

  it('names 13:00 for Niedersachsen local elections and 15:00 for the Bundestag', () => {
    const btw = applicationDeadline(election({ kind: 'bundestag', date: '2026-10-25' }));
    const kw = applicationDeadline(election({ kind: 'kommunalwahl', date: '2026-10-25' }));
    expect(btw.text).toBe('Freitag, 23.10.2026, 15:00 Uhr');
    expect(btw.basis).toBe('§ 27 Abs. 4 Satz 1 BWO');
    expect(kw.text).toBe('Freitag, 23.10.2026, 13:00 Uhr');
    expect(kw.basis).toBe('§ 23 Abs. 5 Satz 1 NKWO');
  });

  it('takes an election’s overrides', () => {
    const e = election({ overrides: { applicationDeadline: { daysBefore: 2, time: '18:00' }, replacementDeadline: { daysBefore: 0, time: '15:00' } } });
    expect(applicationDeadline(e).at.toISOString()).toBe('2026-03-27T17:00:00.000Z');
    expect(applicationDeadline(e).basis).toContain('abweichend');
    expect(replacementDeadline(e).at.toISOString()).toBe('2026-03-29T13:00:00.000Z');
  });
});

describe('checkApplication: deadline', () => {
  it.each([
    ['bundestag', '2026-03-27T14:00:00.000Z', true], // exactly 15:00 CET: in time
    ['bundestag', '2026-03-27T14:00:00.001Z', false],
    ['kommunalwahl', '2026-03-27T12:00:00.000Z', true], // exactly 13:00 CET
    ['kommunalwahl', '2026-03-27T12:00:00.001Z', false],
    ['kommunalwahl', '2026-03-27T13:30:00.000Z', false], // 14:30: fine for the Bundestag, too late here
    ['bundestag', '2026-03-27T13:30:00.000Z', true],
  ] as const)('%s received %s → admissible %s', (kind, at, ok) => {
    const r = checkApplication(application(), ctx({ election: election({ kind }), receivedAt: new Date(at) }));
    expect(r.ok).toBe(ok);
    if (!ok) {
      expect(codes(r.reasons)).toEqual(['after_deadline']);
      const text = kind === 'bundestag' ? 'Freitag, 27.03.2026, 15:00 Uhr' : 'Freitag, 27.03.2026, 13:00 Uhr';
      expect(r.reasons[0]!.message).toContain(`nach Ablauf der Antragsfrist am ${text}`);
      expect(r.reasons[0]!.message).toContain('Sonntag, 29.03.2026, 15:00 Uhr');
    }
  });

  it('accepts sudden illness until election day 15:00 (summer time on the change Sunday)', () => {
    const ill = application({ suddenIllness: { reason: 'akute Erkrankung, bettlägerig', declaredInWriting: true }, delivery: pickupByProxy() });
    const inTime = checkApplication(ill, ctx({ receivedAt: new Date('2026-03-29T13:00:00Z') }));
    expect(inTime.ok).toBe(true);
    expect(codes(inTime.notices)).toContain('late_application');
    expect(inTime.deadline.text).toBe('Sonntag, 29.03.2026, 15:00 Uhr');
    const late = checkApplication(ill, ctx({ receivedAt: new Date('2026-03-29T13:00:01Z') }));
    expect(late.ok).toBe(false);
    expect(late.reasons[0]!.message).toContain('nur bis Sonntag, 29.03.2026, 15:00 Uhr');
  });

  it('needs the illness declared in writing after the regular deadline', () => {
    const ill = application({ suddenIllness: { reason: 'Fieber', declaredInWriting: false }, delivery: pickupByProxy() });
    const r = checkApplication(ill, ctx({ receivedAt: new Date('2026-03-28T09:00:00Z') }));
    expect(codes(r.reasons)).toEqual(['sudden_illness_not_declared']);
    // Before the regular deadline the illness plays no part.
    expect(checkApplication(ill, ctx()).ok).toBe(true);
  });

  it('warns that a late application sent by post will hardly arrive', () => {
    const ill = application({ suddenIllness: { reason: 'Fieber', declaredInWriting: true } });
    const r = checkApplication(ill, ctx({ receivedAt: new Date('2026-03-28T09:00:00Z') }));
    expect(r.ok).toBe(true);
    expect(codes(r.notices)).toEqual(['late_application', 'postal_too_late']);
  });
});

describe('checkApplication: Wählerverzeichnis', () => {
  it('refuses people not in the Wählerverzeichnis and names the exceptions', () => {
    const r = checkApplication(application(), ctx({ voter: null }));
    expect(r.ok).toBe(false);
    expect(codes(r.reasons)).toEqual(['not_registered']);
    expect(r.reasons[0]!.message).toContain('nicht im Wählerverzeichnis eingetragen');
    expect(r.reasons[0]!.message).toContain('§ 25 Abs. 2 BWO');
    expect(r.reasons[0]!.basis).toBe('§ 25 Abs. 1 BWO');
  });

  it('refuses a struck entry', () => {
    const r = checkApplication(application(), ctx({ voter: { ...VOTER_ENTRY, struck: true } }));
    expect(codes(r.reasons)).toEqual(['struck_from_register']);
  });

  it('issues under § 25 Abs. 2 with a separate-list notice, also after the regular deadline', () => {
    const app = application({ registerException: { ground: 'recht_spaeter_entstanden', intendedWahlbezirk: 13 } });
    const r = checkApplication(app, ctx({ voter: null, receivedAt: new Date('2026-03-28T08:00:00Z') }));
    expect(r.ok).toBe(true);
    expect(codes(r.notices)).toEqual(expect.arrayContaining(['register_exception', 'late_application']));
    const wrong = application({ registerException: { ground: 'frist_versaeumt', intendedWahlbezirk: 99 } });
    expect(codes(checkApplication(wrong, ctx({ voter: null })).reasons)).toEqual(['unknown_wahlbezirk']);
  });

  it('refuses when the birth date differs from the register', () => {
    const r = checkApplication(application(), ctx({ voter: { ...VOTER_ENTRY, birthDate: '1984-03-01' } }));
    expect(codes(r.reasons)).toEqual(['identity_mismatch']);
  });
});

describe('checkApplication: one valid Wahlschein, replacements', () => {
  const issued: WahlscheinRecord = { number: 'WS 012-0007', issuedAt: new Date('2026-03-10T09:00:00Z'), invalidatedAt: null };
  const invalid: WahlscheinRecord = { ...issued, invalidatedAt: new Date('2026-03-27T16:00:00Z'), invalidationReason: 'not_received' };
  const replacement = (over: Partial<NonNullable<BriefwahlDataInput['replacement']>> = {}) =>
    application({ replacement: { reason: 'not_received', credibleAssurance: true, ...over } });

  it('refuses a second Wahlschein', () => {
    const r = checkApplication(application(), ctx({ wahlscheine: [issued] }));
    expect(codes(r.reasons)).toEqual(['already_valid_wahlschein']);
    expect(r.reasons[0]!.message).toContain('WS 012-0007');
  });

  it('refuses a plain application after an invalidation (must be a replacement)', () => {
    expect(codes(checkApplication(application(), ctx({ wahlscheine: [invalid] })).reasons)).toEqual(['earlier_wahlschein_invalidated']);
  });

  it.each([
    // Saturday 28 March 2026 12:00 CET = 11:00 UTC, inclusive; Friday's 15:00 deadline does not apply.
    ['2026-03-28T10:59:59.999Z', true],
    ['2026-03-28T11:00:00.000Z', true],
    ['2026-03-28T11:00:00.001Z', false],
    ['2026-03-29T07:00:00.000Z', false],
  ])('replacement received %s → %s', (at, ok) => {
    const r = checkApplication(replacement(), ctx({ wahlscheine: [invalid], receivedAt: new Date(at) }));
    expect(r.ok).toBe(ok);
    expect(r.deadline.text).toBe('Samstag, 28.03.2026, 12:00 Uhr');
    if (!ok) expect(codes(r.reasons)).toEqual(['replacement_after_deadline']);
  });

  it('replacement edge cases', () => {
    const at = new Date('2026-03-28T08:00:00Z');
    expect(codes(checkApplication(replacement(), ctx({ wahlscheine: [issued], receivedAt: at })).reasons)).toEqual([
      'replacement_old_still_valid',
    ]);
    expect(codes(checkApplication(replacement({ reason: 'lost' }), ctx({ wahlscheine: [invalid], receivedAt: at })).reasons)).toEqual([
      'replacement_lost',
    ]);
    expect(
      codes(checkApplication(replacement({ credibleAssurance: false }), ctx({ wahlscheine: [invalid], receivedAt: at })).reasons),
    ).toEqual(['replacement_no_assurance']);
    expect(codes(checkApplication(replacement(), ctx({ wahlscheine: [], receivedAt: at })).reasons)).toEqual([
      'replacement_nothing_to_replace',
    ]);
    // Autumn: the day before is still summer time (12:00 CEST = 10:00 UTC).
    const autumn = election({ date: '2026-10-25' });
    const inv = { ...invalid, invalidatedAt: new Date('2026-10-23T08:00:00Z') };
    expect(checkApplication(replacement(), ctx({ election: autumn, wahlscheine: [inv], receivedAt: new Date('2026-10-24T10:00:00Z') })).ok).toBe(true);
    expect(checkApplication(replacement(), ctx({ election: autumn, wahlscheine: [inv], receivedAt: new Date('2026-10-24T10:00:01Z') })).ok).toBe(false);
  });
});

function pickupByProxy(over: { vollmachtPresent?: boolean; confirmsAtMostFourVoters?: boolean } = {}) {
  return {
    kind: 'pickup_by_proxy' as const,
    proxy: {
      familyName: 'Güneş',
      givenNames: 'Ayşe',
      birthDate: '1986-03-12',
      address: { street: 'Kőváry-Weg', houseNumber: '3', postalCode: '48149', city: 'Münster' },
      vollmachtPresent: over.vollmachtPresent ?? true,
      confirmsAtMostFourVoters: over.confirmsAtMostFourVoters ?? true,
    },
  };
}

describe('checkApplication: proxy and representative', () => {
  it.each([
    [0, true],
    [3, true],
    [4, false],
    [7, false],
  ])('proxy already collecting for %i other voters → %s', (others, ok) => {
    const r = checkApplication(application({ delivery: pickupByProxy() }), ctx({ proxyOtherVoters: others }));
    expect(r.ok).toBe(ok);
    if (!ok) {
      expect(codes(r.reasons)).toEqual(['proxy_limit']);
      expect(r.reasons[0]!.message).toContain('nicht mehr als 4 Wahlberechtigte');
      expect(r.reasons[0]!.message).toContain('Ayşe Güneş');
    }
  });

  it('needs the Vollmacht and the written confirmation', () => {
    const r = checkApplication(application({ delivery: pickupByProxy({ vollmachtPresent: false, confirmsAtMostFourVoters: false }) }), ctx());
    expect(codes(r.reasons)).toEqual(['proxy_without_vollmacht', 'proxy_without_confirmation']);
    expect(codes(checkProxyHandover(pickupByProxy().proxy, 4, { kind: 'bundestag' }))).toEqual(['proxy_limit']);
    expect(checkProxyHandover(pickupByProxy().proxy, 3, { kind: 'bundestag' })).toEqual([]);
  });

  it('counts a proxy the same however the clerk types the name', () => {
    const a = proxyKey({ familyName: 'Güneş', givenNames: 'Ayşe', birthDate: '1986-03-12' });
    expect(proxyKey({ familyName: 'Gunes', givenNames: 'Ayse', birthDate: '1986-03-12' })).toBe(a);
    expect(proxyKey({ familyName: 'Güneş', givenNames: 'Ayşe', birthDate: '1986-03-13' })).not.toBe(a);
  });

  it('needs a Vollmacht from a representative; in local elections on paper', () => {
    const rep = (vollmachtPresent: boolean) => ({ familyName: 'Çelik', givenNames: 'Yıldız', vollmachtPresent });
    expect(codes(checkApplication(application({ representative: rep(false) }), ctx()).reasons)).toEqual([
      'representative_without_vollmacht',
    ]);
    expect(checkApplication(application({ channel: 'email', representative: rep(true) }), ctx()).ok).toBe(true);
    const kw = election({ kind: 'kommunalwahl' });
    expect(codes(checkApplication(application({ channel: 'email', representative: rep(true) }), ctx({ election: kw })).reasons)).toEqual([
      'representative_not_on_paper',
    ]);
    expect(checkApplication(application({ channel: 'post', representative: rep(true) }), ctx({ election: kw })).ok).toBe(true);
  });
});

describe('checkApplication: channel, ballots, notices', () => {
  it('refuses telephone and SMS with the reason', () => {
    const tel: BriefwahlApplication = { ...application(), channel: 'telephone' };
    const r = checkApplication(tel, ctx());
    expect(codes(r.reasons)).toEqual(['channel_refused']);
    expect(r.reasons[0]!.message).toContain('nicht telefonisch');
    expect(r.reasons[0]!.basis).toBe('§ 27 Abs. 1 BWO');
    const sms = checkApplication({ ...application(), channel: 'sms' }, ctx({ election: election({ kind: 'kommunalwahl' }) }));
    expect(sms.reasons[0]!.basis).toBe('§ 23 Abs. 1 Satz 3 NKWO');
  });

  it('the schema refuses telephone with the same reason', () => {
    const r = briefwahlData.safeParse({ ...application(), channel: 'telephone' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('nicht telefonisch');
  });

  it('records but does not issue while the ballots are missing', () => {
    const r = checkApplication(application(), ctx({ election: election({ ballotsReady: false }) }));
    expect(r).toMatchObject({ ok: true, issuable: false });
    expect(codes(r.holds)).toEqual(['ballots_not_ready']);
    expect(r.holds[0]!.message).toContain('Der Antrag wird erfasst');
  });

  it('asks for the notice to the home address when sending elsewhere', () => {
    const app = application({ delivery: { kind: 'other_address', address: { street: 'Rue de la Paix', houseNumber: '5', postalCode: '75002', city: 'Paris', country: 'FR' } } });
    const r = checkApplication(app, ctx());
    expect(r).toMatchObject({ ok: true, issuable: true });
    expect(codes(r.notices)).toEqual(['notice_to_home_address']);
    expect(dispatchPlan(app.delivery)).toEqual({
      method: 'post',
      officialElectionMail: true,
      postagePaidByMunicipality: true,
      recipient: 'other_address',
      homeNotice: true,
    });
    expect(dispatchPlan({ kind: 'pickup_in_person' }).method).toBe('counter');
  });

  it('lists every reason, not only the first', () => {
    const r = checkApplication(
      { ...application({ delivery: pickupByProxy({ vollmachtPresent: false }) }), channel: 'telephone' },
      ctx({ voter: null, receivedAt: new Date('2026-03-28T08:00:00Z') }),
    );
    expect(codes(r.reasons)).toEqual(['channel_refused', 'not_registered', 'after_deadline', 'proxy_without_vollmacht']);
  });
});

describe('Wahlschein numbers and the W mark', () => {
  it('formats, parses and counts per Wahlbezirk', () => {
    expect(formatWahlscheinNumber(12, 1)).toBe('WS 012-0001');
    expect(parseWahlscheinNumber('WS 012-0001')).toEqual({ wahlbezirk: 12, sequence: 1 });
    expect(parseWahlscheinNumber('WS 12-1')).toBeNull();
    expect(nextWahlscheinNumber(12, [])).toBe('WS 012-0001');
    expect(nextWahlscheinNumber(12, ['WS 012-0001', 'WS 013-0005', 'WS 012-0009', 'kaputt'])).toBe('WS 012-0010');
    expect(() => formatWahlscheinNumber(1000, 1)).toThrow(RangeError);
    expect(() => formatWahlscheinNumber(12, 10000)).toThrow(/9999/);
  });

  it('marks W once a Wahlschein was issued, also after invalidation', () => {
    expect(voterMark([])).toBeNull();
    const r: WahlscheinRecord = { number: 'WS 012-0001', issuedAt: new Date(), invalidatedAt: new Date() };
    expect(voterMark([r])).toBe('W');
  });

  it('declares invalid within the deadlines only', () => {
    const e = election();
    const r: WahlscheinRecord = { number: 'WS 012-0001', issuedAt: new Date('2026-03-10T09:00:00Z'), invalidatedAt: null };
    expect(checkInvalidation(r, 'not_received', new Date('2026-03-28T11:00:00Z'), e)).toEqual([]);
    expect(codes(checkInvalidation(r, 'not_received', new Date('2026-03-28T11:00:01Z'), e))).toEqual(['replacement_after_deadline']);
    // Lost the right to vote: until the polls close at 18:00 CEST on election day.
    expect(checkInvalidation(r, 'wahlrecht_entfallen', new Date('2026-03-29T16:00:00Z'), e)).toEqual([]);
    expect(codes(checkInvalidation(r, 'wahlrecht_entfallen', new Date('2026-03-29T16:00:01Z'), e))).toEqual(['after_deadline']);
    expect(codes(checkInvalidation({ ...r, invalidatedAt: new Date() }, 'other', new Date('2026-03-20T00:00:00Z'), e))).toEqual([
      'earlier_wahlschein_invalidated',
    ]);
  });
});

describe('service definition and schemas', () => {
  it('carries the project URN, is free, and exports its schema as JSON Schema', () => {
    expect(briefwahl.leikaKey).toBeNull();
    expect(briefwahl.serviceIdentifier).toBe(BRIEFWAHL_SERVICE_URN);
    expect(BRIEFWAHL_SERVICE_URN).toBe('urn:bbdesk:leistung:briefwahl');
    expect(briefwahl.fees).toEqual([]);
    const json = z.toJSONSchema(briefwahlData, { unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(json.properties)).toEqual(
      expect.arrayContaining(['electionId', 'channel', 'voter', 'delivery', 'suddenIllness', 'replacement']),
    );
  });

  it('keeps DIN 91379 names unchanged and refuses other scripts', () => {
    const a = application();
    expect(a.voter.familyName).toBe('Żółkiewski-Ørsted');
    const r = briefwahlData.safeParse({ ...a, voter: { ...a.voter, familyName: 'Иванов' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('DIN 91379');
  });

  it('validates elections', () => {
    expect(electionSchema.safeParse({ ...election(), wahlbezirke: [{ number: 1, name: 'A' }, { number: 1, name: 'B' }] }).success).toBe(false);
    expect(electionSchema.safeParse({ ...election(), date: '2026-02-30' }).success).toBe(false);
    expect(election().overrides).toEqual({});
  });
});
