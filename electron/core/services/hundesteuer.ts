/**
 * Core rules of the Hundesteuer An- und Abmeldung. The data, the NHundG checks and the tax computations are in
 * shared/services/hundesteuer/; the stock of Hundemarken, dogs, registrations and mandates in
 * ../registers/hundesteuer.ts; the Bescheid in ../documents/hundesteuer-bescheid.ts.
 *
 * - Anmeldung: free of charge (the tax is set by the Bescheid, it is no fee). When the Bescheid is numbered
 *   (`beforeIssue`, same transaction) the dog is registered with its category among the owner's other dogs, the
 *   SEPA mandate stored under a reference the town assigns ("HST-<Aktenzeichen>") and the next free Hundemarke issued;
 *   the facts (tag, yearly tax, the current year's part, due dates, mandate reference) are stored with the document.
 * - Abmeldung: free of charge; the tag number must be worn now by a dog of this owner with an open registration. When
 *   the Schlussbescheid is numbered the registration ends with the month of the end of the holding and the tag goes
 *   back to stock (to be issued again) — or is recorded lost when the owner did not hand it in.
 * - The Satzung (rates, due dates, creditor id) comes from settings.hundesteuer (Verwaltung → Hundesteuer).
 */
import { berlinDate, berlinIsoDay } from '../../../shared/domain/berlin-time';
import type { Resident, Settings } from '../../../shared/domain/types';
import { currentMainAddress, formatAddress, residentDisplayName } from '../registers/residents';
import {
  REPLACEMENT_TAG_FEE_KEY,
  assessDeregistration,
  assessRegistration,
  buildMandateReference,
  hundesteuerAbmeldung,
  hundesteuerAbmeldungData,
  hundesteuerAnmeldung,
  hundesteuerAnmeldungData,
  isDangerousForTax,
  liabilityEnd,
  normalizeIban,
  parseYearMonth,
  paymentPlan,
  taxForPeriod,
  type AbmeldungReason,
  type DogPosition,
  type HundesteuerAbmeldungData,
  type HundesteuerAnmeldungData,
  type HundesteuerConfig,
  type PaymentPlan,
  type PaymentSchedule,
  type YearMonth,
} from '../../../shared/services/hundesteuer';
import { ApiFailure } from '../api/errors';
import { postalRecipientOf } from '../cases/service-case';
import { sql, type Db } from '../db/connection';
import type { BescheidPayment, HundesteuerBescheidInput } from '../documents/hundesteuer-bescheid';
import { getOnlineCaseInfo } from '../portal/online-cases';
import {
  HundesteuerStoreError,
  countTagsInStock,
  currentTag,
  currentWearer,
  deregisterDog,
  getDog,
  getMandate,
  getTag,
  openRegistration,
  previewRegistration,
  registerDog,
  registeredDogWithChip,
  wearersOfTag,
  type DeregistrationReason,
  type RegisterDogInput,
  type TaxCategory,
} from '../registers/hundesteuer';
import type { IssueCase, RenderRequest, RuleContext, ServiceRules } from './types';

export const HUNDESTEUER_DOCUMENT_TYPE = 'hundesteuerBescheid';
export const HUNDESTEUER_DOCUMENT_PREFIX = 'HST';

export const ANMELDUNG_FREE_REASON = 'Gebührenfrei: Anmeldung zur Hundesteuer (die Steuer wird durch Bescheid festgesetzt)';
export const ABMELDUNG_FREE_REASON = 'Gebührenfrei: Abmeldung von der Hundesteuer';

const parseAn = (data: Record<string, unknown>): HundesteuerAnmeldungData => hundesteuerAnmeldungData.parse(data);
const parseAb = (data: Record<string, unknown>): HundesteuerAbmeldungData => hundesteuerAbmeldungData.parse(data);

/** Store refusals become the clerk's German message. */
function store<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HundesteuerStoreError) throw new ApiFailure('CONFLICT', e.message);
    throw e;
  }
}

/** The owner as the store keeps them: the resident, else (an online applicant not found in the register) the applicant. */
export function ownerOf(db: Db, c: Pick<IssueCase, 'id' | 'resident'>): RegisterDogInput['owner'] {
  if (c.resident) {
    const a = currentMainAddress(c.resident);
    return {
      residentId: c.resident.id,
      name: residentDisplayName(c.resident),
      address: a ? formatAddress(a) : '',
    };
  }
  const applicant = getOnlineCaseInfo(db, c.id)?.applicant;
  if (!applicant) throw new ApiFailure('CONFLICT', 'Bitte die Halterin oder den Halter im Melderegister suchen und dem Vorgang zuordnen.');
  const s = applicant.anschrift;
  return {
    residentId: null,
    name: `${applicant.vornamen} ${applicant.familienname}`,
    address: `${s.strasse} ${s.hausnummer}, ${s.postleitzahl} ${s.ort}`,
  };
}

