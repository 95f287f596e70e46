/**
 * Elections as configuration, through the API (Verwaltung → Wahlen): create, update while no Wahlschein is issued,
 * ballots ready, the Wählerverzeichnis CSV import (all or nothing), and the German refusals. Test clock: 25.11.2026.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeTestCore, manualClock, type TestCore } from '../test-support';
import { memorySessionHolder, type SessionHolder } from '../transport';

const HEADER = 'wahlbezirk;nr;familienname;vornamen;geburtsdatum;strasse;hausnummer;plz;ort;kennung';
const CSV = [
  HEADER,
  '1;K1-0001;Albrecht;Hildegard;1949-09-28;Burgstraße;105;49808;Lingen (Ems);LIN-000429',
  '2;K2-0001;Brandt;Karl-Heinz;1958-02-23;Marienstraße;68;49808;Lingen (Ems);LIN-000389',
].join('\n');

const KW = {
  key: 'kw-2026-probe',
  name: 'Kommunalwahl Lingen 2026 (Probe)',
  kind: 'kommunalwahl' as const,
  date: '2026-12-13',
  constituency: { number: 1, name: 'Wahlbereich Lingen (Ems)' },
  wahlbezirke: [
    { number: 1, name: 'Altstadt' },
    { number: 2, name: 'Darme' },
  ],
};

describe('elections in the administration', () => {
  let t: TestCore;
  let admin: SessionHolder;
  let clerk: SessionHolder;

  const fail = async (op: Parameters<TestCore['core']['dispatch']>[0], input: unknown, who?: SessionHolder) => {
    const r = await t.core.dispatch(op, input as never, who ?? admin);
    expect(r.ok).toBe(false);
    return r.ok ? { code: '', message: '', fields: undefined } : r.error;
  };

  beforeAll(async () => {
    t = await makeTestCore();
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
  });

  it('creates an election; the deadlines follow from the kind (Kommunalwahl: Friday 13:00)', async () => {
    const e = await t.call(admin, 'briefwahl.createElection', { ...KW, ballotsReady: false });
    expect(e).toMatchObject({ key: 'kw-2026-probe', name: KW.name, kind: 'kommunalwahl', date: '2026-12-13', ballotsReady: false, voters: 0 });
    expect(e.wahlbezirke).toEqual(KW.wahlbezirke);
    expect(e.deadlines.application).toBe('Freitag, 11.12.2026, 13:00 Uhr (§ 23 Abs. 5 Satz 1 NKWO)');
    const btw = await t.call(admin, 'briefwahl.createElection', { ...KW, key: 'btw-probe', name: 'Bundestagswahl (Probe)', kind: 'bundestag', ballotsReady: false });
    expect(btw.deadlines.application).toBe('Freitag, 11.12.2026, 15:00 Uhr (§ 27 Abs. 4 Satz 1 BWO)');
    const list = await t.call(clerk, 'briefwahl.elections', {});
    expect(list.map((x) => x.key)).toEqual(expect.arrayContaining(['kw-2026-probe', 'btw-probe', 'ltw-2027']));
  });

  it('only an administrator configures elections', async () => {
    const r = await fail('briefwahl.createElection', { ...KW, key: 'kw-clerk' }, clerk);
    expect(r.code).toBe('FORBIDDEN');
  });

  it('refuses in German: duplicate key, past date, duplicated Wahlbezirk numbers, bad key, no Wahlbezirk', async () => {
    const dup = await fail('briefwahl.createElection', KW);
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toBe('Eine Wahl mit der Kennung „kw-2026-probe“ ist bereits angelegt.');

    const past = await fail('briefwahl.createElection', { ...KW, key: 'kw-past', date: '2026-11-24' });
    expect(past.message).toContain('Der Wahltag liegt in der Vergangenheit');
    expect(past.fields).toEqual([{ path: 'date', message: 'Der Wahltag liegt in der Vergangenheit.' }]);

    const twice = await fail('briefwahl.createElection', { ...KW, key: 'kw-twice', wahlbezirke: [{ number: 3, name: 'A' }, { number: 3, name: 'B' }] });
    expect(twice.message).toBe('Wahlbezirk in Zeile 2: Wahlbezirk 3 ist doppelt angegeben.');
    expect(twice.fields?.[0]?.path).toBe('wahlbezirke.1.number');

    const key = await fail('briefwahl.createElection', { ...KW, key: 'KW 2026' });
    expect(key.message).toBe('Kennung: Kleinbuchstaben, Ziffern und Bindestriche.');

    const none = await fail('briefwahl.createElection', { ...KW, key: 'kw-none', wahlbezirke: [] });
    expect(none.message).toBe('Wahlbezirke: Mindestens ein Wahlbezirk.');

    const noName = await fail('briefwahl.createElection', { ...KW, key: 'kw-noname', wahlbezirke: [{ number: 1, name: '' }] });
    expect(noName.message).toBe('Wahlbezirk in Zeile 1: Bitte ausfüllen.');

    const list = await t.call(admin, 'briefwahl.elections', {});
    expect(list.map((x) => x.key).filter((k) => k.startsWith('kw-'))).toEqual(['kw-2026-probe']);
  });

  it('imports the Wählerverzeichnis all or nothing, with the line of the error', async () => {
    const bad = await fail('briefwahl.importVoters', { electionKey: 'kw-2026-probe', csv: CSV + '\n7;K7-0001;Demir;Ömer;1992-07-30;Große Straße;129;49808;Lingen (Ems);' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toBe('Zeile 4: Wahlbezirk 7 ist für die Wahl „Kommunalwahl Lingen 2026 (Probe)“ nicht angelegt.');
    expect((await t.call(admin, 'briefwahl.elections', {})).find((e) => e.key === 'kw-2026-probe')!.voters).toBe(0);

    const ok = await t.call(admin, 'briefwahl.importVoters', { electionKey: 'kw-2026-probe', csv: CSV });
    expect(ok).toMatchObject({ imported: 2, updated: 0, election: { voters: 2 } });
    const again = await t.call(admin, 'briefwahl.importVoters', { electionKey: 'kw-2026-probe', csv: CSV });
    expect(again).toMatchObject({ imported: 0, updated: 2, election: { voters: 2 } });

    const found = await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'kw-2026-probe', familyName: 'Brandt', givenNames: null, birthDate: null, residentKennung: null });
    expect(found).toEqual([expect.objectContaining({ voterNumber: 'K2-0001', wahlbezirk: 2 })]);
  });

  it('updates the configuration while no Wahlschein is issued; a Wahlbezirk with voters cannot disappear', async () => {
    const renamed = await t.call(admin, 'briefwahl.updateElection', {
      electionKey: 'kw-2026-probe',
      ...KW,
      name: 'Kommunalwahl Lingen 2026 (Probe, geändert)',
      wahlbezirke: [...KW.wahlbezirke, { number: 3, name: 'Laxten' }],
    });
    expect(renamed).toMatchObject({ key: 'kw-2026-probe', name: 'Kommunalwahl Lingen 2026 (Probe, geändert)', voters: 2 });
    expect(renamed.wahlbezirke.map((w) => w.number)).toEqual([1, 2, 3]);

    const orphan = await fail('briefwahl.updateElection', { electionKey: 'kw-2026-probe', ...KW, wahlbezirke: [{ number: 1, name: 'Altstadt' }] });
    expect(orphan.message).toBe('Wahlbezirk 2 kann nicht entfallen: Im Wählerverzeichnis stehen 1 Person(en) in diesem Wahlbezirk.');

    const past = await fail('briefwahl.updateElection', { electionKey: 'kw-2026-probe', ...KW, date: '2026-01-01' });
    expect(past.message).toContain('Der Wahltag liegt in der Vergangenheit');
  });

  it('issues a Wahlschein once the ballots are ready; then only "ballots ready" may change', async () => {
    const data = {
      electionId: 'kw-2026-probe',
      channel: 'walk_in',
      voter: { familyName: 'Brandt', givenNames: 'Karl-Heinz', birthDate: '1958-02-23', address: { street: 'Marienstraße', houseNumber: '68', postalCode: '49808', city: 'Lingen (Ems)' } },
      voterNumber: 'K2-0001',
      delivery: { kind: 'pickup_in_person' },
    };
    const held = await t.call(clerk, 'cases.createWalkIn', { serviceId: 'briefwahl', residentId: null, deliveryMethod: 'counter', data });
    await t.call(clerk, 'cases.recordPayment', { caseId: held.id, method: 'free', freeReason: 'Gebührenfrei: Briefwahl' });
    const notYet = await t.core.dispatch('cases.issue', { caseId: held.id }, clerk);
    expect(!notYet.ok && notYet.error.message).toContain('Stimmzettel');

    const ready = await t.call(admin, 'briefwahl.setBallotsReady', { electionKey: 'kw-2026-probe', ready: true });
    expect(ready.ballotsReady).toBe(true);
    const issued = await t.call(clerk, 'cases.issue', { caseId: held.id });
    expect(issued.documents[0]!.facts).toMatchObject({ wahlscheinNumber: 'WS 002-0001' });

    const locked = await fail('briefwahl.updateElection', { electionKey: 'kw-2026-probe', ...KW });
    expect(locked.code).toBe('CONFLICT');
    expect(locked.message).toBe(
      'Für die Wahl „Kommunalwahl Lingen 2026 (Probe, geändert)“ sind bereits 1 Wahlschein(e) erteilt; Name, Art, Wahltag und Wahlbezirke können nicht mehr geändert werden. Nur „Stimmzettel liegen vor“ lässt sich noch umstellen.',
    );
    const summary = (await t.call(admin, 'briefwahl.setBallotsReady', { electionKey: 'kw-2026-probe', ready: false }));
    expect(summary).toMatchObject({ ballotsReady: false, wahlscheine: { valid: 1, invalid: 0 } });

    // A re-import after issuing keeps the Vermerk "W" (the store updates by Wählerverzeichnis-Nr.).
    await t.call(admin, 'briefwahl.importVoters', { electionKey: 'kw-2026-probe', csv: CSV });
    const voter = await t.call(clerk, 'briefwahl.searchVoters', { electionKey: 'kw-2026-probe', familyName: 'Brandt', givenNames: null, birthDate: null, residentKennung: null });
    expect(voter[0]).toMatchObject({ markedW: true, validWahlschein: 'WS 002-0001' });
  });

  it('refuses unknown elections in German', async () => {
    const r = await fail('briefwahl.setBallotsReady', { electionKey: 'gibt-es-nicht', ready: true });
    expect(r).toMatchObject({ code: 'NOT_FOUND', message: 'Die Wahl „gibt-es-nicht“ ist nicht angelegt.' });
  });
});

describe('an election that has taken place', () => {
  it('keeps its Wählerverzeichnis and configuration', async () => {
    const clock = manualClock();
    const t = await makeTestCore({ clock });
    const admin = await t.sessionAs('admin');
    await t.call(admin, 'briefwahl.createElection', { ...KW, ballotsReady: true });
    await t.sessionAs('admin', 'verwaltung');
    clock.advance(30 * 86_400_000);
    const later = memorySessionHolder();
    await t.call(later, 'auth.login', { username: 'verwaltung', password: TEST_PASSWORD });
    const r = await t.core.dispatch('briefwahl.importVoters', { electionKey: KW.key, csv: CSV }, later);
    expect(!r.ok && r.error.message).toBe('Die Wahl „Kommunalwahl Lingen 2026 (Probe)“ hat bereits stattgefunden; ihr Wählerverzeichnis wird nicht mehr geändert.');
    const u = await t.core.dispatch('briefwahl.updateElection', { electionKey: KW.key, ...KW }, later);
    expect(!u.ok && u.error.message).toContain('Der Wahltag liegt in der Vergangenheit');
    expect((await t.call(later, 'briefwahl.elections', {})).find((e) => e.key === KW.key)!.voters).toBe(0);
  });
});
