import type { PortalProblem, PortalStatus } from '../../../shared/domain/portal';
import type { Settings } from '../../../shared/domain/types';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { mapLimit } from '../map-limit';
import { checkSubmission } from './checks';
import { PortalClient, PortalError } from './client';
import type { PortalRuntimeConfig } from './config';
import { buildAcceptEvent, buildRejectEvent, findOwnDecisionEvent } from './events';
import { importOnlineCase } from './import-case';
import type { PortalKeyStore } from './keys';
import { problem } from './problems';
import { RawSubmissionStore, type RawSubmission } from './raw-store';
import { resolveDataSchema, resolveService } from './service-resolvers';
import {
  countRejected,
  countWaiting,
  getSubmissionRow,
  markRawDropped,
  openSubmissions,
  rawFilesToDrop,
  recordFailure,
  recordSubmission,
  setState,
  type SubmissionRow,
} from './submissions';

export interface PortalSyncDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  keys: PortalKeyStore;
  settings(): Settings;
  /** The configuration in force, or null when no portal is configured. */
  config(): PortalRuntimeConfig | null;
  /** The embedded simulator serves as portal. */
  simulator?: boolean;
  log(message: string): void;
  fetch?: typeof fetch;
  /** Submissions processed at once (decryption runs in libuv's thread pool, so this uses both cores). */
  concurrency?: number;
  /** First retry delay after a failed sync; doubles per failure up to the poll interval. */
  backoffBaseMs?: number;
  maxAttachmentBytes?: number;
  /** Called after each durable step; the crash tests use it to kill the process at exact points. */
  onStep?(step: SyncStep, submissionId: string): void;
}

export type SyncStep = 'recorded' | 'attachment' | 'downloaded' | 'imported' | 'rejecting' | 'posted' | 'decided';

export interface SyncReport {
  listed: number;
  imported: number;
  rejected: number;
  /** Accept/reject events posted or confirmed. */
  decided: number;
  /** Submissions left for the next sync because of an error of their own. */
  failed: number;
  decryptMs: number;
  ms: number;
}

const DEFAULT_MAX_ATTACHMENT = 20 * 1024 * 1024;
const KEEP_REJECTED_RAW_DAYS = 30;

/**
 * Pulls submissions from the portal into cases, exactly once: a submission is recorded by its id before
 * anything else, each step moves its state forward in the database, and a sync resumes every submission
 * from its state — after a crash at any point there is one case and one accept event per submission.
 */
export class PortalSync {
  private running: Promise<SyncReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private client: { key: string; client: PortalClient } | null = null;
  private readonly raw: RawSubmissionStore;
  private lastAttemptAt: string | null = null;
  private lastSuccessAt: string | null = null;
  private errorMessage: string | null = null;
  private failures = 0;
  private nextAttemptAt: Date | null = null;

  /** The embedded simulator serves as portal (shown in the status). */
  simulator: boolean;

  constructor(private readonly deps: PortalSyncDeps) {
    this.simulator = Boolean(deps.simulator);
    this.raw = new RawSubmissionStore(deps.dataDir);
  }

  status(): PortalStatus {
    const cfg = this.deps.config();
    return {
      configured: cfg !== null,
      simulator: this.simulator,
      syncing: this.running !== null,
      lastAttemptAt: this.lastAttemptAt,
      lastSuccessAt: this.lastSuccessAt,
      waiting: countWaiting(this.deps.db),
      rejected: countRejected(this.deps.db),
      errorMessage: this.errorMessage,
      nextAttemptAt: this.nextAttemptAt && !this.stopped ? this.nextAttemptAt.toISOString() : null,
      failures: this.failures,
      pollMinutes: cfg?.pollMinutes ?? 5,
    };
  }

