/**
 * Texts of a Gewerbeanzeige as the queue, the case view and the Empfangsbescheinigung show them. Pure TypeScript.
 */
import { germanDate } from '../../domain/niedersachsen-calendar';
import {
  ACTIVITY_CHANGES,
  DEREGISTRATION_REASONS,
  ESTABLISHMENT_KINDS,
  FORM_INFO,
  PERSON_ROLES,
  REGISTRATION_REASONS,
  TAKEOVER_KINDS,
  legalFormInfo,
  type AddressData,
  type BusinessData,
  type GewerbeanzeigeData,
  type PersonData,
  type RegisterData,
} from './schema';

function squash(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** "Burgstraße 21a, 49808 Lingen (Ems)"; abroad with the country code: "…, 7811 AB Emmen (NL)". */
export function addressLine(a: AddressData): string {
  const street = squash(`${a.street} ${a.houseNumber}`);
  const place = squash(`${a.postalCode} ${a.city}`);
  return `${street}, ${place}${a.country && a.country !== 'DE' ? ` (${a.country})` : ''}`;
}

/** "Dr. Łukasz Ödön Żółkiewski" */
export function personName(p: Pick<PersonData, 'doctoralDegree' | 'givenNames' | 'familyName'>): string {
  return squash([p.doctoralDegree, p.givenNames, p.familyName].filter((s) => s).join(' '));
}

/** "Dr. Łukasz Żółkiewski, geb. 29.02.1984 (Geschäftsführer)" */
export function personLine(p: PersonData): string {
  const role = p.position || PERSON_ROLES.find((r) => r.id === p.role)!.label;
  const born = p.birthName ? `, geb. ${p.birthName}` : '';
  return `${personName(p)}${born}, geboren am ${germanDate(p.birthDate)} (${role})`;
}

/** "Amtsgericht Osnabrück, HRB 201234" */
export function registerText(r: RegisterData): string {
  const court = /^amtsgericht\b/i.test(r.court) ? r.court : `Amtsgericht ${r.court}`;
  return `${squash(court)}, ${r.type} ${r.number}`;
}

/** The register line for a business: the entry, "Eintragung beantragt", or null where there is none. */
export function businessRegisterLine(b: BusinessData): string | null {
  if (b.register) return registerText(b.register);
  if (b.registrationPending) return 'Eintragung in das Register beantragt';
  return null;
}

/** The legal form as printed: "GmbH", "Einzelunternehmen", "Verein" (for "sonstige"). */
export function legalFormText(b: BusinessData): string {
  if (b.legalForm === 'sonstige') return b.legalFormOther || 'sonstige Rechtsform';
  const info = legalFormInfo(b.legalForm);
  return info.short || info.label;
}

/**
 * The name the business goes by: the Firma; for an Einzelunternehmen without a Geschäftsbezeichnung the owner's
 * name; for an unnamed GbR its partners' names ("Anna Weber und Jan Kuipers GbR").
 */
export function businessDisplayName(d: Pick<GewerbeanzeigeData, 'business' | 'persons'>): string {
  const b = d.business;
  if (b.name) return squash(b.name);
  const names = d.persons.map((p) => squash(`${p.givenNames} ${p.familyName}`));
  if (b.legalForm === 'gbr') {
    const joined = names.length > 1 ? `${names.slice(0, -1).join(', ')} und ${names.at(-1)}` : (names[0] ?? '');
    return `${joined} GbR`;
  }
  return names[0] ?? '';
}

/** "Gewerbe-Anmeldung (GewA 1)" */
export function formTitle(d: Pick<GewerbeanzeigeData, 'form'>): string {
  const f = FORM_INFO[d.form];
  return `${f.title} (${f.code})`;
}

export function establishmentKindLabel(d: Pick<GewerbeanzeigeData, 'establishment'>): string {
  return ESTABLISHMENT_KINDS.find((k) => k.id === d.establishment.kind)!.label;
}

/** The reason or kind of change, as one line. */
export function reasonText(d: GewerbeanzeigeData): string {
  switch (d.form) {
    case 'GewA1': {
      if (d.reason === 'sonstige') return d.reasonOther || 'Sonstiger Grund';
      const label = REGISTRATION_REASONS.find((r) => r.id === d.reason)!.label;
      if (d.reason === 'uebernahme' && d.takeover) {
        const kind = TAKEOVER_KINDS.find((k) => k.id === d.takeover!.kind)!.label;
        return `${label} (${kind}) von ${squash(d.takeover.previousOwner)}`;
      }
      return label;
    }
    case 'GewA2': {
      const parts: string[] = [];
      if (d.changes.relocation) parts.push('Verlegung der Betriebsstätte');
      if (d.changes.activityChange !== 'keine') {
        parts.push(ACTIVITY_CHANGES.find((c) => c.id === d.changes.activityChange)!.label);
      }
      return parts.join(' und ');
    }
    case 'GewA3':
      if (d.reason === 'sonstige') return d.reasonOther || 'Sonstiger Grund';
      return DEREGISTRATION_REASONS.find((r) => r.id === d.reason)!.label;
  }
}

/** A one-line summary for the queue: "GewA 1 · Bäckerei Müller GmbH · Beginn 01.04.2026". */
export function noticeSummary(d: GewerbeanzeigeData): string {
  const f = FORM_INFO[d.form];
  const date = d.form === 'GewA1' ? d.startDate : d.form === 'GewA2' ? d.changeDate : d.endDate;
  const word = d.form === 'GewA1' ? 'Beginn' : d.form === 'GewA2' ? 'Änderung ab' : 'Aufgabe zum';
  return `${f.code} · ${businessDisplayName(d)} · ${word} ${germanDate(date)}`;
}
