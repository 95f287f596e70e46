/**
 * A short view of a Personenstandsregister entry for the clerk's search results and the case screen: who, what,
 * when and where, with the current facts (§ 56 Abs. 2 PStG). Pure TypeScript (core and renderer).
 */
import {
  REGISTER_NAMES,
  currentFacts,
  formatRegisterReference,
  type EntryKind,
  type EntryRestriction,
  type RegisterEntry,
  type RegisterKind,
} from './register';

export interface EntrySummary {
  /** "G 399/2010" */
  reference: string;
  register: RegisterKind;
  registerName: string;
  kind: EntryKind;
  /** "Geburt", "Eheschließung", "Begründung der Lebenspartnerschaft", "Tod". */
  event: string;
  eventDate: string;
  eventPlace: string;
  /** The people of the entry with their current names: "Zoë Łucja Ørsted-Żółkiewski (geb. 14.03.2010)". */
  persons: string[];
  standesamt: string;
  restrictions: EntryRestriction[];
}

const EVENTS: Record<EntryKind, string> = {
  geburt: 'Geburt',
  ehe: 'Eheschließung',
  lebenspartnerschaft: 'Begründung der Lebenspartnerschaft',
  sterbefall: 'Tod',
};

export const RESTRICTION_LABELS: Record<EntryRestriction, string> = {
  annahme_als_kind: 'Annahme als Kind (§ 63 Abs. 1 PStG)',
  sbgg: 'Änderung von Geschlechtseintrag und Vornamen (§ 63 Abs. 2 PStG)',
  sperrvermerk: 'Sperrvermerk (§ 64 PStG)',
};

const de = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

export function summarizeEntry(entry: RegisterEntry): EntrySummary {
  const base = {
    reference: formatRegisterReference(entry.reference),
    register: entry.reference.register,
    registerName: REGISTER_NAMES[entry.reference.register],
    kind: entry.kind,
    event: EVENTS[entry.kind],
    standesamt: entry.standesamt,
    restrictions: entry.restrictions,
  };
  switch (entry.kind) {
    case 'geburt': {
      const f = currentFacts(entry);
      return { ...base, eventDate: f.birth.date, eventPlace: f.birth.place, persons: [`${f.child.givenNames} ${f.child.birthName}`] };
    }
    case 'sterbefall': {
      const f = currentFacts(entry);
      const born = f.deceased.birthName ? ` geb. ${f.deceased.birthName}` : '';
      return {
        ...base,
        eventDate: f.death.date,
        eventPlace: f.death.place,
        persons: [`${f.deceased.givenNames} ${f.deceased.familyName}${born} (geboren ${de(f.birth.date)})`],
      };
    }
    default: {
      const f = currentFacts(entry);
      return {
        ...base,
        eventDate: f.event.date,
        eventPlace: f.event.place,
        persons: f.spouses.map((s) => `${s.current.givenNames} ${s.current.familyName} (geboren ${de(s.birthDate)})`),
      };
    }
  }
}
