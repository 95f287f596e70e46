/**
 * Core rules of the Briefwahl (Wahlschein und Briefwahlunterlagen; BWO §§ 25–30, NLWO, NKWO §§ 23–28). The pure
 * rules — deadlines, who may get a Wahlschein, replacements, proxies — are in shared/services/briefwahl/rules.ts;
 * here they meet the stores: the voter is looked up in the Wählerverzeichnis of the election, the Wahlscheine the
 * voter already holds and the voters a proxy already collects for are counted, and the Wahlschein is issued in the
 * store (number per Wahlbezirk, Vermerk "W") in the same transaction that numbers the document.
 *
 * When the application was received decides the deadline, not when the Wahlschein is printed: afterCreate records
 * the case's receipt in the case data (`receivedAt`, a key the schema does not know, so a client cannot set it) and
 * checkApplication judges against it later; without it (the check while a walk-in case is created) "now" is receipt.
 */
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { foldForSearch } from '../../../shared/domain/names';
import {
  briefwahl,
  briefwahlData,
  briefwahlDataFromOnline,
  type BriefwahlData,
  type BriefwahlOnlineData,
} from '../../../shared/services/briefwahl/index';
import {
  checkApplication as checkBriefwahlApplication,
  proxyKey,
  type ApplicationCheck,
  type VoterRegisterEntry,
  type WahlscheinRecord,
} from '../../../shared/services/briefwahl/rules';
import { ApiFailure } from '../api/errors';
import { addCaseTasks } from '../cases/service-case';
import { sql, type Db } from '../db/connection';
import { ELECTION_MAIL_MARK } from '../documents/envelope';
import type { PostalAddressInput } from '../documents/postal-address';
import {
  ElectionError,
  addExceptionVoter,
  findVoter,
  getElectionByKey,
  getVoterByNumber,
  isExceptionVoter,
  issueWahlschein,
  peekNextWahlscheinNumber,
  proxyWahlscheine,
  wahlscheineOfVoter,
  type ElectionRecord,
  type Voter,
} from '../registers/elections';
import type { IssueCase, RuleContext, ServiceRules } from './types';

export const BRIEFWAHL_DOCUMENT_TYPE = 'wahlschein';
/** Document numbers "BW-2026-000001"; the Wahlschein-Nr. ("WS 001-0001") is a fact of the document. */
export const BRIEFWAHL_DOCUMENT_PREFIX = 'BW';
export const BRIEFWAHL_WAIVER = 'Gebührenfrei: Wahlschein und Briefwahlunterlagen werden kostenlos erteilt';

const OPEN_STATES = "('new', 'in_progress', 'waiting', 'ready')";

/** The stored case data; data that no longer fits the schema is refused with the first German message. */
export function parseBriefwahl(data: Record<string, unknown>): BriefwahlData {
  const r = briefwahlData.safeParse(data);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
  throw new ApiFailure('INVALID_INPUT', `Die Angaben zum Briefwahlantrag sind unvollständig: ${fields[0]?.message ?? ''}`, fields);
}

/** The facts fixed with the document number (DocumentInfo.facts). */
export interface WahlscheinFacts {
  wahlscheinNumber: string;
  electionKey: string;
  electionName: string;
  /** Wählerverzeichnis-Nr.; null under § 25 Abs. 2. */
  voterNumber: string | null;
  wahlbezirk: { number: number; name: string };
  registerException: boolean;
  voter: { familyName: string; givenNames: string; birthDate: string; address: Voter['address'] };
  delivery: BriefwahlData['delivery']['kind'];
}

export function electionOf(db: Db, key: string): ElectionRecord {
  const e = getElectionByKey(db, key);
  if (!e) {
    const message = `Die Wahl „${key}“ ist nicht angelegt.`;
    throw new ApiFailure('INVALID_INPUT', message, [{ path: 'data.electionId', message }]);
  }
  return e;
}

/** The voter's row (Wählerverzeichnis or § 25 Abs. 2), by the number the clerk picked or by names and birth date. */
export function voterOf(db: Db, election: ElectionRecord, d: BriefwahlData): Voter | null {
  if (d.voterNumber) {
    const v = getVoterByNumber(db, election.id, d.voterNumber);
    if (!v) {
      const message = `Die Wählerverzeichnis-Nr. ${d.voterNumber} gibt es für die ${election.name} nicht.`;
      throw new ApiFailure('INVALID_INPUT', message, [{ path: 'data.voterNumber', message }]);
    }
    if (foldForSearch(v.familyName) !== foldForSearch(d.voter.familyName)) {
      throw new ApiFailure(
        'CONFLICT',
        `Unter der Wählerverzeichnis-Nr. ${v.voterNumber} ist ${v.givenNames} ${v.familyName} eingetragen, nicht ${d.voter.givenNames} ${d.voter.familyName}.`,
      );
    }
    return v;
  }
  const found = findVoter(db, election.id, {
    familienname: d.voter.familyName,
    vornamen: d.voter.givenNames,
    geburtsdatum: d.voter.birthDate,
  });
  if (found.length > 1) {
    throw new ApiFailure(
      'CONFLICT',
      `Im Wählerverzeichnis stehen ${found.length} Personen mit diesem Namen und Geburtsdatum (${found.map((v) => v.voterNumber).join(', ')}); bitte die Person in der Wählersuche auswählen.`,
    );
  }
  return found[0] ?? null;
}

