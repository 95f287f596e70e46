/**
 * Sample Personenstandsregister entries of the demo Standesamt Lingen (Ems): invented people with DIN 91379 names,
 * each with Folgebeurkundungen. Used by the tests and as seed for the demo register (CSV importer / demo data).
 * Pure data.
 */
import type { BirthEntry, DeathEntry, MarriageEntry, PartnershipEntry, RegisterEntry } from './register';

const LINGEN = 'Lingen (Ems)';

/**
 * G 399/2010: born as "Zoë Łucja Gößwein"; in 2015 the parents' and the child's family name changed to
 * "Ørsted-Żółkiewski" (§ 27 Abs. 3 Nr. 2 PStG); in 2016 the time of birth was corrected.
 */
export function sampleBirth(): BirthEntry {
  return {
    kind: 'geburt',
    reference: { register: 'G', number: '399', year: 2010 },
    standesamt: LINGEN,
    recorded: { date: '2010-03-16', place: LINGEN, registrar: 'Hüsing', registrarTitle: 'Standesbeamter' },
    facts: {
      child: { birthName: 'Gößwein', givenNames: 'Zoë Łucja', sex: 'weiblich' },
      birth: { date: '2010-03-14', time: '07:42', place: LINGEN },
      parents: [
        {
          designation: 'Mutter',
          familyName: 'Gößwein',
          givenNames: 'Thị Hương',
          birthName: 'Nguyễn',
          sex: 'weiblich',
          elternteilRequested: false,
        },
        {
          designation: 'Vater',
          familyName: 'Gößwein',
          givenNames: 'Łukasz Ödön',
          birthName: null,
          sex: 'männlich',
          elternteilRequested: false,
        },
      ],
    },
    folgebeurkundungen: [
      {
        anlass: 'Namensänderung',
        effectiveDate: '2015-06-22',
        recorded: { date: '2015-07-01', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text:
          'Die Eltern führen auf Grund der Namensänderung nach dem Namensänderungsgesetz vom 22.06.2015 den Familiennamen ' +
          '„Ørsted-Żółkiewski“. Das Kind führt den Geburtsnamen „Ørsted-Żółkiewski“.',
        patch: {
          child: { birthName: 'Ørsted-Żółkiewski' },
          parentChanges: [
            { position: 1, set: { familyName: 'Ørsted-Żółkiewski' } },
            { position: 2, set: { familyName: 'Ørsted-Żółkiewski' } },
          ],
        },
      },
      {
        anlass: 'Berichtigung',
        effectiveDate: null,
        recorded: { date: '2016-02-09', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Die Geburtszeit wird berichtigt: Das Kind ist um 07:24 Uhr geboren.',
        patch: { birth: { time: '07:24' } },
      },
    ],
    hinweise: [
      { anlass: 'Eheschließung der Eltern', text: 'Eheschließung der Eltern: Standesamt Lingen (Ems), Nr. E 45/2008.' },
      { anlass: 'Geburt der Mutter', text: 'Geburt der Mutter: Standesamt Osnabrück, Nr. G 1203/1984.' },
    ],
    restrictions: [],
  };
}

/**
 * G 12/2019: a child of an unmarried mother, the father entered later by Vaterschaftsanerkennung; the mother has
 * asked to be called "Elternteil" (§ 48 Abs. 1a PStV).
 */
export function sampleBirthWithAcknowledgement(): BirthEntry {
  return {
    kind: 'geburt',
    reference: { register: 'G', number: '12', year: 2019 },
    standesamt: LINGEN,
    recorded: { date: '2019-01-09', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
    facts: {
      child: { birthName: 'Şahin', givenNames: 'Yıldız Ħana', sex: 'weiblich' },
      birth: { date: '2019-01-06', time: '23:51', place: LINGEN },
      parents: [
        {
          designation: 'Mutter',
          familyName: 'Şahin',
          givenNames: 'Ayşe Nur',
          birthName: null,
          sex: 'weiblich',
          elternteilRequested: true,
        },
      ],
    },
    folgebeurkundungen: [
      {
        anlass: 'Vaterschaftsanerkennung',
        effectiveDate: '2019-03-11',
        recorded: { date: '2019-03-14', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Ragnar Þórsson, geboren am 30.09.1987 in Reykjavík (Island), hat die Vaterschaft anerkannt.',
        patch: {
          parentChanges: [
            {
              position: 2,
              set: { designation: 'Vater', familyName: 'Þórsson', givenNames: 'Ragnar', birthName: null, sex: 'männlich' },
            },
          ],
        },
      },
    ],
    hinweise: [],
    restrictions: [],
  };
}

/**
 * E 87/2015: marriage of Zofia Ewa Nowak (geb. Kowalska) and Jürgen Schröder; Ehename "Schröder", the wife adds
 * her name ("Nowak-Schröder"). Divorced in 2021; the wife took back her Geburtsname.
 */
export function sampleMarriage(): MarriageEntry {
  return {
    kind: 'ehe',
    reference: { register: 'E', number: '87', year: 2015 },
    standesamt: LINGEN,
    recorded: { date: '2015-06-12', place: LINGEN, registrar: 'Hüsing', registrarTitle: 'Standesbeamter' },
    facts: {
      event: { date: '2015-06-12', place: LINGEN },
      spouses: [
        {
          designation: 'Ehefrau',
          before: { familyName: 'Nowak', birthName: 'Kowalska', givenNames: 'Zofia Ewa' },
          current: { familyName: 'Nowak-Schröder', givenNames: 'Zofia Ewa' },
          birthDate: '1988-04-03',
          birthPlace: 'Kraków (Polen)',
        },
        {
          designation: 'Ehemann',
          before: { familyName: 'Schröder', birthName: null, givenNames: 'Jürgen Ćiril' },
          current: { familyName: 'Schröder', givenNames: 'Jürgen Ćiril' },
          birthDate: '1985-11-30',
          birthPlace: 'Lingen (Ems)',
        },
      ],
      weitereAngaben: [],
    },
    folgebeurkundungen: [
      {
        anlass: 'Auflösung der Ehe',
        effectiveDate: '2021-05-03',
        recorded: { date: '2021-06-01', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Die Ehe ist durch Beschluss des Amtsgerichts Lingen (Ems) vom 29.03.2021 (Az.\u00a012\u00a0F\u00a0345/20) geschieden; rechtskräftig seit 03.05.2021.',
        patch: { addWeitereAngabe: 'Die Ehe ist durch Scheidung aufgelöst; rechtskräftig seit 03.05.2021.' },
      },
      {
        anlass: 'Wiederannahme des Geburtsnamens',
        effectiveDate: '2021-08-16',
        recorded: { date: '2021-08-16', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Die Ehefrau führt auf Grund ihrer Erklärung vom 16.08.2021 wieder ihren Geburtsnamen „Kowalska“.',
        patch: { spouse1: { current: { familyName: 'Kowalska' } } },
      },
    ],
    hinweise: [{ anlass: 'Geburt des Ehemannes', text: 'Geburt des Ehemannes: Standesamt Lingen (Ems), Nr. G 812/1985.' }],
    restrictions: [],
  };
}

/** L 3/2012: Lebenspartnerschaft, converted into a marriage in 2018. */
export function samplePartnership(): PartnershipEntry {
  return {
    kind: 'lebenspartnerschaft',
    reference: { register: 'L', number: '3', year: 2012 },
    standesamt: LINGEN,
    recorded: { date: '2012-08-24', place: LINGEN, registrar: 'Hüsing', registrarTitle: 'Standesbeamter' },
    facts: {
      event: { date: '2012-08-24', place: LINGEN },
      spouses: [
        {
          designation: 'Lebenspartner',
          before: { familyName: 'Öztürk', birthName: null, givenNames: 'Gökhan' },
          current: { familyName: 'Lefèvre-Öztürk', givenNames: 'Gökhan' },
          birthDate: '1979-02-17',
          birthPlace: 'Nordhorn',
        },
        {
          designation: 'Lebenspartner',
          before: { familyName: 'Lefèvre', birthName: null, givenNames: 'Mathis Noël' },
          current: { familyName: 'Lefèvre', givenNames: 'Mathis Noël' },
          birthDate: '1981-07-05',
          birthPlace: 'Liège (Belgien)',
        },
      ],
      weitereAngaben: [],
    },
    folgebeurkundungen: [
      {
        anlass: 'Umwandlung in eine Ehe',
        effectiveDate: '2018-12-15',
        recorded: { date: '2018-12-15', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Die Lebenspartnerschaft ist am 15.12.2018 vor dem Standesamt Lingen (Ems) in eine Ehe umgewandelt worden (Eheregister Nr. E 201/2018).',
        patch: { addWeitereAngabe: 'Die Lebenspartnerschaft ist am 15.12.2018 in eine Ehe umgewandelt worden.' },
      },
    ],
    hinweise: [],
    restrictions: [],
  };
}

/** S 154/2023: death of Hannelore Rūta Weiß, geb. Grünewald; the time of death was corrected. */
export function sampleDeath(): DeathEntry {
  return {
    kind: 'sterbefall',
    reference: { register: 'S', number: '154', year: 2023 },
    standesamt: LINGEN,
    recorded: { date: '2023-01-13', place: LINGEN, registrar: 'Hüsing', registrarTitle: 'Standesbeamter' },
    facts: {
      deceased: { familyName: 'Weiß', birthName: 'Grünewald', givenNames: 'Hannelore Rūta', sex: 'weiblich' },
      birth: { date: '1938-11-02', place: 'Klaipėda (Litauen)' },
      lastResidence: 'Lingen (Ems)',
      maritalStatus: 'verwitwet',
      spouse: { designation: 'Ehegatte', familyName: 'Weiß', givenNames: 'Friedrich Wilhelm' },
      death: { date: '2023-01-12', time: '14:30', place: 'Lingen (Ems)' },
    },
    folgebeurkundungen: [
      {
        anlass: 'Berichtigung',
        effectiveDate: null,
        recorded: { date: '2023-02-02', place: LINGEN, registrar: 'Tiemann', registrarTitle: 'Standesbeamtin' },
        text: 'Die Sterbezeit wird berichtigt: Die Verstorbene ist um 14:05 Uhr verstorben.',
        patch: { death: { time: '14:05' } },
      },
    ],
    hinweise: [{ anlass: 'Geburt', text: 'Geburt der Verstorbenen: beurkundet im Ausland, nicht nachbeurkundet.' }],
    restrictions: [],
  };
}

export function sampleEntries(): RegisterEntry[] {
  return [sampleBirth(), sampleBirthWithAcknowledgement(), sampleMarriage(), samplePartnership(), sampleDeath()];
}
