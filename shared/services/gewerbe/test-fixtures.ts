/** Valid Gewerbeanzeigen for tests (shared rules and the Empfangsbescheinigung), with DIN 91379 names. */
import type { GewerbeanzeigeInput } from './schema';

type Anmeldung = Extract<GewerbeanzeigeInput, { form: 'GewA1' }>;
type Ummeldung = Extract<GewerbeanzeigeInput, { form: 'GewA2' }>;
type Abmeldung = Extract<GewerbeanzeigeInput, { form: 'GewA3' }>;
type PersonInput = Anmeldung['persons'][number];

export function person(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    role: 'inhaber',
    familyName: 'Żółkiewski-Ørsted',
    givenNames: 'Łukasz Ödön',
    doctoralDegree: 'Dr.',
    birthDate: '1984-02-29',
    birthPlace: 'Gdańsk',
    birthCountry: 'Polen',
    nationalities: ['deutsch', 'polnisch'],
    address: { street: 'Burgstraße', houseNumber: '21a', postalCode: '49808', city: 'Lingen (Ems)' },
    ...overrides,
  };
}

export const PARTNER_AYSE: PersonInput = {
  role: 'gesellschafter',
  familyName: 'Güneş',
  givenNames: 'Ayşe',
  birthName: 'Yıldız',
  birthDate: '1986-03-12',
  birthPlace: 'İzmir',
  birthCountry: 'Türkei',
  nationalities: ['deutsch'],
  address: { street: 'Kőváry-Weg', houseNumber: '3', postalCode: '49809', city: 'Lingen (Ems)' },
};

export const PARTNER_JAN: PersonInput = {
  role: 'gesellschafter',
  familyName: 'Kuipers',
  givenNames: 'Jan',
  birthDate: '1979-11-02',
  birthPlace: 'Emmen',
  birthCountry: 'Niederlande',
  nationalities: ['niederländisch'],
  address: { street: 'Hoofdstraat', houseNumber: '12', postalCode: '7811 AB', city: 'Emmen', country: 'NL' },
};

export const PARTNER_GREET: PersonInput = {
  role: 'gesellschafter',
  familyName: 'GROẞE',
  givenNames: 'Margarethe',
  birthDate: '1990-07-01',
  birthPlace: 'Lingen (Ems)',
  nationalities: ['deutsch'],
  address: { street: 'Am Pulverturm', houseNumber: '4', postalCode: '49808', city: 'Lingen (Ems)' },
};

const ESTABLISHMENT = {
  address: { street: 'Lookenstraße', houseNumber: '12', postalCode: '49808', city: 'Lingen (Ems)' },
};

/** An Einzelunternehmen opening a shop (GewA 1). */
export function anmeldung(overrides: Partial<Anmeldung> = {}): Anmeldung {
  return {
    form: 'GewA1',
    receivedOn: '2026-03-10',
    business: { name: 'Ödöns Fahrradwerkstatt', legalForm: 'einzelunternehmen' },
    persons: [person()],
    establishment: ESTABLISHMENT,
    activity: { description: 'Einzelhandel mit Fahrrädern und Fahrradzubehör', wz2008: '47.64.1' },
    employees: { fullTime: 1, partTime: 2 },
    startDate: '2026-04-01',
    ...overrides,
  };
}

/** A GbR of three partners (GewA 1). */
export function gbrAnmeldung(overrides: Partial<Anmeldung> = {}): Anmeldung {
  return anmeldung({
    business: { name: 'Güneş, Kuipers & Große Café GbR', legalForm: 'gbr' },
    persons: [PARTNER_AYSE, PARTNER_JAN, PARTNER_GREET],
    activity: { description: 'Café mit Ausschank alkoholfreier Getränke und Verkauf von Backwaren', wz2008: '56.10.2', food: true },
    ...overrides,
  });
}

/** A GmbH relocating within Lingen and extending its activity (GewA 2). */
export function ummeldung(overrides: Partial<Ummeldung> = {}): Ummeldung {
  return {
    form: 'GewA2',
    receivedOn: '2026-03-10',
    business: {
      name: 'Emsland Elektrotechnik GmbH',
      legalForm: 'gmbh',
      register: { court: 'Osnabrück', type: 'HRB', number: '201234' },
    },
    persons: [person({ role: 'gesetzlicher_vertreter', position: 'Geschäftsführer' })],
    establishment: {
      address: { street: 'Kaiserstraße', houseNumber: '30', postalCode: '49809', city: 'Lingen (Ems)' },
    },
    activity: {
      description: 'Elektroinstallation; zusätzlich Planung und Montage von Photovoltaikanlagen',
      craft: 'A',
      craftCard: { chamber: 'Handwerkskammer Osnabrück-Emsland-Grafschaft Bentheim', issuedOn: '2019-05-02' },
    },
    changes: {
      relocation: true,
      previousAddress: { street: 'Lookenstraße', houseNumber: '12', postalCode: '49808', city: 'Lingen (Ems)' },
      activityChange: 'ausdehnung',
      previousActivity: 'Elektroinstallation',
    },
    changeDate: '2026-03-01',
    ...overrides,
  };
}

/** An e. K. closing down (GewA 3). */
export function abmeldung(overrides: Partial<Abmeldung> = {}): Abmeldung {
  return {
    form: 'GewA3',
    receivedOn: '2026-03-10',
    business: {
      name: 'Blumen Weiß e. K.',
      legalForm: 'ek',
      register: { court: 'Amtsgericht Osnabrück', type: 'HRA', number: '200815' },
    },
    persons: [person({ familyName: 'Weiß', givenNames: 'Jürgen', doctoralDegree: '' })],
    establishment: ESTABLISHMENT,
    activity: { description: 'Einzelhandel mit Blumen und Pflanzen', wz2008: '47.76.1' },
    employees: { fullTime: 0, partTime: 1 },
    endDate: '2026-02-28',
    reason: 'aufgabe',
    ...overrides,
  };
}
