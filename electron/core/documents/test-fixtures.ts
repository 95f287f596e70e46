/** Fixtures for the document tests (letterhead of the demo town, residents with DIN 91379 names). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Letterhead, Resident } from '../../../shared/domain/types';
import { defaultSettings } from '../settings/settings';

export const RESOURCES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

export const LETTERHEAD: Letterhead = defaultSettings('/nonexistent').letterhead;

export function resident(overrides: Partial<Resident> = {}): Resident {
  return {
    id: 1,
    familyName: 'Żółkiewski-Ørsted',
    givenNames: 'Łukasz Ödön',
    callName: 'Łukasz',
    doctoralDegree: 'Dr.',
    formerNames: ['GROẞE'],
    religiousOrArtistName: null,
    birthDate: '1984-02-29',
    birthPlace: 'Gdańsk',
    sex: 'm',
    taxId: '47036892816',
    legalRepresentatives: [],
    nationalities: ['deutsch', 'polnisch'],
    religion: 'römisch-katholisch',
    maritalStatus: 'verheiratet',
    spouse: 'Ayşe Güneş, geb. 12.03.1986',
    minorChildren: ['Yıldız Çelik, geb. 05.07.2015'],
    idDocument: 'Personalausweis L01X00T47, ausgestellt 02.05.2021 von Stadt Lingen (Ems), gültig bis 01.05.2031',
    dateOfDeath: null,
    auskunftssperre: false,
    addresses: [
      {
        street: 'Burgstraße',
        houseNumber: '21a',
        postalCode: '49808',
        city: 'Lingen (Ems)',
        kind: 'haupt',
        movedIn: '2019-08-01',
        movedOut: null,
      },
      {
        street: 'Kőváry-Weg',
        houseNumber: '3',
        postalCode: '48149',
        city: 'Münster',
        kind: 'neben',
        movedIn: '2022-10-01',
        movedOut: null,
      },
      {
        street: 'Schlossstraße',
        houseNumber: '7',
        postalCode: '49809',
        city: 'Lingen (Ems)',
        kind: 'haupt',
        movedIn: '2010-04-15',
        movedOut: '2019-07-31',
      },
    ],
    ...overrides,
  };
}