const identityKey = (p: { familyName: string; givenNames: string; birthDate: string }) => proxyKey(p);

/**
 * How many OTHER voters this proxy collects for in the election: valid Wahlscheine handed to the proxy and open
 * applications naming the proxy, each voter counted once.
 */
export function proxyOtherVoters(db: Db, election: ElectionRecord, d: BriefwahlData): number {
  if (d.delivery.kind !== 'pickup_by_proxy') return 0;
  const key = proxyKey(d.delivery.proxy);
  const self = identityKey(d.voter);
  const voters = new Set<string>();
  for (const w of proxyWahlscheine(db, election.id)) {
    if (w.delivery?.kind === 'pickup_by_proxy' && proxyKey(w.delivery.proxy) === key) voters.add(identityKey(w));
  }
  const open = sql(
    db,
    `SELECT data FROM cases WHERE service_id = 'briefwahl' AND status IN ${OPEN_STATES}
       AND json_extract(data, '$.electionId') = ? AND json_extract(data, '$.delivery.kind') = 'pickup_by_proxy'`,
  ).all(election.key) as { data: string }[];
  for (const row of open) {
    const other = briefwahlData.safeParse(JSON.parse(row.data));
    if (other.success && other.data.delivery.kind === 'pickup_by_proxy' && proxyKey(other.data.delivery.proxy) === key) {
      voters.add(identityKey(other.data.voter));
    }
  }
  voters.delete(self);
  return voters.size;
}

function recordsOf(db: Db, voter: Voter | null): WahlscheinRecord[] {
  if (!voter) return [];
  return wahlscheineOfVoter(db, voter.id).map((w) => ({
    number: w.number,
    issuedAt: new Date(w.issuedAt),
    invalidatedAt: w.invalidatedAt ? new Date(w.invalidatedAt) : null,
    invalidationReason: w.reason,
  }));
}

function registerEntry(voter: Voter | null): VoterRegisterEntry | null {
  if (!voter || isExceptionVoter(voter)) return null;
  return { voterNumber: voter.voterNumber, wahlbezirk: voter.wahlbezirk, familyName: voter.familyName, givenNames: voter.givenNames, birthDate: voter.birthDate };
}

/** The receipt recorded by afterCreate, or null while the case is being created. */
function recordedReceipt(data: Record<string, unknown>): Date | null {
  const r = data.receivedAt;
  if (typeof r !== 'string') return null;
  const t = new Date(r);
  return Number.isNaN(t.getTime()) ? null : t;
}

/** The whole check of an application against the stores (exported for the tests and the counter's hints). */
export function assessApplication(db: Db, now: Date, data: Record<string, unknown>): { check: ApplicationCheck; election: ElectionRecord; voter: Voter | null; data: BriefwahlData } {
  const d = parseBriefwahl(data);
  const election = electionOf(db, d.electionId);
  const voter = voterOf(db, election, d);
  const check = checkBriefwahlApplication(d, {
    election: election.config,
    receivedAt: recordedReceipt(data) ?? now,
    voter: registerEntry(voter),
    wahlscheine: recordsOf(db, voter),
    proxyOtherVoters: proxyOtherVoters(db, election, d),
  });
  return { check, election, voter, data: d };
}

/** A second open application of the same voter for the same election (checked when a case is created). */
function openDuplicate(db: Db, d: BriefwahlData): string | null {
  const rows = sql(
    db,
    `SELECT reference, data FROM cases WHERE service_id = 'briefwahl' AND status IN ${OPEN_STATES}
       AND json_extract(data, '$.electionId') = ? AND json_extract(data, '$.voter.birthDate') = ?`,
  ).all(d.electionId, d.voter.birthDate) as { reference: string; data: string }[];
  const self = identityKey(d.voter);
  for (const r of rows) {
    const other = briefwahlData.safeParse(JSON.parse(r.data));
    if (other.success && identityKey(other.data.voter) === self) return r.reference;
  }
  return null;
}