  /** Polls at the configured interval, backing off exponentially while the portal fails. */
  start(firstDelayMs = 1000): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Waits for a sync in progress to end (used on shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.deps.clock.now().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow().catch(() => undefined);
    }, delayMs);
    this.timer.unref?.();
  }

  private nextDelayMs(): number {
    const poll = (this.deps.config()?.pollMinutes ?? 5) * 60_000;
    if (this.failures === 0) return poll;
    const base = this.deps.backoffBaseMs ?? 30_000;
    return Math.min(poll, base * 2 ** (this.failures - 1));
  }

  /** One sync now; joins the sync in progress if there is one. Rejects with a PortalError when the portal fails. */
  syncNow(): Promise<SyncReport> {
    if (!this.running) {
      this.running = this.runOnce().finally(() => {
        this.running = null;
        this.schedule(this.nextDelayMs());
      });
    }
    return this.running;
  }

  private async runOnce(): Promise<SyncReport> {
    const started = Date.now();
    this.lastAttemptAt = this.deps.clock.now().toISOString();
    const cfg = this.deps.config();
    if (!cfg) {
      this.errorMessage = 'Das Portal ist nicht eingerichtet.';
      throw new PortalError('invalid', null, this.errorMessage);
    }
    try {
      const report = await this.syncWith(cfg);
      report.ms = Date.now() - started;
      this.failures = 0;
      this.errorMessage = null;
      this.lastSuccessAt = this.deps.clock.now().toISOString();
      this.dropFinishedRawFiles();
      return report;
    } catch (err) {
      this.failures += 1;
      this.errorMessage = germanMessage(err);
      this.deps.log(`portal sync failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  private clientFor(cfg: PortalRuntimeConfig): PortalClient {
    const key = JSON.stringify([cfg.tokenUrl, cfg.apiUrl, cfg.clientId, cfg.clientSecret]);
    if (this.client?.key !== key) {
      this.client = { key, client: new PortalClient(cfg, { fetch: this.deps.fetch }) };
    }
    return this.client.client;
  }

  private async syncWith(cfg: PortalRuntimeConfig): Promise<SyncReport> {
    const { db, clock } = this.deps;
    const client = this.clientFor(cfg);
    if (this.deps.keys.list().length === 0) {
      throw new PortalError('invalid', null, 'Es sind noch keine Schlüssel für den Zustellpunkt erzeugt (Verwaltung → Portal).');
    }
    const report: SyncReport = { listed: 0, imported: 0, rejected: 0, decided: 0, failed: 0, decryptMs: 0, ms: 0 };
    // Submissions left from an earlier sync may have had their event posted already: those check the event log first.
    const resumed = new Set(openSubmissions(db, cfg.destinationId).filter((r) => r.state === 'imported' || r.state === 'rejecting').map((r) => r.submission_id));

    const listed = await client.listSubmissions(cfg.destinationId);
    report.listed = listed.length;
    const at = clock.now().toISOString();
    inTransaction(db, () => {
      for (const s of listed) if (s.destinationId === cfg.destinationId) recordSubmission(db, s, at);
    });
    for (const s of listed) this.deps.onStep?.('recorded', s.submissionId);

    const rows = openSubmissions(db, cfg.destinationId);
    const keys = await this.deps.keys.decryptionKeys();
    const signing = await this.deps.keys.signingKey();
    // A portal-wide failure stops the sync: the submissions not yet started wait for the next one.
    let fatal: unknown = null;
    await mapLimit(rows, this.deps.concurrency ?? 8, async (row) => {
      if (fatal !== null) return;
      try {
        await this.process(row, client, { keys, signing, resumed: resumed.has(row.submission_id), report });
      } catch (err) {
        if (isPortalWide(err)) {
          fatal ??= err;
        } else {
          report.failed += 1;
          recordFailure(db, row.submission_id, err instanceof Error ? err.message : String(err), clock.now().toISOString());
          this.deps.log(`portal submission ${row.submission_id} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    });
    if (fatal !== null) throw fatal;
    return report;
  }

  private async process(
    initial: SubmissionRow,
    client: PortalClient,
    ctx: {
      keys: Awaited<ReturnType<PortalKeyStore['decryptionKeys']>>;
      signing: Awaited<ReturnType<PortalKeyStore['signingKey']>>;
      resumed: boolean;
      report: SyncReport;
    },
  ): Promise<void> {
    const { db, clock } = this.deps;
    const id = initial.submission_id;
    let row = initial;
    let raw: RawSubmission | null = null;
    let authTags: unknown = null;
    const maxBytes = this.deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT;

    if (row.state === 'recorded' || (row.state === 'downloaded' && !(raw = this.raw.load(id)))) {
      const fetched = await this.download(client, id, maxBytes);
      if ('problems' in fetched) {
        setState(db, id, 'rejecting', clock.now().toISOString(), { problems: fetched.problems, serviceIdentifier: fetched.serviceIdentifier });
        ctx.report.rejected += 1;
      } else {
        raw = fetched.raw;
        this.raw.save(raw);
        setState(db, id, 'downloaded', clock.now().toISOString(), { serviceIdentifier: raw.submission.serviceType?.identifier });
        this.deps.onStep?.('downloaded', id);
      }
      row = getSubmissionRow(db, id)!;
    }

    if (row.state === 'downloaded') {
      raw ??= this.raw.load(id);
      if (!raw) throw new Error('raw submission file vanished');
      const result = await checkSubmission(
        { submission: raw.submission as never, attachments: raw.attachments },
        ctx.keys,
        resolveService,
        resolveDataSchema,
        { maxAttachmentBytes: maxBytes },
      );
      const at = clock.now();
      if (result.ok) {
        ctx.report.decryptMs += result.decryptMs;
        const settings = this.deps.settings();
        inTransaction(db, () => {
          const current = getSubmissionRow(db, id);
          if (current?.state !== 'downloaded') return;
          const caseId = importOnlineCase(
            db,
            {
              submissionId: id,
              portalCaseId: row.portal_case_id,
              destinationId: row.destination_id,
              serviceIdentifier: raw!.submission.serviceType.identifier,
              serviceId: result.serviceId,
              metadata: result.metadata,
              data: result.data,
              attachments: result.attachments,
            },
            at,
            settings,
          );
          setState(db, id, 'imported', at.toISOString(), { caseId, authTags: result.authenticationTags });
        });
        authTags = result.authenticationTags;
        ctx.report.imported += 1;
        this.deps.onStep?.('imported', id);
      } else {
        setState(db, id, 'rejecting', at.toISOString(), { problems: result.problems });
        ctx.report.rejected += 1;
        this.deps.onStep?.('rejecting', id);
      }
      row = getSubmissionRow(db, id)!;
    }

    if (row.state === 'imported' || row.state === 'rejecting') {
      const accept = row.state === 'imported';
      if (ctx.resumed) {
        const own = findOwnDecisionEvent(await client.getEventLog(row.portal_case_id), row.destination_id, id);
        if (own) {
          this.markDecided(row, own === 'accept');
          ctx.report.decided += 1;
          return;
        }
      }
      const now = clock.now();
      const base = { destinationId: row.destination_id, submissionId: id, caseId: row.portal_case_id, signingKey: ctx.signing, now };
      const set = accept
        ? await buildAcceptEvent({ ...base, authenticationTags: (authTags ?? JSON.parse(row.auth_tags ?? 'null')) as never })
        : await buildRejectEvent({ ...base, problems: JSON.parse(row.problems ?? '[]') as PortalProblem[] });
      try {
        await client.postEvent(row.portal_case_id, set);
      } catch (err) {
        if (!(err instanceof PortalError) || err.kind !== 'conflict') throw err;
        // The portal refuses the state change: either our own event got there before a crash, or the submission
        // was decided otherwise (e.g. rejected by FIT-Connect after 14 days).
        const own = findOwnDecisionEvent(await client.getEventLog(row.portal_case_id), row.destination_id, id);
        if (own === null) {
          recordFailure(db, id, `Das Portal lehnt die ${accept ? 'Annahme' : 'Ablehnung'} ab (Zustandskonflikt).`, now.toISOString());
          throw new Error(`portal refused the ${accept ? 'accept' : 'reject'} event with 409 and shows no own decision`);
        }
      }
      this.deps.onStep?.('posted', id);
      this.markDecided(row, accept);
      ctx.report.decided += 1;
      this.deps.onStep?.('decided', id);
    }
  }

  private markDecided(row: SubmissionRow, accepted: boolean): void {
    setState(this.deps.db, row.submission_id, accepted ? 'accepted' : 'rejected', this.deps.clock.now().toISOString(), { decided: true });
  }

  /** Fetches a submission and its attachments; an attachment over the limit is a problem of the submission, not of the sync. */
  private async download(
    client: PortalClient,
    submissionId: string,
    maxBytes: number,
  ): Promise<{ raw: RawSubmission } | { problems: PortalProblem[]; serviceIdentifier?: string }> {
    const submission = (await client.getSubmission(submissionId)) as unknown as RawSubmission['submission'];
    const attachments: Record<string, string> = {};
    for (const attachmentId of submission.attachments ?? []) {
      try {
        // JWE base64url adds a third; allow for it so the limit applies to the decrypted content.
        attachments[attachmentId] = await client.getAttachment(submissionId, attachmentId, Math.ceil(maxBytes * 1.4) + 4096);
        this.deps.onStep?.('attachment', submissionId);
      } catch (err) {
        if (err instanceof PortalError && err.kind === 'invalid') {
          return {
            problems: [problem('attachment-too-large', `Die Anlage ${attachmentId} ist größer als ${Math.round(maxBytes / 1024 / 1024)} MB.`)],
            serviceIdentifier: submission.serviceType?.identifier,
          };
        }
        throw err;
      }
    }
    return { raw: { submission, attachments } };
  }

  private dropFinishedRawFiles(): void {
    const before = new Date(this.deps.clock.now().getTime() - KEEP_REJECTED_RAW_DAYS * 86_400_000).toISOString();
    for (const id of rawFilesToDrop(this.deps.db, before)) {
      this.raw.remove(id);
      markRawDropped(this.deps.db, id);
    }
  }
}

/** Errors that concern the portal as a whole (down, credentials): the sync stops and backs off. */
function isPortalWide(err: unknown): boolean {
  return err instanceof PortalError && (err.kind === 'unavailable' || err.kind === 'unauthorized' || err.kind === 'forbidden' || err.kind === 'protocol');
}

function germanMessage(err: unknown): string {
  if (err instanceof PortalError) return err.germanMessage;
  return 'Der Abruf vom Portal ist fehlgeschlagen (interner Fehler, siehe Protokoll).';
}
