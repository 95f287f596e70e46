import {
  CERTIFICATE_KINDS,
  PURPOSES,
  RELATION_LABELS,
  RELATIONS,
  type CertificateKindId,
  type CounterApplicant,
  type PurposeId,
  type Relation,
  type Signer,
} from '../../../../shared/services/personenstand/index';
import { formatIsoDate } from '../../lib/format';

/** The case data as the form edits it (loosely read: the core validates). */
export interface FormData {
  kind: CertificateKindId;
  registerReference: string | null;
  copies: number;
  purpose: PurposeId;
  relation: Relation;
  legalInterest: string;
  birthOptions: { withoutSex: boolean; withoutParents: boolean; elternteilFor: (1 | 2)[] };
  withHinweise: boolean;
  delivery: 'counter' | 'post';
  applicant: CounterApplicant | null;
  signer: Signer | null;
  requestedEntry: Record<string, unknown> | null;
}

export const EMPTY_APPLICANT: CounterApplicant = {
  familyName: '',
  givenNames: '',
  birthDate: '',
  street: '',
  houseNumber: '',
  postalCode: '',
  city: '',
};

export function readData(data: Record<string, unknown>): FormData {
  const bo = (data.birthOptions ?? {}) as Partial<FormData['birthOptions']>;
  return {
    kind: (CERTIFICATE_KINDS.find((k) => k.id === data.kind)?.id ?? 'geburtsurkunde') as CertificateKindId,
    registerReference: typeof data.registerReference === 'string' ? data.registerReference : null,
    copies: typeof data.copies === 'number' ? data.copies : 1,
    purpose: (PURPOSES.find((p) => p.id === data.purpose)?.id ?? 'allgemein') as PurposeId,
    relation: ((RELATIONS as readonly string[]).includes(String(data.relation)) ? data.relation : 'self') as Relation,
    legalInterest: typeof data.legalInterest === 'string' ? data.legalInterest : '',
    birthOptions: { withoutSex: !!bo.withoutSex, withoutParents: !!bo.withoutParents, elternteilFor: Array.isArray(bo.elternteilFor) ? bo.elternteilFor : [] },
    withHinweise: data.withHinweise === true,
    delivery: data.delivery === 'post' ? 'post' : 'counter',
    applicant: data.applicant && typeof data.applicant === 'object' ? (data.applicant as CounterApplicant) : null,
    signer: data.signer && typeof data.signer === 'object' ? (data.signer as Signer) : null,
    requestedEntry: data.requestedEntry && typeof data.requestedEntry === 'object' ? (data.requestedEntry as Record<string, unknown>) : null,
  };
}

export function initialData(): Record<string, unknown> {
  return {
    kind: 'geburtsurkunde',
    registerReference: '',
    copies: 1,
    purpose: 'allgemein',
    relation: 'self',
    legalInterest: '',
    birthOptions: { withoutSex: false, withoutParents: false, elternteilFor: [] },
    withHinweise: false,
    delivery: 'counter',
    applicant: null,
    signer: null,
  };
}

export const kindLabel = (id: CertificateKindId) => CERTIFICATE_KINDS.find((k) => k.id === id)?.label ?? id;

/** "Anna Müller, Geburt am 05.05.1975 in Lingen (Ems)" — the entry as an online order names it. */
export function requestedEntryText(e: Record<string, unknown>): string {
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');
  const spouse = e.ehegatte as { vornamen?: string; familienname?: string } | null | undefined;
  const parts = [`${str('vornamen')} ${str('familienname')}`.trim()];
  if (str('geburtsname')) parts[0] += ` geb. ${str('geburtsname')}`;
  if (spouse?.familienname) parts.push(`mit ${spouse.vornamen ?? ''} ${spouse.familienname}`.replace(/\s+/g, ' '));
  parts.push(`am ${formatIsoDate(str('ereignisdatum'))} in ${str('ereignisort') || 'Lingen (Ems)'}`);
  if (str('registerzeichen')) parts.push(`angegebenes Registerzeichen ${str('registerzeichen')}`);
  return parts.join(', ');
}

export function describeData(data: Record<string, unknown>): { label: string; value: string }[] {
  const d = readData(data);
  const rows = [
    { label: 'Urkunde', value: kindLabel(d.kind) },
    { label: 'Registerzeichen', value: d.registerReference ?? 'noch nicht zugeordnet' },
    { label: 'Ausfertigungen', value: String(d.copies) },
    { label: 'Verwendungszweck', value: PURPOSES.find((p) => p.id === d.purpose)?.label ?? d.purpose },
    { label: 'Antragsteller ist', value: RELATION_LABELS[d.relation] },
  ];
  if (d.relation === 'sibling' || d.relation === 'other') rows.push({ label: 'Dargelegtes Interesse', value: d.legalInterest || '–' });
  if (d.kind === 'geburtsurkunde') {
    const opts = [d.birthOptions.withoutSex ? 'ohne Geschlecht' : null, d.birthOptions.withoutParents ? 'ohne Angaben zu den Eltern' : null].filter(Boolean);
    rows.push({ label: 'Auf Antrag', value: opts.length ? opts.join(', ') : 'vollständig (mit Geschlecht und Eltern)' });
  }
  if (d.kind === 'registerausdruck') rows.push({ label: 'Hinweise', value: d.withHinweise ? 'aufnehmen' : 'nicht aufnehmen' });
  if (d.applicant) {
    const a = d.applicant;
    rows.push({
      label: 'Antragstellende Person',
      value: `${a.givenNames} ${a.familyName}, geboren ${formatIsoDate(a.birthDate)}, ${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`,
    });
  }
  if (d.requestedEntry) rows.push({ label: 'Eintrag laut Online-Antrag', value: requestedEntryText(d.requestedEntry) });
  rows.push({ label: 'Zustellung', value: d.delivery === 'post' ? 'Versand per Post' : 'Aushändigung am Schalter' });
  return rows;
}