function voterPostal(d: BriefwahlData): PostalAddressInput {
  const a = d.voter.address;
  return { givenNames: d.voter.givenNames, familyName: d.voter.familyName, street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city, country: 'DE' };
}

function otherPostal(d: BriefwahlData): PostalAddressInput | null {
  if (d.delivery.kind !== 'other_address') return null;
  const a = d.delivery.address;
  return {
    givenNames: d.voter.givenNames,
    familyName: d.voter.familyName,
    careOf: a.careOf,
    addressSupplement: a.addressSupplement,
    street: a.street,
    houseNumber: a.houseNumber,
    postalCode: a.postalCode,
    city: a.city,
    country: a.country,
  };
}

function wahlbezirkOf(election: ElectionRecord, n: number): { number: number; name: string } {
  return election.config.wahlbezirke.find((w) => w.number === n) ?? { number: n, name: '' };
}

function factsFor(election: ElectionRecord, voter: Voter, number: string, d: BriefwahlData): WahlscheinFacts {
  const exception = isExceptionVoter(voter);
  return {
    wahlscheinNumber: number,
    electionKey: election.key,
    electionName: election.name,
    voterNumber: exception ? null : voter.voterNumber,
    wahlbezirk: wahlbezirkOf(election, voter.wahlbezirk),
    registerException: exception,
    voter: { familyName: voter.familyName, givenNames: voter.givenNames, birthDate: voter.birthDate, address: voter.address },
    delivery: d.delivery.kind,
  };
}

function refuse(check: ApplicationCheck): never {
  throw new ApiFailure('CONFLICT', check.reasons.map((r) => r.message).join(' '));
}