const scheduleOf = (d: Pick<HundesteuerAnmeldungData, 'paymentSchedule'>, config: HundesteuerConfig): PaymentSchedule =>
  d.paymentSchedule ?? config.schedule;

/** What the Bescheid of an Anmeldung states, fixed when it is numbered (or shown in the preview). */
export interface AnmeldungFacts {
  kind: 'anmeldung';
  tagNumber: string;
  dogId: number | null;
  registrationId: number | null;
  position: DogPosition;
  category: TaxCategory;
  yearlyCents: number;
  liableFrom: YearMonth;
  /** The tax of the year of the Bescheid (the part from the beginning of the liability). */
  currentYear: number;
  currentYearCents: number;
  /** Open instalments with their due dates. */
  dueDates: { dueDate: string; cents: number }[];
  mandateReference: string | null;
  deliveredInPerson: boolean;
}

export interface AbmeldungFacts {
  kind: 'abmeldung';
  tagNumber: string;
  /** The tag was handed back ('returned') or is recorded lost. */
  tagState: 'returned' | 'lost';
  dogId: number;
  registrationId: number;
  position: DogPosition;
  category: TaxCategory;
  yearlyCents: number;
  liableFrom: YearMonth;
  liableUntil: YearMonth;
  /** Collected so far for the years the Schlussbescheid sets anew (instalments already due). */
  paidCents: number;
  currentCents: number;
  openCents: number;
  refundCents: number;
  dueDates: { dueDate: string; cents: number }[];
  mandateReference: string | null;
  schedule: PaymentSchedule;
  deliveredInPerson: boolean;
}

const dueDatesOf = (plan: PaymentPlan) => plan.payments.map((p) => ({ dueDate: p.dueDate, cents: p.cents }));

function anmeldungFacts(
  c: IssueCase,
  d: HundesteuerAnmeldungData,
  config: HundesteuerConfig,
  now: Date,
  reg: { tagNumber: string; dogId: number | null; registrationId: number | null; position: DogPosition; category: TaxCategory; yearlyCents: number; liableFrom: YearMonth; mandateReference: string | null },
): AnmeldungFacts {
  const issuedOn = berlinIsoDay(now);
  const deliveredInPerson = c.deliveryMethod === 'counter';
  const a = assessRegistration({ yearlyCents: reg.yearlyCents, liableFrom: reg.liableFrom, issuedOn, schedule: scheduleOf(d, config), deliveredInPerson, config });
  const year = parseYearMonth(issuedOn.slice(0, 7)).year;
  return {
    kind: 'anmeldung',
    ...reg,
    currentYear: year,
    currentYearCents: a.years.find((y) => y.year === year)?.cents ?? 0,
    dueDates: dueDatesOf(a.plan),
    deliveredInPerson,
  };
}

const ABMELDUNG_TO_STORE: Record<AbmeldungReason, DeregistrationReason> = {
  tod: 'death',
  abgabe: 'sale',
  wegzug: 'move',
  // Lost or run away: the holding ended otherwise than by death or move; the store knows three classes, the case
  // keeps the exact reason and its explanation.
  sonstiges: 'sale',
};

type OwnerKey = Pick<RegisterDogInput['owner'], 'residentId' | 'name'>;

/** Whether the dog is held by this owner: the same resident, or (outside the register) the same name. */
function ownedBy(dog: { ownerResidentId: number | null; ownerName: string }, owner: OwnerKey): boolean {
  return owner.residentId !== null ? dog.ownerResidentId === owner.residentId : dog.ownerResidentId === null && dog.ownerName === owner.name;
}

const dayOf = (at: string) => berlinDate(new Date(at));

/**
 * The dog behind an Abmeldung's tag number: the dog wearing that tag now, with its open registration. A tag handed
 * back goes back to stock and may be worn by another dog since, so an earlier wearer is never found by the number.
 * With `owner`, the dog must be theirs. Refuses with the clerk's message.
 */
