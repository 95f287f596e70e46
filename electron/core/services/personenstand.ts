/**
 * Core rules of the Personenstandsurkunden (PStG §§ 55–62): the data, entitlement and fees are in
 * shared/services/personenstand/; here the store checks against the Personenstandsregister, the approval for a
 * stated interest, the online order's lookup of its entry, who signs, and the certificate itself.
 *
 * Online orders name the entry by names and dates (few citizens know "G 399/2010"). `afterCreate` looks it up: one
 * entry of the register fits → it is assigned; none or several → the case gets the task "Registereintrag zuordnen"
 * and the clerk assigns it in the case screen (`personenstand.setRegisterReference`). Nothing is issued before.
 */
import {
  ENTRY_REGISTER,
  REGISTER_NAMES,
  certificateKind,
  checkEntitlement,
  configuredFees,
  currentFacts,
  fee as feeFor,
  formatRegisterReference,
  isFreePurpose,
  isRefused,
  kindFitsRegister,
  needsApproval,
  personenstandData,
  personenstandsurkunde,
  purposeNote,
  PURPOSES,
  type BirthFacts,
  type DeathFacts,
  type PersonenstandData,
  type RegisterEntry,
  type UnionFacts,
  type RegisterKind,
} from '../../../shared/services/personenstand/index';
import type { Resident, User } from '../../../shared/domain/types';
import { ApiFailure } from '../api/errors';
import { getUser } from '../auth/users';
import { addCaseTasks } from '../cases/service-case';
import { sql, type Db } from '../db/connection';
import { getEntryByReference, searchEntries } from '../registers/personenstand';
import { searchWords } from '../../../shared/domain/names';
import { summarizeEntry } from '../../../shared/services/personenstand/summary';
import type { RuleContext, ServiceRules } from './types';

export const PERSONENSTAND_DOCUMENT_TYPE = 'personenstandsurkunde';
export const PERSONENSTAND_DOCUMENT_PREFIX = 'PU';
/** The case task of an online order whose entry could not be identified. */
export const ASSIGN_ENTRY_TASK = 'registereintrag';

const parse = (data: Record<string, unknown>): PersonenstandData => personenstandData.parse(data);

/** The copies of case data or of an online `antrag` (both carry `copies`; the fee needs nothing else). */
function copiesOf(data: Record<string, unknown>): number {
  return typeof data.copies === 'number' && Number.isInteger(data.copies) && data.copies >= 1 ? data.copies : 1;
}

function fail(message: string, path?: string): never {
  throw new ApiFailure('CONFLICT', message, path ? [{ path, message }] : undefined);
}

/** The register a reference names ("G 399/2010" → G), or undefined. */
function registerOf(reference: string | null): RegisterKind | undefined {
  const m = reference ? /^\s*([GELSgels])/.exec(reference) : null;
  return m ? (m[1]!.toUpperCase() as RegisterKind) : undefined;
}

/**
 * The register entry of the data, checked: assigned, in the register, and of a register the certificate kind is
 * issued from. Throws a German message naming the field.
 */
export function entryOf(db: Db, d: PersonenstandData): RegisterEntry {
  if (d.registerReference === null) {
    fail(
      'Der Registereintrag ist noch nicht zugeordnet: bitte im Personenstandsregister suchen und das Registerzeichen übernehmen.',
      'data.registerReference',
    );
  }
  const stored = getEntryByReference(db, d.registerReference);
  if (!stored) fail(`Im Personenstandsregister gibt es keinen Eintrag ${d.registerReference}.`, 'data.registerReference');
  const entry = stored.entry;
  // The schema compares kind and reference letter; this guards data stored before a correction of the entry.
  const register = ENTRY_REGISTER[entry.kind];
  if (!kindFitsRegister(d.kind, register)) {
    fail(`Eine ${certificateKind(d.kind).label} kann nicht aus dem ${REGISTER_NAMES[register]} ausgestellt werden.`, 'data.kind');
  }
  const parents = entry.kind === 'geburt' ? currentFacts(entry).parents.length : 0;
  for (const position of d.birthOptions.elternteilFor) {
    if (position > parents) fail(`Im Eintrag ist kein ${position}. Elternteil eingetragen.`, 'data.birthOptions.elternteilFor');
  }
  return entry;
}

/** The applicant's birth date: from the Melderegister, else as recorded on the case (counter form or online order). */
function applicantBirthDate(d: PersonenstandData, resident: Resident | null): string | null {
  return resident?.birthDate ?? d.applicant?.birthDate ?? d.applicantBirthDate ?? null;
}

