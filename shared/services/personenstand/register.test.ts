import { describe, expect, it } from 'vitest';
import { invalidNameCharacters } from '../../domain/names';
import {
  currentFacts,
  formatRegisterReference,
  formerChildNames,
  parseRegisterReference,
  referenceProblem,
  registrarHeading,
  validateEntry,
  type BirthEntry,
  type DeathEntry,
  type MarriageEntry,
} from './register';
import { sampleBirth, sampleBirthWithAcknowledgement, sampleDeath, sampleEntries, sampleMarriage, samplePartnership } from './samples';

describe('register references', () => {
  it.each([
    ['G 399/2010', { register: 'G', number: '399', year: 2010 }, 'G 399/2010'],
    ['g399/2010', { register: 'G', number: '399', year: 2010 }, 'G 399/2010'],
    ['  E 0087 / 2015 ', { register: 'E', number: '87', year: 2015 }, 'E 87/2015'],
    ['L Nr. 3/2012', { register: 'L', number: '3', year: 2012 }, 'L 3/2012'],
    ['S 334-1/2015', { register: 'S', number: '334-1', year: 2015 }, 'S 334-1/2015'],
    ['G 1/1876', { register: 'G', number: '1', year: 1876 }, 'G 1/1876'],
  ])('parses %j', (text, ref, formatted) => {
    const parsed = parseRegisterReference(text);
    expect(parsed).toEqual(ref);
    expect(formatRegisterReference(parsed!)).toBe(formatted);
  });

  it.each(['399/2010', 'X 399/2010', 'G 0/2010', 'G 399/1875', 'G 399/10', 'G 399', 'G -3/2010', 'G 1234567/2010', 'G 399/2010 x'])(
    'rejects %j',
    (text) => {
      expect(parseRegisterReference(text)).toBeNull();
      expect(referenceProblem(text, 2026)).toMatch(/G 399\/2010/);
    },
  );

  it('rejects a year in the future', () => {
    expect(referenceProblem('G 1/2027', 2026)).toBe('Das Registerjahr 2027 liegt in der Zukunft.');
    expect(referenceProblem('G 1/2026', 2026)).toBeNull();
  });

  it('names the Standesbeamter by the recorded title', () => {
    expect(registrarHeading('Standesbeamter')).toBe('Der Standesbeamte');
    expect(registrarHeading('Standesbeamtin')).toBe('Die Standesbeamtin');
  });
});