export function dogOfTag(db: Db, tagNumber: string, owner?: OwnerKey) {
  const number = /^\d+$/.test(tagNumber) ? Number(tagNumber) : NaN;
  const tag = Number.isSafeInteger(number) ? getTag(db, number) : null;
  if (!tag) throw new ApiFailure('CONFLICT', `Eine Hundesteuermarke Nr. ${tagNumber} ist nicht erfasst. Bitte die Nummer auf der Marke prüfen.`);
  const wearer = currentWearer(db, tag.number);
  const earlier = wearersOfTag(db, tag.number).filter((a) => a.endedAt !== null);
  const last = earlier.at(-1);
  if (!wearer) {
    if (tag.state === 'lost') {
      // The tag the dog wears now (an Ersatzmarke) is named to its owner only.
      const now = last && (!owner || ownedBy(getDog(db, last.dogId)!, owner)) ? currentTag(db, last.dogId) : null;
      throw new ApiFailure(
        'CONFLICT',
        `Die Hundesteuermarke Nr. ${tag.number} ist als verloren erfasst${last?.endedAt ? ` (${dayOf(last.endedAt)}${last.reason ? `, ${last.reason}` : ''})` : ''}.` +
          (now ? ` Der Hund trägt jetzt die Hundesteuermarke Nr. ${now.number}; bitte diese Nummer angeben.` : ''),
      );
    }
    throw new ApiFailure(
      'CONFLICT',
      last?.endedAt
        ? `Die Hundesteuermarke Nr. ${tag.number} wurde am ${dayOf(last.endedAt)} zurückgegeben und liegt wieder im Bestand; sie ist keinem Hund zugeordnet.`
        : `Die Hundesteuermarke Nr. ${tag.number} liegt im Bestand und ist keinem Hund zugeordnet.`,
    );
  }
  const dog = getDog(db, wearer.dogId)!;
  if (owner && !ownedBy(dog, owner)) {
    const theirs = earlier.filter((a) => ownedBy(getDog(db, a.dogId)!, owner)).at(-1);
    throw new ApiFailure(
      'CONFLICT',
      theirs?.endedAt
        ? `Die Hundesteuermarke Nr. ${tag.number} wurde am ${dayOf(theirs.endedAt)} für den Hund „${getDog(db, theirs.dogId)!.name}“ zurückgegeben ` +
            'und ist inzwischen an einen anderen Hund ausgegeben. Für diese Person kann damit kein Hund abgemeldet werden.'
        : `Die Hundesteuermarke Nr. ${tag.number} gehört zu einem Hund, der nicht für diese Person angemeldet ist. Abmelden kann nur die Halterin oder der Halter.`,
    );
  }
  const registration = openRegistration(db, dog.id);
  if (!registration) throw new ApiFailure('CONFLICT', `Der Hund mit der Marke Nr. ${tag.number} ist nicht (mehr) zur Hundesteuer angemeldet.`);
  return { tag, dog, registration };
}

/**
 * What was collected for the years from `fromYear` on: the instalments of the previous Festsetzung that were due
 * by `issuedOn` — those of the Anmeldung's Bescheid on the dates it set (past ones deferred to a month after its
 * Bekanntgabe), later years on the Satzung's dates. The tax account itself is kept by the town's Kasse; the desk
 * assumes what was due was paid (a direct debit was collected).
 */
function collectedSince(
  db: Db,
  registration: { caseId: number | null; yearlyCents: number; liableFrom: YearMonth },
  fromYear: number,
  issuedOn: string,
  schedule: PaymentSchedule,
  config: HundesteuerConfig,
): number {
  const years = taxForPeriod({ yearlyCents: registration.yearlyCents, from: registration.liableFrom, to: null, untilYear: Number(issuedOn.slice(0, 4)), schedule, config });
  const first = registration.caseId === null ? undefined : (sql(
    db,
    "SELECT created_at, facts FROM documents WHERE case_id = ? AND doc_type = 'hundesteuerBescheid' ORDER BY id LIMIT 1",
  ).get(registration.caseId) as { created_at: string; facts: string | null } | undefined);
  const effective = new Map<string, string>();
  if (first) {
    const firstIssuedOn = berlinIsoDay(new Date(first.created_at));
    const inPerson = first.facts ? (JSON.parse(first.facts) as { deliveredInPerson?: boolean }).deliveredInPerson === true : false;
    const firstYear = Number(firstIssuedOn.slice(0, 4));
    const plan = paymentPlan(
      years.filter((y) => y.year <= firstYear).flatMap((y) => y.instalments),
      { issuedOn: firstIssuedOn, deliveredInPerson: inPerson, config },
    );
    for (const p of plan.payments) effective.set(`${p.instalment.year}/${p.instalment.label}`, p.dueDate);
  }
  return years
    .filter((y) => y.year >= fromYear)
    .flatMap((y) => y.instalments)
    .filter((i) => (effective.get(`${i.year}/${i.label}`) ?? i.dueDate) <= issuedOn)
    .reduce((s, i) => s + i.cents, 0);
}