/** § 62 PStG for the data and its entry; the approval itself is the core's step (cases.approve before the fee). */
function checkEntitled(ctx: RuleContext, d: PersonenstandData, entry: RegisterEntry, resident: Resident | null): void {
  const birthDate = applicantBirthDate(d, resident);
  if (!birthDate) {
    fail('Bitte die antragstellende Person angeben (Name, Geburtsdatum und Anschrift).', 'data.applicant');
  }
  const result = checkEntitlement({
    relation: d.relation,
    applicantBirthDate: birthDate,
    today: ctx.now,
    legalInterest: d.legalInterest,
    register: ENTRY_REGISTER[entry.kind],
    registerausdruck: d.kind === 'registerausdruck',
    restrictions: entry.restrictions,
    personDeceased: entry.kind === 'sterbefall',
  });
  if (isRefused(result)) fail(result.refused.join(' '));
}

/** Why a supervisor must look at the application before the fee (a stated interest), or null. */
export function interestApproval(d: Pick<PersonenstandData, 'relation' | 'legalInterest' | 'registerReference'>): string | null {
  if (d.relation !== 'sibling' && d.relation !== 'other') return null;
  const r = checkEntitlement({
    relation: d.relation,
    // Age and restrictions are checked against the entry and the applicant elsewhere; here only the interest.
    applicantBirthDate: '1900-01-01',
    today: '2000-01-01',
    legalInterest: d.legalInterest,
    register: registerOf(d.registerReference),
  });
  return needsApproval(r) ? `${r.needsApproval} Angegeben: „${d.legalInterest.trim()}“` : null;
}

/** A Sperrvermerk (§ 64 PStG) needs the supervisor's release for anyone but the person. */
function blockApproval(entry: RegisterEntry, d: PersonenstandData): string | null {
  return entry.restrictions.includes('sperrvermerk') && d.relation !== 'self' && entry.kind !== 'sterbefall'
    ? 'Für den Eintrag ist ein Sperrvermerk eingetragen (§ 64 PStG): die Teamleitung muss die Erteilung vorab prüfen und freigeben.'
    : null;
}

/** Records the approval a case needs, unless one is recorded already (the interest's reason stays first). */
export function requireApprovalOnCase(db: Db, caseId: number, reason: string): void {
  sql(db, 'UPDATE cases SET approval_required = ? WHERE id = ? AND approval_required IS NULL').run(reason, caseId);
}

/** The family name of a user's display name: "Hüsing, Anna" → "Hüsing"; "Anna Hüsing" → "Hüsing". */
export function familyNameOf(displayName: string): string {
  const t = displayName.trim();
  const comma = t.indexOf(',');
  if (comma > 0) return t.slice(0, comma).trim();
  const words = t.split(/\s+/);
  return words[words.length - 1] ?? t;
}

export interface RegistrarFacts {
  userId: number;
  /** Family name as printed (§ 56 Abs. 3 PStG). */
  name: string;
  title: 'Standesbeamtin' | 'Standesbeamter';
}

/** The Standesbeamtin/Standesbeamter named in the data, checked against the users. */
export function signerOf(db: Db, d: PersonenstandData, clerk: User | null): RegistrarFacts {
  const signer = d.signer;
  if (!signer) {
    fail('Bitte angeben, welche Standesbeamtin oder welcher Standesbeamte die Urkunde unterschreibt.', 'data.signer');
  }
  const user = signer.userId === clerk?.id ? clerk : getUser(db, signer.userId);
  if (!user || !user.active || !user.registrar) {
    fail('Die gewählte Person ist nicht (mehr) als Standesbeamtin oder Standesbeamter bestellt.', 'data.signer');
  }
  return { userId: user.id, name: familyNameOf(user.displayName), title: signer.title };
}

/** Case data for an online order: the applicant's birth date from the portal, the entry as named, delivery by post. */
export function personenstandCaseDataFromOnline(antrag: Record<string, unknown>, applicant: { geburtsdatum: string }): Record<string, unknown> {
  const eintrag = (antrag.eintrag ?? {}) as Record<string, unknown>;
  const { eintrag: _named, ...rest } = antrag;
  return {
    ...rest,
    registerReference: typeof eintrag.registerzeichen === 'string' && eintrag.registerzeichen.trim() ? eintrag.registerzeichen.trim() : null,
    applicantBirthDate: applicant.geburtsdatum,
    delivery: 'post',
    requestedEntry: eintrag,
  };
}

