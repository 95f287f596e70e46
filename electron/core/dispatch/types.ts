import type { PostalAddressInput } from '../documents/postal-address';
import type { Settings, User } from '../../../shared/domain/types';
import type { EnvelopeSize, PostageChoice, RegisteredOption } from '../../../shared/domain/postage';

/** What the cover letter and the envelope of one case are made from. */
export interface DispatchLetterInput {
  caseId: number;
  caseReference: string;
  serviceName: string;
  /** When the application was received (case created). */
  receivedAt: Date;
  /** Where the letter goes (cases/service-case.ts `postalRecipientOf`). */
  recipient: PostalAddressInput;
  /** Documents enclosed, in print order. */
  enclosures: { title: string; number: string }[];
  openFeeCents: number;
  registered: RegisteredOption | null;
  clerkName: string;
  issuedAt: Date;
  settings: Settings;
  resourcesDir: string;
}

/** Renders the letters of a run; the dispatch engine only orders, prints and records them. */
export interface DispatchRenderers {
  coverLetter(input: DispatchLetterInput): Promise<Buffer>;
  envelope(input: DispatchLetterInput, envelope: EnvelopeSize, postage: PostageChoice): Promise<Buffer>;
  /** The envelopes of several letters as one print file, in the given order. */
  envelopes(letters: { input: DispatchLetterInput; envelope: EnvelopeSize; postage: PostageChoice }[]): Promise<Buffer>;
  /** Recipient for the Postausgangsbuch. */
  recipient(input: DispatchLetterInput): LogRecipient;
}

export interface RunActor {
  user: User;
}

export interface LogRecipient {
  recipientName: string;
  postalCode: string;
  city: string;
  country?: string | null;
  confidential?: boolean;
}
