/** The simulator's in-memory state: plain Maps, no persistence. */
import type { KeyObject } from 'node:crypto';
import type { PublicJwk } from './keys.js';
import type { CaseEventLog } from './events.js';

export type ClientRole = 'subscriber' | 'sender';
export type SubmissionState = 'incomplete' | 'submitted' | 'forwarded' | 'rejected' | 'accepted';
export type DestinationStatus = 'created' | 'active' | 'inactive' | 'decommissioned';

export interface ClientRecord {
  clientId: string;
  clientSecret: string;
  role: ClientRole;
}

export interface TokenRecord {
  token: string;
  clientId: string;
  expiresAt: number;
  /** Scopes the client asked for; null = everything the client may do (evaluated per request). */
  scopes: Set<string> | null;
}

export interface SubmissionSchemaRef {
  schemaUri: string;
  mimeType: 'application/json' | 'application/xml';
}

export interface DestinationService {
  identifier: string;
  regions: string[];
  submissionSchemas: SubmissionSchemaRef[];
}

export interface ContactInformation {
  legalName: string;
  address: string;
  phone: string;
  email: string;
  unit?: string;
}

export interface DestinationRecord {
  destinationId: string;
  ownerClientId: string;
  status: DestinationStatus;
  services: DestinationService[];
  encryptionKid: string;
  signingKid: string;
  /** Every key by kid (spec JWK shape), served at /v1/destinations/{id}/keys/{kid}. */
  keys: Map<string, PublicJwk>;
  /** Verifies the SETs the destination posts. */
  signingKey: KeyObject;
  contactInformation: ContactInformation;
  metadataVersions: string[];
  replyChannels?: Record<string, unknown>;
  callbackUrl?: string;
  createdAt: number;
}

export interface ServiceTypeRecord {
  name?: string;
  description?: string;
  identifier: string;
}

export interface SubmissionRecord {
  submissionId: string;
  caseId: string;
  destinationId: string;
  senderClientId: string;
  serviceType: ServiceTypeRecord;
  announcedAttachments: string[];
  /** attachmentId → compact JWE, in upload order. */
  attachments: Map<string, string>;
  encryptedMetadata?: string;
  encryptedData?: string;
  /** Authentication tags captured at submit time (they survive the deletion of the content). */
  tags?: { metadata: string; data?: string; attachments: Record<string, string> };
  state: SubmissionState;
  createdAt: number;
  submittedAt?: number;
  callbackUrl?: string;
}

export interface CaseRecord {
  caseId: string;
  destinationId: string;
  submissionIds: string[];
  events: CaseEventLog;
  /** jti of every event in the log (replay protection). */
  jtis: Set<string>;
}

export class Store {
  readonly clients = new Map<string, ClientRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly destinations = new Map<string, DestinationRecord>();
  readonly submissions = new Map<string, SubmissionRecord>();
  readonly cases = new Map<string, CaseRecord>();
  /** Submissions in state submitted/forwarded, in submit order (what GET /v1/submissions lists). */
  readonly pickup = new Set<string>();

  constructor(clients: ClientRecord[]) {
    for (const c of clients) this.clients.set(c.clientId, c);
  }

  destinationsOwnedBy(clientId: string): DestinationRecord[] {
    return [...this.destinations.values()].filter((d) => d.ownerClientId === clientId);
  }

  setState(s: SubmissionRecord, state: SubmissionState): void {
    s.state = state;
    if (state === 'submitted' || state === 'forwarded') this.pickup.add(s.submissionId);
    else this.pickup.delete(s.submissionId);
    if (state === 'accepted' || state === 'rejected') {
      // FIT-Connect deletes the content once a submission is accepted or rejected.
      s.encryptedMetadata = undefined;
      s.encryptedData = undefined;
      s.attachments.clear();
    }
  }
}