/** Every name word of every person of the entry (Haupteintrag and current facts), folded for search. */
function entryWords(entry: RegisterEntry): Set<string> {
  const names: (string | null)[] = [];
  for (const f of [entry.facts, currentFacts(entry)] as unknown[]) {
    if (entry.kind === 'geburt') {
      const b = f as BirthFacts;
      names.push(b.child.birthName, b.child.givenNames);
    } else if (entry.kind === 'sterbefall') {
      const d = f as DeathFacts;
      names.push(d.deceased.familyName, d.deceased.birthName, d.deceased.givenNames);
    } else {
      for (const sp of (f as UnionFacts).spouses) names.push(sp.current.familyName, sp.current.givenNames, sp.before.familyName, sp.before.birthName, sp.before.givenNames);
    }
  }
  return new Set(names.flatMap((n) => (n ? searchWords(n) : [])));
}

const allIn = (text: string, words: Set<string>) => {
  const w = searchWords(text);
  return w.length > 0 && w.every((x) => words.has(x));
};

/**
 * The entries of the register that fit the entry an online order names: the day of the event, the register of the
 * certificate kind, all given names, and the family name or the Geburtsname (a birth entry holds the name at
 * birth, the applicant may give today's); for a marriage or partnership the other person's family name too.
 * Names compare folded (diacritics and "ue" for "ü" ignored).
 */
export function candidatesFor(db: Db, d: PersonenstandData): RegisterEntry[] {
  const e = d.requestedEntry;
  if (!e) return [];
  const registers = certificateKind(d.kind).registers as readonly RegisterKind[];
  return searchEntries(db, { date: e.ereignisdatum, limit: 200 })
    .map((s) => s.entry)
    .filter((entry) => {
      if (!registers.includes(ENTRY_REGISTER[entry.kind])) return false;
      const summary = summarizeEntry(entry);
      if (summary.eventDate !== e.ereignisdatum) return false;
      const words = entryWords(entry);
      if (!allIn(e.vornamen, words)) return false;
      if (!allIn(e.familienname, words) && !(e.geburtsname && allIn(e.geburtsname, words))) return false;
      return !e.ehegatte || allIn(e.ehegatte.familienname, words);
    });
}