describe('currentFacts (§ 56 Abs. 2 PStG: only the current facts)', () => {
  it('a later name change replaces the child’s and the parents’ names; a Berichtigung replaces the time', () => {
    const entry = sampleBirth();
    const f = currentFacts(entry);
    expect(f.child).toEqual({ birthName: 'Ørsted-Żółkiewski', givenNames: 'Zoë Łucja', sex: 'weiblich' });
    expect(f.birth).toEqual({ date: '2010-03-14', time: '07:24', place: 'Lingen (Ems)' });
    expect(f.parents.map((p) => [p.designation, p.familyName, p.givenNames, p.birthName])).toEqual([
      ['Mutter', 'Ørsted-Żółkiewski', 'Thị Hương', 'Nguyễn'],
      ['Vater', 'Ørsted-Żółkiewski', 'Łukasz Ödön', null],
    ]);
    // The entry keeps its Haupteintrag.
    expect(entry.facts.child.birthName).toBe('Gößwein');
    expect(entry.facts.birth.time).toBe('07:42');
    expect(formerChildNames(entry)).toEqual([{ familyName: 'Gößwein', givenNames: 'Zoë Łucja' }]);
  });

  it('a Vaterschaftsanerkennung adds the second parent', () => {
    const f = currentFacts(sampleBirthWithAcknowledgement());
    expect(f.parents.map((p) => `${p.designation}: ${p.givenNames} ${p.familyName}`)).toEqual([
      'Mutter: Ayşe Nur Şahin',
      'Vater: Ragnar Þórsson',
    ]);
    expect(f.parents[0]!.elternteilRequested).toBe(true);
    expect(f.parents[1]!.elternteilRequested).toBe(false);
  });

  it('an Annahme als Kind replaces both parents and the Geburtsname; an Anfechtung removes a parent', () => {
    const base = sampleBirth();
    const adopted: BirthEntry = {
      ...base,
      folgebeurkundungen: [
        ...base.folgebeurkundungen,
        {
          anlass: 'Annahme als Kind',
          effectiveDate: '2020-01-10',
          recorded: { date: '2020-02-01', place: 'Lingen (Ems)', registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
          text: 'Das Kind ist von den Eheleuten … angenommen worden.',
          patch: {
            child: { birthName: 'Ŝmidt' },
            parents: [
              { designation: 'Vater', familyName: 'Ŝmidt', givenNames: 'Ǧorge', birthName: null, sex: 'männlich', elternteilRequested: false },
              { designation: 'Vater', familyName: 'Ŝmidt', givenNames: 'Ḱiril', birthName: 'Ḱostov', sex: 'männlich', elternteilRequested: false },
            ],
          },
        },
        {
          anlass: 'Berichtigung',
          effectiveDate: null,
          recorded: { date: '2020-03-01', place: 'Lingen (Ems)', registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
          text: 'Der zweite Elternteil wird gestrichen.',
          patch: { parentChanges: [{ position: 2, set: null }] },
        },
      ],
    };
    const f = currentFacts(adopted);
    expect(f.child.birthName).toBe('Ŝmidt');
    expect(f.parents.map((p) => p.givenNames)).toEqual(['Ǧorge']);
    expect(JSON.stringify(f)).not.toContain('Ørsted');
    expect(validateEntry(adopted)).toEqual([]);
  });

  it('refuses to add a parent at a gap and to add an incomplete parent', () => {
    const e = sampleBirthWithAcknowledgement();
    const fb = e.folgebeurkundungen[0]!;
    const gap: BirthEntry = { ...e, facts: { ...e.facts, parents: [] } };
    expect(() => currentFacts(gap)).toThrow(/Stelle 2 setzt einen Elternteil an Stelle 1 voraus/);
    const incomplete: BirthEntry = {
      ...e,
      folgebeurkundungen: [{ ...fb, patch: { parentChanges: [{ position: 2, set: { familyName: 'Þórsson' } }] } }],
    };
    expect(() => currentFacts(incomplete)).toThrow(/braucht Bezeichnung, Familienname und Vornamen/);
    expect(validateEntry(incomplete).join('\n')).toMatch(/Folgebeurkundung 1: ein neuer Elternteil/);
  });

  it('marriage: the current name after the Wiederannahme des Geburtsnamens; names before the marriage stay; the dissolution is a Weitere Angabe', () => {
    const entry = sampleMarriage();
    const f = currentFacts(entry);
    expect(f.spouses[0].current).toEqual({ familyName: 'Kowalska', givenNames: 'Zofia Ewa' });
    expect(f.spouses[0].before).toEqual({ familyName: 'Nowak', birthName: 'Kowalska', givenNames: 'Zofia Ewa' });
    expect(f.spouses[1].current.familyName).toBe('Schröder');
    expect(f.weitereAngaben).toEqual(['Die Ehe ist durch Scheidung aufgelöst; rechtskräftig seit 03.05.2021.']);
    expect(JSON.stringify(f)).not.toContain('Nowak-Schröder');
    expect(entry.facts.weitereAngaben).toEqual([]);
  });

  it('Lebenspartnerschaft: the conversion into a marriage is a Weitere Angabe', () => {
    expect(currentFacts(samplePartnership()).weitereAngaben).toEqual([
      'Die Lebenspartnerschaft ist am 15.12.2018 in eine Ehe umgewandelt worden.',
    ]);
  });

  it('Sterbefall: a Berichtigung of the time of death; the spouse can be removed', () => {
    const e = sampleDeath();
    expect(currentFacts(e).death).toEqual({ date: '2023-01-12', time: '14:05', place: 'Lingen (Ems)' });
    const noSpouse: DeathEntry = {
      ...e,
      folgebeurkundungen: [
        ...e.folgebeurkundungen,
        { ...e.folgebeurkundungen[0]!, anlass: 'Berichtigung', patch: { spouse: null, maritalStatus: 'ledig' } },
      ],
    };
    const f = currentFacts(noSpouse);
    expect(f.spouse).toBeNull();
    expect(f.maritalStatus).toBe('ledig');
    expect(f.death.time).toBe('14:05');
  });

  it('applies Folgebeurkundungen in the order of their numbers, later ones winning', () => {
    const e = sampleMarriage();
    const fb = e.folgebeurkundungen[1]!;
    const twice: MarriageEntry = {
      ...e,
      folgebeurkundungen: [
        { ...fb, patch: { spouse1: { current: { familyName: 'Erste' } } } },
        { ...fb, patch: { spouse1: { current: { familyName: 'Zweite' } } } },
      ],
    };
    expect(currentFacts(twice).spouses[0].current.familyName).toBe('Zweite');
  });
});

describe('validateEntry', () => {
  it('accepts every sample entry; all sample names are DIN 91379 names', () => {
    for (const e of sampleEntries()) expect(validateEntry(e), formatRegisterReference(e.reference)).toEqual([]);
    const b = sampleBirth();
    for (const n of [b.facts.child.givenNames, 'Ørsted-Żółkiewski', 'Thị Hương', 'Nguyễn', 'Łukasz Ödön', 'Gößwein']) {
      expect(invalidNameCharacters(n)).toEqual([]);
    }
  });

  it('reports names outside DIN 91379, bad dates and times, and a register letter that does not fit', () => {
    const b = sampleBirth();
    const bad: BirthEntry = {
      ...b,
      reference: { ...b.reference, register: 'E' },
      facts: {
        ...b.facts,
        child: { ...b.facts.child, givenNames: 'Ζωή' },
        birth: { date: '2010-02-30', time: '25:00', place: 'Lingen (Ems)' },
      },
      folgebeurkundungen: [{ ...b.folgebeurkundungen[0]!, patch: { child: { birthName: 'Smith😀' } } }],
    };
    const problems = validateEntry(bad);
    expect(problems).toContain('Ein Eintrag „geburt“ gehört in das Geburtenregister, nicht in das Eheregister.');
    expect(problems).toContain('Vornamen des Kindes: Zeichen außerhalb von DIN 91379: „Ζ“, „ω“, „ή“.');
    expect(problems).toContain('Tag der Geburt: kein gültiges Datum (JJJJ-MM-TT).');
    expect(problems).toContain('Geburtszeit: keine gültige Uhrzeit (HH:MM).');
    expect(problems.some((p) => p.startsWith('Folgebeurkundung 1: Geburtsname des Kindes: Zeichen außerhalb von DIN 91379'))).toBe(true);
  });

  it('reports missing required names', () => {
    const m = sampleMarriage();
    const bad: MarriageEntry = {
      ...m,
      facts: { ...m.facts, spouses: [{ ...m.facts.spouses[0], current: { familyName: ' ', givenNames: 'Zofia Ewa' } }, m.facts.spouses[1]] },
    };
    expect(validateEntry(bad)).toContain('1. Ehefrau, Familienname: fehlt.');
  });
});
