import type { OnlineApplicant } from '../../../shared/domain/portal';
import type { Resident, Settings, User } from '../../../shared/domain/types';
import type { ServiceDefinition } from '../../../shared/services/types';
import type { Db } from '../db/connection';
import type { DocumentRenderer } from '../documents/renderer';
import type { PostalAddressInput } from '../documents/postal-address';

/** What a rule may read (and, in the hooks that say so, write) besides the case data. */
export interface RuleContext {
  db: Db;
  now: Date;
  settings: Settings;
  /** The signed-in user; null for the portal import. */
  user: User | null;
}

export interface RenderRequest {
  data: Record<string, unknown>;
  /** The case's person from the Melderegister; null where the service does not need one and none was matched. */
  resident: Resident | null;
  /** The case's applicant as recorded on the case ("Familienname, Vornamen" or the form's name). */
  applicantName: string;
  caseId: number;
  caseReference: string;
  number: string;
  issuedAt: Date;
  clerkName: string;
  preview: boolean;
  /**
   * Facts fixed when the document was numbered (`beforeIssue`), e.g. the Wahlschein-Nr. or the Hundemarke; in a
   * preview, the facts `previewFacts` answers (or {}).
   */
  facts: Record<string, unknown>;
  settings: Settings;
  resourcesDir: string;
  renderer: DocumentRenderer;
  /** Read-only use: the stores the document shows (Personenstandsregister, Wählerverzeichnis, Hundesteuer). */
  db: Db;
}

/** The core's rules for one service; the data shape and defaults live in shared/services/<id>/. */
export interface ServiceRules {
  definition: ServiceDefinition;
  /** Fee in cents for validated case data. */
  fee(data: Record<string, unknown>, settings: Settings): number;
  /** A reason the fee is waived by law or purpose, or null. */
  waiverReason(data: Record<string, unknown>): string | null;
  /** Refuses the application for this resident with a German message (throws ApiFailure), e.g. a deceased person. */
  checkResident(resident: Resident, data: Record<string, unknown>): void;
  /**
   * The applicant's name for the case ("Familienname, Vornamen") when no resident is attached (or the service names
   * someone else, e.g. the business of a Gewerbeanzeige). Default: the resident's name.
   */
  applicantName?(data: Record<string, unknown>, resident: Resident | null): string;
  /**
   * Checks that need the stores (the register entry exists and the applicant may have it, the voter is registered and
   * the deadline not passed, the tag is issued …). Throws ApiFailure with a German message. Runs when a walk-in case
   * is created and again right before its document is numbered (an online case: only then). Must not write.
   */
  checkApplication?(ctx: RuleContext, data: Record<string, unknown>, resident: Resident | null): void;
  /**
   * Why a supervisor must approve the case before its fee is taken (e.g. a stated legal interest), or null.
   * Stored on the case when it is created (walk-in and online).
   */
  approvalRequired?(data: Record<string, unknown>): string | null;
  /** Runs in the transaction that creates the case (walk-in and online), after its row exists; may write. */
  afterCreate?(ctx: RuleContext, caseId: number, data: Record<string, unknown>, resident: Resident | null): void;
  /**
   * The case data of an online application: the service's `antrag` (already checked against its online schema)
   * and the applicant. Default: the `antrag` as it is.
   */
  caseDataFromOnline?(antrag: Record<string, unknown>, applicant: OnlineApplicant): Record<string, unknown>;
  /**
   * Runs in the transaction that numbers the document (once per document: a reprint reuses it); allocates what the
   * document carries (Wahlschein-Nr., Hundemarke, the tax registration) and returns those facts. May write.
   * Throwing here leaves no number and no document behind.
   */
  beforeIssue?(ctx: RuleContext, c: IssueCase): Record<string, unknown>;
  /** Facts a preview shows in place of those `beforeIssue` allocates (e.g. the next free tag); read-only. */
  previewFacts?(ctx: RuleContext, c: IssueCase): Record<string, unknown>;
  /**
   * Where the documents go by post when not to the person's Hauptwohnung (or the online applicant's address), e.g. a
   * Wahlschein sent to another address; null: the default.
   */
  postalRecipient?(c: IssueCase): PostalAddressInput | null;
  /**
   * When the application reached the authority, where the case data records it (a notice that came by post and is
   * typed in later); the deadlines run from it. Default: the case's creation.
   */
  receivedAt?(data: Record<string, unknown>): Date | null;
  /**
   * What the postal cover letter lists as enclosed besides the document itself, from the document's facts (e.g. the
   * Hundesteuermarke sent with the Bescheid).
   */
  extraEnclosures?(facts: Record<string, unknown>): { title: string; number: string }[];
  /** The delivery the case data decides (overrides the counter's choice), e.g. a Wahlschein to be sent. */
  deliveryMethod?(data: Record<string, unknown>): 'counter' | 'post';
  /** The printed document needs the Standesbeamter's signature and seal before hand-over or dispatch. */
  signatureRequired?: boolean;
  /**
   * The user the printed document names as signer (from its facts), or null when any appointed Standesbeamter may
   * sign; `cases.sign` then accepts only that user.
   */
  designatedSigner?(facts: Record<string, unknown>): { userId: number; name: string } | null;
  document: {
    type: string;
    /** Number prefix, e.g. "MB" → MB-2026-000001. */
    prefix: string;
    printer: keyof Settings['printers'];
    render(req: RenderRequest): Promise<Buffer>;
  };
}

/** The case as `beforeIssue` and `previewFacts` see it. */
export interface IssueCase {
  id: number;
  reference: string;
  data: Record<string, unknown>;
  resident: Resident | null;
  applicantName: string;
  /** 'counter' or 'post'. */
  deliveryMethod: string;
  channel: string;
}