/** Updates the stored case data (only from this module's hooks and handlers, inside their transaction). */
export function writeCaseData(db: Db, caseId: number, data: PersonenstandData, at: string): void {
  sql(db, 'UPDATE cases SET data = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(data), at, caseId);
}

/** Online orders: assign the entry when exactly one fits; else a task for the clerk. */
function assignOnlineEntry(ctx: RuleContext, caseId: number, d: PersonenstandData): void {
  const at = ctx.now.toISOString();
  const task = (detail: string) =>
    addCaseTasks(ctx.db, caseId, [{ key: ASSIGN_ENTRY_TASK, label: 'Registereintrag zuordnen', detail }], at, ctx.user?.id ?? null);
  if (d.registerReference !== null) {
    const given = getEntryByReference(ctx.db, d.registerReference);
    const fits = given && candidatesFor(ctx.db, d).some((c) => formatRegisterReference(c.reference) === formatRegisterReference(given.entry.reference));
    if (fits) return;
    writeCaseData(ctx.db, caseId, { ...d, registerReference: null }, at);
    task(
      given
        ? `Das angegebene Registerzeichen ${d.registerReference} passt nicht zu den Angaben des Antrags; bitte den Eintrag suchen und zuordnen.`
        : `Das angegebene Registerzeichen ${d.registerReference} ist im Personenstandsregister nicht vorhanden; bitte den Eintrag suchen und zuordnen.`,
    );
    return;
  }
  const candidates = candidatesFor(ctx.db, d);
  if (candidates.length === 1) {
    const entry = candidates[0]!;
    writeCaseData(ctx.db, caseId, { ...d, registerReference: formatRegisterReference(entry.reference) }, at);
    const block = blockApproval(entry, d);
    if (block) requireApprovalOnCase(ctx.db, caseId, block);
    return;
  }
  task(
    candidates.length === 0
      ? 'Im Personenstandsregister wurde kein Eintrag zu den Angaben des Antrags gefunden; bitte suchen und zuordnen oder den Antrag ablehnen.'
      : `Zu den Angaben des Antrags passen ${candidates.length} Einträge (${candidates.map((c) => formatRegisterReference(c.reference)).join(', ')}); bitte den richtigen zuordnen.`,
  );
}

export const personenstandRules: readonly ServiceRules[] = [
  {
    definition: personenstandsurkunde,
    fee(data, settings) {
      return feeFor(copiesOf(data), configuredFees(settings.fees));
    },
    waiverReason(data) {
      const purpose = PURPOSES.find((p) => p.id === data.purpose);
      return purpose && isFreePurpose(purpose.id) ? `Gebührenfrei nach § 64 SGB X: ${purpose.label}` : null;
    },
    checkResident(resident) {
      if (resident.dateOfDeath) {
        throw new ApiFailure('CONFLICT', 'Die gewählte Person ist laut Melderegister verstorben und kann keinen Antrag stellen.');
      }
    },
    applicantName(data, resident) {
      if (resident) return [resident.doctoralDegree, resident.givenNames, resident.familyName].filter(Boolean).join(' ');
      const a = parse(data).applicant;
      if (!a) {
        const message = 'Bitte die antragstellende Person angeben (Name, Geburtsdatum und Anschrift).';
        throw new ApiFailure('INVALID_INPUT', message, [{ path: 'data.applicant', message }]);
      }
      return `${a.familyName}, ${a.givenNames}`;
    },
    checkApplication(ctx, data, resident) {
      const d = parse(data);
      const entry = entryOf(ctx.db, d);
      checkEntitled(ctx, d, entry, resident);
    },
    approvalRequired(data) {
      return interestApproval(parse(data));
    },
    afterCreate(ctx, caseId, data) {
      const d = parse(data);
      if (d.requestedEntry) {
        assignOnlineEntry(ctx, caseId, d);
        return;
      }
      const entry = d.registerReference ? getEntryByReference(ctx.db, d.registerReference)?.entry : null;
      const block = entry ? blockApproval(entry, d) : null;
      if (block) requireApprovalOnCase(ctx.db, caseId, block);
    },
    caseDataFromOnline(antrag, applicant) {
      return personenstandCaseDataFromOnline(antrag, applicant);
    },
    deliveryMethod(data) {
      return parse(data).delivery === 'post' ? 'post' : 'counter';
    },
    postalRecipient(c) {
      if (c.resident) return null;
      const a = parse(c.data).applicant;
      if (!a) return null; // online: the applicant's address from the portal
      return {
        givenNames: a.givenNames,
        familyName: a.familyName,
        street: a.street,
        houseNumber: a.houseNumber,
        postalCode: a.postalCode,
        city: a.city,
        country: 'DE',
      };
    },
    beforeIssue(ctx, c) {
      return { registrar: signerOf(ctx.db, parse(c.data), ctx.user), registerReference: parse(c.data).registerReference };
    },
    previewFacts(ctx, c) {
      const d = parse(c.data);
      return d.signer ? { registrar: signerOf(ctx.db, d, ctx.user) } : {};
    },
    signatureRequired: true,
    designatedSigner(facts) {
      const r = facts.registrar as Partial<RegistrarFacts> | undefined;
      return r && typeof r.userId === 'number' ? { userId: r.userId, name: String(r.name ?? '') } : null;
    },
    document: {
      type: PERSONENSTAND_DOCUMENT_TYPE,
      prefix: PERSONENSTAND_DOCUMENT_PREFIX,
      printer: 'certificate',
      render(req) {
        const d = parse(req.data);
        const reference = typeof req.facts.registerReference === 'string' ? req.facts.registerReference : d.registerReference;
        const entry = entryOf(req.db, { ...d, registerReference: reference });
        const facts = req.facts.registrar as RegistrarFacts | undefined;
        // A preview before the signer is chosen shows a placeholder; the issue needs the signer (beforeIssue).
        const registrar = facts ? { name: facts.name, title: facts.title } : { name: '(noch nicht gewählt)', title: 'Standesbeamter' as const };
        return req.renderer.render(
          'personenstandsurkunde',
          {
            kind: d.kind,
            entry,
            number: req.number,
            caseReference: req.caseReference,
            issuedAt: req.issuedAt,
            registrar,
            birthOptions: d.birthOptions,
            withHinweise: d.withHinweise,
            validityNote: purposeNote(d.purpose),
            preview: req.preview,
          },
          { resourcesDir: req.resourcesDir, letterhead: req.settings.letterhead },
        );
      },
    },
  },
];