export const briefwahlRules: readonly ServiceRules[] = [
  {
    definition: briefwahl,
    fee() {
      return 0;
    },
    waiverReason() {
      return BRIEFWAHL_WAIVER;
    },
    checkResident() {
      // The voter is looked up in the Wählerverzeichnis; a resident only prefills the counter form.
    },
    applicantName(data) {
      const d = parseBriefwahl(data);
      return `${d.voter.familyName}, ${d.voter.givenNames}`;
    },
    checkApplication(ctx: RuleContext, data) {
      const { check, data: d } = assessApplication(ctx.db, ctx.now, data);
      if (!check.ok) refuse(check);
      if (recordedReceipt(data) === null) {
        const dup = openDuplicate(ctx.db, d);
        if (dup) {
          throw new ApiFailure(
            'CONFLICT',
            `Für ${d.voter.givenNames} ${d.voter.familyName} ist bereits der Briefwahlantrag ${dup} in Bearbeitung; je Person gibt es nur einen gültigen Wahlschein.`,
          );
        }
      }
    },
    deliveryMethod(data) {
      // Read without the full schema: an online case is imported even when a detail of its data needs the clerk.
      const kind = (data.delivery as { kind?: unknown } | undefined)?.kind;
      return kind === 'home' || kind === 'other_address' ? 'post' : 'counter';
    },
    caseDataFromOnline(antrag, applicant) {
      const converted = briefwahlDataFromOnline(antrag as unknown as BriefwahlOnlineData, applicant);
      // The import must not fail on a case-data detail the online checks let through: the clerk sees it at issue.
      const r = briefwahlData.safeParse(converted);
      return (r.success ? r.data : converted) as unknown as Record<string, unknown>;
    },
    afterCreate(ctx, caseId, data) {
      const row = sql(ctx.db, 'SELECT created_at FROM cases WHERE id = ?').get(caseId) as { created_at: string };
      sql(ctx.db, "UPDATE cases SET data = json_set(data, '$.receivedAt', ?) WHERE id = ?").run(row.created_at, caseId);
      // The election's name for the case screen, as it was when the application came in (not a field of the form).
      const election = typeof data.electionId === 'string' ? getElectionByKey(ctx.db, data.electionId) : null;
      if (election) {
        const label = `${election.name} (${election.date.split('-').reverse().join('.')})`;
        sql(ctx.db, "UPDATE cases SET data = json_set(data, '$.electionName', ?) WHERE id = ?").run(label, caseId);
      }
      const parsed = briefwahlData.safeParse(data);
      if (!parsed.success) return;
      const d = parsed.data;
      const at = ctx.now.toISOString();
      if (d.delivery.kind === 'other_address') {
        addCaseTasks(ctx.db, caseId, [
          {
            key: 'notice:home',
            label: 'Mitteilung an die Wohnanschrift versenden',
            detail:
              'Die Unterlagen gehen an eine andere Anschrift. Die Mitteilung wird mit dem Wahlschein gedruckt (letzte Seite): im eigenen Fensterumschlag an die Wohnanschrift schicken.',
          },
        ], at, ctx.user?.id ?? null);
      }
      if (d.delivery.kind === 'pickup_by_proxy') {
        addCaseTasks(ctx.db, caseId, [
          {
            key: 'proxy:handover',
            label: 'Abholung durch Bevollmächtigte(n): Vollmacht und Ausweis prüfen',
            detail: `${d.delivery.proxy.givenNames} ${d.delivery.proxy.familyName}: schriftliche Vollmacht im Original und die Versicherung, nicht mehr als vier Wahlberechtigte zu vertreten, zu den Akten nehmen.`,
          },
        ], at, ctx.user?.id ?? null);
      }
    },
    beforeIssue(ctx, c: IssueCase) {
      const { check, election, voter: found, data: d } = assessApplication(ctx.db, ctx.now, c.data);
      if (!check.ok) refuse(check);
      try {
        const voter =
          found ??
          (d.registerException
            ? addExceptionVoter(ctx.db, election.id, { ...d.voter, wahlbezirk: d.registerException.intendedWahlbezirk })
            : null);
        if (!voter) throw new ApiFailure('CONFLICT', 'Die Person ist nicht im Wählerverzeichnis eingetragen.');
        const ws = issueWahlschein(ctx.db, election.id, voter.id, { now: ctx.now.toISOString(), delivery: d.delivery });
        return factsFor(election, voter, ws.number, d) as unknown as Record<string, unknown>;
      } catch (err) {
        if (err instanceof ElectionError) throw new ApiFailure('CONFLICT', err.message);
        throw err;
      }
    },
    previewFacts(ctx, c) {
      const d = parseBriefwahl(c.data);
      const election = electionOf(ctx.db, d.electionId);
      const voter = voterOf(ctx.db, election, d);
      const bezirk = voter?.wahlbezirk ?? d.registerException?.intendedWahlbezirk;
      if (bezirk === undefined) return {};
      const number = peekNextWahlscheinNumber(ctx.db, election.id, bezirk);
      const v: Voter = voter ?? {
        id: 0,
        electionId: election.id,
        voterNumber: 'A25-',
        wahlbezirk: bezirk,
        familyName: d.voter.familyName,
        givenNames: d.voter.givenNames,
        birthDate: d.voter.birthDate,
        address: d.voter.address,
        residentKennung: null,
        markedW: false,
      };
      return factsFor(election, v, number, d) as unknown as Record<string, unknown>;
    },
    postalRecipient(c) {
      const d = parseBriefwahl(c.data);
      const to = otherPostal(d) ?? (d.delivery.kind === 'home' ? voterPostal(d) : null);
      // Official election mail: "Amtliche Wahlunterlagen" in the Vermerkzone of the cover letter and the envelope.
      return to ? { ...to, notes: [ELECTION_MAIL_MARK] } : null;
    },
    document: {
      type: BRIEFWAHL_DOCUMENT_TYPE,
      prefix: BRIEFWAHL_DOCUMENT_PREFIX,
      printer: 'certificate',
      render(req) {
        const d = parseBriefwahl(req.data);
        const election = electionOf(req.db, d.electionId);
        const f = req.facts as Partial<WahlscheinFacts>;
        const number = f.wahlscheinNumber ?? 'WS ___-____';
        const voter = f.voter ?? { familyName: d.voter.familyName, givenNames: d.voter.givenNames, birthDate: d.voter.birthDate, address: d.voter.address };
        const other = otherPostal(d);
        const receivedAt = recordedReceipt(req.data);
        return req.renderer.render(
          'wahlschein',
          {
            election: election.config,
            number,
            voter,
            voterNumber: f.registerException ? null : (f.voterNumber ?? d.voterNumber ?? '—'),
            wahlbezirk: f.wahlbezirk ?? wahlbezirkOf(election, d.registerException?.intendedWahlbezirk ?? 1),
            registerException: f.registerException ?? !!d.registerException,
            issuedAt: req.issuedAt,
            clerkName: req.clerkName,
            preview: req.preview,
            notice: other
              ? {
                  election: election.config,
                  number,
                  caseReference: req.caseReference,
                  issuedAt: req.issuedAt,
                  applicationDate: receivedAt ? berlinIsoDay(receivedAt) : null,
                  recipient: voterPostal({ ...d, voter: { ...d.voter, ...voter } }),
                  deliveryAddress: other,
                  clerkName: req.clerkName,
                  preview: req.preview,
                }
              : null,
          },
          { resourcesDir: req.resourcesDir, letterhead: req.settings.letterhead },
        );
      },
    },
  },
];