/** The schedule the dog's Anmeldung chose (its case data), else the Satzung's. */
function scheduleOfRegistration(db: Db, caseId: number | null, config: HundesteuerConfig): PaymentSchedule {
  if (caseId === null) return config.schedule;
  const r = sql(db, 'SELECT data FROM cases WHERE id = ?').get(caseId) as { data: string } | undefined;
  const s = r ? (JSON.parse(r.data) as { paymentSchedule?: unknown }).paymentSchedule : null;
  return s === 'annual' || s === 'quarterly' ? s : config.schedule;
}

function abmeldungFacts(ctx: RuleContext, c: IssueCase, d: HundesteuerAbmeldungData, write: boolean): AbmeldungFacts {
  const config = ctx.settings.hundesteuer;
  const { tag, dog, registration } = dogOfTag(ctx.db, d.tagNumber, ownerOf(ctx.db, c));
  if (d.endedOn < registration.fromDate) {
    throw new ApiFailure('CONFLICT', 'Das Ende der Hundehaltung liegt vor dem Beginn der Anmeldung dieses Hundes.');
  }
  const issuedOn = berlinIsoDay(ctx.now);
  const liableUntil = liabilityEnd(d.endedOn, d.reportedOn, config);
  const schedule = scheduleOfRegistration(ctx.db, registration.caseId, config);
  const fromYear = Math.max(parseYearMonth(registration.liableFrom).year, parseYearMonth(liableUntil).year);
  const paidCents = collectedSince(ctx.db, registration, fromYear, issuedOn, schedule, config);
  const deliveredInPerson = c.deliveryMethod === 'counter';
  const a = assessDeregistration({ yearlyCents: registration.yearlyCents, liableFrom: registration.liableFrom, liableUntil, issuedOn, paidCents, schedule, deliveredInPerson, config });
  if (write) {
    store(() =>
      deregisterDog(ctx.db, dog.id, { date: d.endedOn, reason: ABMELDUNG_TO_STORE[d.reason], reportedOn: d.reportedOn, tagLost: !d.tagReturned, at: ctx.now.toISOString(), config }),
    );
  }
  const category = registration.category;
  return {
    kind: 'abmeldung',
    tagNumber: String(tag.number),
    tagState: d.tagReturned ? 'returned' : 'lost',
    dogId: dog.id,
    registrationId: registration.id,
    position: category === 'dangerous' ? 'first' : category,
    category,
    yearlyCents: registration.yearlyCents,
    liableFrom: registration.liableFrom,
    liableUntil,
    paidCents,
    currentCents: a.currentCents,
    openCents: a.plan.openCents,
    refundCents: a.plan.refundCents,
    dueDates: dueDatesOf(a.plan),
    mandateReference: registration.mandateReference,
    schedule,
    deliveredInPerson,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------------

const issueCaseOfRequest = (req: RenderRequest): IssueCase => ({
  id: req.caseId,
  reference: req.caseReference,
  data: req.data,
  resident: req.resident,
  applicantName: req.applicantName,
  deliveryMethod: '',
  channel: '',
});

function transfer(settings: Settings): BescheidPayment {
  return { kind: 'transfer', bank: settings.bank };
}

function renderBescheid(req: RenderRequest, input: Omit<HundesteuerBescheidInput, 'number' | 'caseReference' | 'issuedAt' | 'recipient' | 'clerkName' | 'config' | 'preview' | 'replacementTagFeeCents'>, rules: ServiceRules): Promise<Buffer> {
  const full: HundesteuerBescheidInput = {
    ...input,
    number: req.number,
    caseReference: req.caseReference,
    issuedAt: req.issuedAt,
    recipient: postalRecipientOf(req.db, issueCaseOfRequest(req), rules),
    clerkName: req.clerkName,
    config: req.settings.hundesteuer,
    replacementTagFeeCents: req.settings.fees[REPLACEMENT_TAG_FEE_KEY] ?? null,
    preview: req.preview,
  };
  return req.renderer.render('hundesteuerBescheid', full, { resourcesDir: req.resourcesDir, letterhead: req.settings.letterhead });
}

// ---------------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------------

/** A Bescheid paid by transfer names the town's account; without one it cannot be issued. */
function requireTownAccount(settings: Settings): void {
  if (!normalizeIban(settings.bank.iban)) {
    throw new ApiFailure(
      'CONFLICT',
      'Ohne SEPA-Lastschriftmandat nennt der Bescheid das Konto der Stadt für die Überweisung; es ist noch nicht eingetragen (Verwaltung → Postversand → Bankverbindung).',
    );
  }
}

function refuseDeceased(resident: Resident): void {
  if (resident.dateOfDeath) {
    throw new ApiFailure('CONFLICT', 'Für verstorbene Personen kann kein Hund an- oder abgemeldet werden (im Melderegister ist ein Sterbedatum gespeichert).');
  }
}

export const hundesteuerAnmeldungRules: ServiceRules = {
  definition: hundesteuerAnmeldung,
  fee: () => 0,
  waiverReason: () => ANMELDUNG_FREE_REASON,
  checkResident: refuseDeceased,
  checkApplication(ctx, data) {
    const d = parseAn(data);
    if (d.dog.chipNumber) {
      const other = registeredDogWithChip(ctx.db, d.dog.chipNumber);
      if (other) {
        throw new ApiFailure(
          'CONFLICT',
          `Ein Hund mit dieser Chipnummer ist bereits zur Hundesteuer angemeldet${other.tagNumber ? ` (Hundesteuermarke Nr. ${other.tagNumber})` : ''}. ` +
            'Bei einem Halterwechsel meldet die bisherige Halterin oder der bisherige Halter den Hund zuerst ab.',
        );
      }
    }
    if (!d.sepa) requireTownAccount(ctx.settings);
    if (countTagsInStock(ctx.db) === 0) {
      throw new ApiFailure('CONFLICT', 'Es sind keine Hundemarken mehr vorrätig. Bitte zuerst neue Hundemarken in den Bestand aufnehmen (Verwaltung → Hundesteuer).');
    }
  },
  beforeIssue(ctx, c) {
    const d = parseAn(c.data);
    const config = ctx.settings.hundesteuer;
    const owner = ownerOf(ctx.db, c);
    const at = ctx.now.toISOString();
    const r = store(() =>
      registerDog(ctx.db, {
        owner,
        dog: {
          name: d.dog.name,
          breed: d.dog.breed,
          colour: d.dog.colour,
          sex: d.dog.sex,
          chipNumber: d.dog.chipNumber,
          birthDate: d.dog.birthDate,
          dangerous: isDangerousForTax(d),
          permit: d.dangerous.byNHundG ? { determination: d.dangerous.determination, permit: d.dangerous.permit } : null,
          insurance: d.insurance,
          sachkunde: d.sachkunde,
          registerEntry: d.centralRegister,
        },
        acquiredOn: d.acquiredOn,
        caseId: c.id,
        mandate: d.sepa
          ? { reference: buildMandateReference(config.mandateReferencePrefix, c.reference), iban: d.sepa.iban, holder: d.sepa.accountHolder, signedOn: d.sepa.mandateDate }
          : null,
        at,
        config,
      }),
    );
    return {
      ...anmeldungFacts(c, d, config, ctx.now, {
        tagNumber: String(r.tag.number),
        dogId: r.dogId,
        registrationId: r.registrationId,
        position: r.position,
        category: r.category,
        yearlyCents: r.yearlyCents,
        liableFrom: r.liableFrom,
        mandateReference: r.mandateReference,
      }),
    };
  },
  previewFacts(ctx, c) {
    const d = parseAn(c.data);
    const config = ctx.settings.hundesteuer;
    const p = previewRegistration(ctx.db, ownerOf(ctx.db, c), { birthDate: d.dog.birthDate, dangerous: isDangerousForTax(d) }, d.acquiredOn, config);
    return {
      ...anmeldungFacts(c, d, config, ctx.now, {
        tagNumber: p.nextTag !== null ? String(p.nextTag) : '—',
        dogId: null,
        registrationId: null,
        position: p.position,
        category: p.category,
        yearlyCents: p.yearlyCents,
        liableFrom: p.liableFrom,
        mandateReference: d.sepa ? buildMandateReference(config.mandateReferencePrefix, c.reference) : null,
      }),
    };
  },
  extraEnclosures(facts) {
    // The Hundesteuermarke goes in the envelope with the Bescheid when it is sent.
    return typeof facts.tagNumber === 'string' && /^\d+$/.test(facts.tagNumber) ? [{ title: 'Hundesteuermarke', number: facts.tagNumber }] : [];
  },
  document: {
    type: HUNDESTEUER_DOCUMENT_TYPE,
    prefix: HUNDESTEUER_DOCUMENT_PREFIX,
    printer: 'letter',
    render(req) {
      const d = parseAn(req.data);
      const f = req.facts as unknown as AnmeldungFacts;
      const payment: BescheidPayment =
        d.sepa && f.mandateReference
          ? { kind: 'sepa', mandateReference: f.mandateReference, accountHolder: d.sepa.accountHolder, iban: d.sepa.iban, mandateDate: d.sepa.mandateDate }
          : transfer(req.settings);
      return renderBescheid(
        req,
        {
          kind: 'festsetzung',
          reportedOn: d.registeredOn,
          deliveredInPerson: f.deliveredInPerson,
          dog: { name: d.dog.name, breed: d.dog.breed, colour: d.dog.colour, sex: d.dog.sex, birthDate: d.dog.birthDate, chipNumber: d.dog.chipNumber },
          tagNumber: f.tagNumber,
          position: f.position,
          dangerous: f.category === 'dangerous',
          liableFrom: f.liableFrom,
          schedule: scheduleOf(d, req.settings.hundesteuer),
          payment,
        },
        hundesteuerAnmeldungRules,
      );
    },
  },
};

export const hundesteuerAbmeldungRules: ServiceRules = {
  definition: hundesteuerAbmeldung,
  fee: () => 0,
  waiverReason: () => ABMELDUNG_FREE_REASON,
  checkResident: refuseDeceased,
  checkApplication(ctx, data, resident) {
    const d = parseAb(data);
    // Without a resident (an online applicant not found in the register) the owner is compared when issuing.
    const { registration } = dogOfTag(ctx.db, d.tagNumber, resident ? { residentId: resident.id, name: '' } : undefined);
    if (d.endedOn < registration.fromDate) {
      throw new ApiFailure('CONFLICT', 'Das Ende der Hundehaltung liegt vor dem Beginn der Anmeldung dieses Hundes.');
    }
    if (!registration.mandateReference) requireTownAccount(ctx.settings);
  },
  beforeIssue: (ctx, c) => ({ ...abmeldungFacts(ctx, c, parseAb(c.data), true) }),
  previewFacts: (ctx, c) => ({ ...abmeldungFacts(ctx, c, parseAb(c.data), false) }),
  document: {
    type: HUNDESTEUER_DOCUMENT_TYPE,
    prefix: HUNDESTEUER_DOCUMENT_PREFIX,
    printer: 'letter',
    render(req) {
      const d = parseAb(req.data);
      const f = req.facts as unknown as AbmeldungFacts;
      const dog = getDog(req.db, f.dogId);
      if (!dog) throw new ApiFailure('CONFLICT', 'Der Hund dieser Abmeldung ist nicht mehr erfasst.');
      const mandate = f.mandateReference ? getMandate(req.db, f.mandateReference) : null;
      const payment: BescheidPayment = mandate
        ? { kind: 'sepa', mandateReference: mandate.reference, accountHolder: mandate.holder, iban: mandate.iban, mandateDate: mandate.signedOn }
        : transfer(req.settings);
      return renderBescheid(
        req,
        {
          kind: 'schluss',
          reportedOn: d.reportedOn,
          deliveredInPerson: f.deliveredInPerson,
          dog: {
            name: dog.name,
            breed: dog.breed,
            colour: dog.colour ?? '',
            sex: dog.sex ?? 'ruede',
            birthDate: dog.birthDate ?? f.liableFrom + '-01',
            chipNumber: dog.chipNumber,
          },
          tagNumber: f.tagNumber,
          position: f.position,
          dangerous: f.category === 'dangerous',
          liableFrom: f.liableFrom,
          schedule: f.schedule,
          deregistration: { reason: d.reason, endedOn: d.endedOn, liableUntil: f.liableUntil, paidCents: f.paidCents, tagReturned: f.tagState === 'returned' },
          payment,
        },
        hundesteuerAbmeldungRules,
      );
    },
  },
};

/** The core rules of the Hundesteuer services; listed in ./index.ts. */
export const hundesteuerRules: readonly ServiceRules[] = [hundesteuerAnmeldungRules, hundesteuerAbmeldungRules];
