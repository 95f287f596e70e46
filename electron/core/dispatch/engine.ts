import { sql } from '../db/connection';
import type { Settings, User } from '../../../shared/domain/types';
import { ApiFailure, notFound } from '../api/errors';
import { insertDocument, unprintedDocument } from '../cases/documents';
import { addHistory } from '../cases/history';
import { getCaseRow } from '../cases/repository';
import { changeStatus } from '../cases/status';
import type { Clock } from '../clock';
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { RUN_STATE_LABELS, type PrintRunState } from '../../../shared/domain/dispatch';
import { berlinYear, nextNumber } from '../db/counters';
import { inTransaction, type Db } from '../db/connection';
import { choosePostage, chooseEnvelope, type EnvelopeSize, type PostageChoice, type RegisteredOption } from '../../../shared/domain/postage';
import type { DocumentRenderer } from '../documents/renderer';
import type { PrinterAdapter } from '../printing/port';
import { issueCaseOf, postalRecipientOf } from '../cases/service-case';
import { createServiceDocument, ensureRendered } from '../cases/service-document';
import { rulesFor } from '../services';
import { dispatchCandidates, type DispatchFilter } from './candidates';
import { mergePdfs, pageCount } from './merge';
import type { DispatchLetterInput, DispatchRenderers } from './types';

export type PrinterRole = 'certificate' | 'letter' | 'envelope';
type ItemKind = 'document' | 'cover_letter' | 'envelope';

export interface DispatchDeps {
  db: Db;
  clock: Clock;
  resourcesDir: string;
  workstation: string;
  settings(): Settings;
  printerFor(adapter: 'system' | 'folder'): PrinterAdapter;
  renderers: DispatchRenderers;
  renderer: DocumentRenderer;
  log(message: string): void;
}

interface ItemRow {
  id: number;
  run_id: number;
  case_id: number;
  seq: number;
  kind: ItemKind;
  printer_role: PrinterRole;
  document_id: number | null;
  state: string;
}

/** PWG media names (understood by CUPS and IPP printers) of the envelope formats. */
export const ENVELOPE_MEDIA: Record<EnvelopeSize, string> = {
  DL: 'iso_dl_110x220mm',
  'C6/5': 'iso_c6c5_114x229mm',
  C6: 'iso_c6_114x162mm',
  C5: 'iso_c5_162x229mm',
  C4: 'iso_c4_229x324mm',
};

const KIND_ORDER: Record<ItemKind, number> = { cover_letter: 0, document: 1, envelope: 2 };
const LETTER_DOC_TYPE = 'anschreiben';

/**
 * Print runs for postal dispatch. A run is stored with one row per case and per item (documents, cover letter,
 * envelope). It prints chunk by chunk, one merged PDF per printer profile so that the paper comes out in the
 * order of the list; an item is printed only once its printer job completed, and a case is dispatched only when all
 * its items printed. A fault stops the run with the reason; resuming prints only what is not printed yet.
 */
export class DispatchEngine {
  private readonly active = new Map<number, Promise<void>>();

  constructor(private readonly deps: DispatchDeps) {}

  candidates(filter: DispatchFilter) {
    return dispatchCandidates(this.deps.db, filter);
  }

  /** Creates a run over the ready cases of the filter and starts printing it in the background. */
  startRun(user: User, filter: DispatchFilter): number {
    const { db, clock } = this.deps;
    const settings = this.deps.settings();
    const runId = inTransaction(db, () => {
      const busy = sql(db, `SELECT id FROM print_runs WHERE workstation = ? AND state = 'running'`)
        .get(this.deps.workstation) as { id: number } | undefined;
      if (busy) throw new ApiFailure('CONFLICT', `An diesem Arbeitsplatz läuft bereits der Druckauftrag Nr. ${busy.id}.`);
      const cases = dispatchCandidates(db, filter);
      if (cases.length === 0) throw new ApiFailure('CONFLICT', 'Für diese Auswahl liegen keine Vorgänge zum Versand bereit.');
      const at = clock.now().toISOString();
      const info = sql(db, 
          `INSERT INTO print_runs (workstation, state, filter, chunk_size, created_by, created_at, updated_at)
           VALUES (?, 'running', ?, ?, ?, ?, ?)`,
        )
        .run(this.deps.workstation, JSON.stringify(filter), settings.dispatch.chunkSize, user.id, at, at);
      const id = Number(info.lastInsertRowid);
      const addCase = sql(db, `INSERT INTO print_run_cases (run_id, case_id, seq, state) VALUES (?, ?, ?, 'pending')`);
      const addItem = sql(db, 
        `INSERT INTO print_run_items (run_id, case_id, seq, kind, printer_role, document_id, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
      );
      cases.forEach((c, i) => {
        const seq = i + 1;
        addCase.run(id, c.caseId, seq);
        const rules = rulesFor(c.serviceId);
        if (!rules) throw new ApiFailure('CONFLICT', `Für ${c.reference} ist kein Dokument hinterlegt.`);
        // Documents already printed (case issued) are enclosed, not printed again.
        if (c.status === 'ready') addItem.run(id, c.caseId, seq, 'document', rules.document.printer, null);
        addItem.run(id, c.caseId, seq, 'cover_letter', 'letter', null);
        if (settings.dispatch.printEnvelopes) addItem.run(id, c.caseId, seq, 'envelope', 'envelope', null);
        addHistory(db, { caseId: c.caseId, at, userId: user.id, action: `In Druckauftrag Nr. ${id} für den Postversand aufgenommen` });
      });
      return id;
    });
    this.kick(runId, user);
    return runId;
  }

  pause(runId: number): void {
    this.setState(runId, ['running'], 'paused', null);
  }

  resume(runId: number, user: User): void {
    inTransaction(this.deps.db, () => {
      const other = sql(this.deps.db, `SELECT id FROM print_runs WHERE workstation = ? AND state = 'running' AND id != ?`)
        .get(this.deps.workstation, runId) as { id: number } | undefined;
      if (other) throw new ApiFailure('CONFLICT', `An diesem Arbeitsplatz läuft bereits der Druckauftrag Nr. ${other.id}.`);
      this.setState(runId, ['paused', 'stopped'], 'running', null);
    });
    this.kick(runId, user);
  }

  cancel(runId: number, user: User, reason: string): void {
    const { db, clock } = this.deps;
    inTransaction(db, () => {
      this.setState(runId, ['running', 'paused', 'stopped'], 'cancelled', `Abgebrochen: ${reason}`);
      const at = clock.now().toISOString();
      sql(db, `UPDATE print_runs SET finished_at = ? WHERE id = ?`).run(at, runId);
      sql(db, `UPDATE print_run_items SET state = 'cancelled' WHERE run_id = ? AND state = 'pending'`).run(runId);
      const open = sql(db, `SELECT case_id FROM print_run_cases WHERE run_id = ? AND state = 'pending'`).all(runId) as { case_id: number }[];
      sql(db, `UPDATE print_run_cases SET state = 'cancelled' WHERE run_id = ? AND state = 'pending'`).run(runId);
      for (const c of open) {
        addHistory(db, { caseId: c.case_id, at, userId: user.id, action: `Druckauftrag Nr. ${runId} abgebrochen`, reason });
      }
    });
  }

  /** Waits until the run's background work has stopped (tests, shutdown). */
  async settle(runId: number): Promise<void> {
    await this.active.get(runId);
  }

  /** After a restart: runs that were printing are stopped, their open jobs settled against the printer. */
  async recover(): Promise<void> {
    const { db, clock } = this.deps;
    const jobs = sql(db, `SELECT id, adapter, printer_name, external_id, state FROM print_run_jobs WHERE state IN ('pending', 'submitted')`)
      .all() as { id: number; adapter: 'system' | 'folder'; printer_name: string; external_id: string | null; state: string }[];
    for (const job of jobs) {
      let state: string = 'unknown';
      if (job.external_id) {
        try {
          state = await this.deps.printerFor(job.adapter).jobState(job.printer_name, job.external_id);
        } catch (err) {
          this.deps.log(`run job ${job.id}: state query failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (state === 'pending') continue;
      this.finishJob(job.id, state === 'completed' ? { state: 'completed' } : { state: 'failed', message: 'Druck durch Programmende unterbrochen.' });
    }
    const at = clock.now().toISOString();
    sql(db, 
      `UPDATE print_runs SET state = 'stopped', message = ?, updated_at = ? WHERE state = 'running' AND workstation = ?`,
    ).run('Der Druckauftrag wurde durch ein Programmende unterbrochen. Bitte „Fortsetzen“ wählen.', at, this.deps.workstation);
  }

  private setState(runId: number, from: string[], to: string, message: string | null): void {
    const { db, clock } = this.deps;
    const run = sql(db, `SELECT state FROM print_runs WHERE id = ?`).get(runId) as { state: string } | undefined;
    if (!run) throw notFound('Der Druckauftrag');
    if (!from.includes(run.state)) {
      throw new ApiFailure(
        'CONFLICT',
        `Der Druckauftrag ist „${RUN_STATE_LABELS[run.state as PrintRunState]}“; das ist jetzt nicht möglich.`,
      );
    }
    sql(db, `UPDATE print_runs SET state = ?, message = ?, updated_at = ? WHERE id = ?`).run(to, message, clock.now().toISOString(), runId);
  }

  /**
   * Runs the run's loop in the background. A resume that arrives while the previous loop is still winding down
   * (finishing a render after a fault) queues behind it instead of being lost.
   */
  private kick(runId: number, user: User): void {
    const previous = this.active.get(runId) ?? Promise.resolve();
    const work: Promise<void> = previous
      .then(() => this.execute(runId, user))
      .catch((err: unknown) => {
        this.deps.log(`print run ${runId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        const message = err instanceof ApiFailure ? err.message : 'Interner Fehler beim Drucken; der Auftrag wurde angehalten.';
        sql(this.deps.db, `UPDATE print_runs SET state = 'stopped', message = ?, updated_at = ? WHERE id = ? AND state = 'running'`)
          .run(message, this.deps.clock.now().toISOString(), runId);
      })
      .finally(() => {
        if (this.active.get(runId) === work) this.active.delete(runId);
      });
    this.active.set(runId, work);
  }


  private runState(runId: number): string {
    return (sql(this.deps.db, `SELECT state FROM print_runs WHERE id = ?`).get(runId) as { state: string }).state;
  }

  private async execute(runId: number, user: User): Promise<void> {
    const { db } = this.deps;
    const chunkSize = (sql(db, `SELECT chunk_size FROM print_runs WHERE id = ?`).get(runId) as { chunk_size: number }).chunk_size;
    type Chunk = { case_id: number; seq: number }[];
    const chunkAfter = (seq: number): Chunk =>
      sql(db, `SELECT case_id, seq FROM print_run_cases WHERE run_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?`).all(
        runId,
        seq,
        chunkSize,
      ) as Chunk;
    // The next chunk's documents are rendered while this chunk prints, so the render threads never wait on the
    // printer. Preparing is safe to leave unfinished: a paused or stopped run reuses what was made.
    const prepare = (chunk: Chunk) => {
      const numbers = chunk.map((c) => this.reserveNumbers(runId, c.case_id));
      return Promise.all(chunk.map((c, i) => this.prepareCase(runId, c.case_id, user, numbers[i])));
    };
    if (this.runState(runId) !== 'running') return;
    let chunk = chunkAfter(0);
    let preparing = chunk.length ? prepare(chunk) : null;
    try {
      while (chunk.length > 0 && preparing) {
        const prepared = await preparing;
        const cases = new Map(chunk.map((c, i) => [c.case_id, prepared[i]!] as const));
        const next = this.runState(runId) === 'running' ? chunkAfter(chunk.at(-1)!.seq) : [];
        preparing = next.length ? prepare(next) : null;
        // A failure of the prefetch surfaces when it is awaited, not as an unhandled rejection meanwhile.
        preparing?.catch(() => undefined);
        if (this.runState(runId) !== 'running') return;
        const ok = await this.printChunk(runId, chunk.map((c) => c.case_id), cases);
        if (!ok) return;
        for (const c of chunk) this.finishCase(runId, c.case_id, user, cases.get(c.case_id)!);
        chunk = next;
      }
      inTransaction(db, () => {
        const at = this.deps.clock.now().toISOString();
        sql(
          db,
          `UPDATE print_runs SET state = 'completed', message = NULL, current_printer = NULL, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'running'`,
        ).run(at, at, runId);
      });
    } finally {
      // Never leave rendering running behind a stopped run (settle() promises an idle engine).
      await preparing?.catch(() => undefined);
    }
  }

  /**
   * Links documents an earlier, cancelled run (or a failed counter print) made but never printed, so they print under
   * their numbers, and draws the numbers of the documents and the cover letter still to be made.
   */
  private reserveNumbers(runId: number, caseId: number): { documents: Map<number, string>; letter: string | null } {
    const { db, clock } = this.deps;
    return inTransaction(db, () => {
      const row = getCaseRow(db, caseId)!;
      const rules = rulesFor(row.service_id)!;
      const year = berlinYear(clock.now());
      const items = sql(db, `SELECT id, kind, document_id FROM print_run_items WHERE run_id = ? AND case_id = ? ORDER BY id`).all(
        runId,
        caseId,
      ) as ItemRow[];
      const documents = new Map<number, string>();
      for (const item of items.filter((i) => i.kind === 'document' && i.document_id === null)) {
        const unprinted = unprintedDocument(db, caseId, rules.document.type);
        if (unprinted) sql(db, `UPDATE print_run_items SET document_id = ? WHERE id = ?`).run(unprinted.id, item.id);
        else documents.set(item.id, nextNumber(db, rules.document.prefix, year));
      }
      const letter = items.some((i) => i.kind === 'cover_letter' && i.document_id === null) ? nextNumber(db, 'AS', year) : null;
      return { documents, letter };
    });
  }

  private async prepareCase(
    runId: number,
    caseId: number,
    user: User,
    numbers?: { documents: Map<number, string>; letter: string | null },
  ) {
    const { db, clock } = this.deps;
    const settings = this.deps.settings();
    const row = getCaseRow(db, caseId);
    if (!row) throw notFound('Der Vorgang');
    const rules = rulesFor(row.service_id)!;
    const serviceCase = issueCaseOf(db, row);
    const recipient = postalRecipientOf(db, serviceCase, rules);
    const items = sql(db, `SELECT id, kind, document_id, state FROM print_run_items WHERE run_id = ? AND case_id = ? ORDER BY id`)
      .all(runId, caseId) as ItemRow[];

    const docDeps = { db, clock, settings, resourcesDir: this.deps.resourcesDir, renderer: this.deps.renderer };
    // A document numbered before a crash but never rendered is completed with its number and facts.
    for (const item of items.filter((i) => i.kind === 'document' && i.document_id !== null)) {
      await ensureRendered(docDeps, item.document_id!, row, rules, user);
    }
    for (const item of items.filter((i) => i.kind === 'document' && i.document_id === null)) {
      const number = numbers?.documents.get(item.id) ?? inTransaction(db, () => nextNumber(db, rules.document.prefix, berlinYear(clock.now())));
      const doc = await createServiceDocument(docDeps, row, rules, user, number, serviceCase);
      sql(db, `UPDATE print_run_items SET document_id = ? WHERE id = ?`).run(doc.id, item.id);
    }

    const enclosed = sql(db, `SELECT id, doc_type, number, pages, pdf, facts FROM documents WHERE case_id = ? AND doc_type != ? ORDER BY id`)
      .all(caseId, LETTER_DOC_TYPE) as { id: number; doc_type: string; number: string; pages: number; pdf: Buffer; facts: string | null }[];
    const paid = sql(db, `SELECT COUNT(*) AS n, COALESCE(SUM(amount_cents), 0) AS cents FROM payments WHERE case_id = ?`).get(caseId) as {
      n: number;
      cents: number;
    };
    const input: DispatchLetterInput = {
      caseId,
      caseReference: row.reference,
      serviceName: rules.definition.shortName,
      receivedAt: new Date(row.created_at),
      recipient,
      enclosures: enclosed.flatMap((d) => [
        { title: rules.definition.shortName, number: d.number },
        ...(d.facts ? (rules.extraEnclosures?.(JSON.parse(d.facts) as Record<string, unknown>) ?? []) : []),
      ]),
      openFeeCents: paid.n > 0 ? 0 : Math.max(0, row.fee_cents - paid.cents),
      registered: (sql(db, `SELECT registered FROM cases WHERE id = ?`).get(caseId) as { registered: RegisteredOption | null }).registered,
      clerkName: user.displayName,
      issuedAt: clock.now(),
      settings,
      resourcesDir: this.deps.resourcesDir,
    };

    const letterItem = items.find((i) => i.kind === 'cover_letter');
    let letterPages = 1;
    if (letterItem && letterItem.document_id === null) {
      const pdf = await this.deps.renderers.coverLetter(input);
      letterPages = await pageCount(pdf);
      inTransaction(db, () => {
        const number = numbers?.letter ?? nextNumber(db, 'AS', berlinYear(clock.now()));
        const docId = insertDocument(db, { caseId, type: LETTER_DOC_TYPE, number, pdf, pages: letterPages, userId: user.id, at: clock.now().toISOString() });
        sql(db, `UPDATE print_run_items SET document_id = ? WHERE id = ?`).run(docId, letterItem.id);
      });
    } else if (letterItem?.document_id) {
      letterPages = (sql(db, `SELECT pages FROM documents WHERE id = ?`).get(letterItem.document_id) as { pages: number }).pages;
    }
    const docPages = enclosed.reduce((n, d) => n + d.pages, 0);
    const sheets = Math.max(1, docPages + letterPages);
    const envelope = chooseEnvelope(sheets, settings.envelopes);
    const postage = choosePostage({ sheets, envelope, registered: input.registered }, settings.postage);
    sql(db, `UPDATE print_run_cases SET sheets = ?, envelope = ?, product = ?, postage_cents = ? WHERE run_id = ? AND case_id = ?`).run(
      sheets,
      envelope,
      postage.label,
      postage.cents,
      runId,
      caseId,
    );
    return { envelope, postage, input };
  }

  /** Prints the chunk's pending items, one merged job per printer profile. False when the run has to stop. */
  private async printChunk(
    runId: number,
    caseIds: number[],
    prepared: Map<number, { envelope: EnvelopeSize; postage: PostageChoice; input: DispatchLetterInput }>,
  ): Promise<boolean> {
    const { db } = this.deps;
    const settings = this.deps.settings();
    const items = (
      sql(db, 
          `SELECT id, run_id, case_id, seq, kind, printer_role, document_id, state FROM print_run_items
           WHERE run_id = ? AND state = 'pending' AND case_id IN (${caseIds.map(() => '?').join(',')})`,
        )
        .all(runId, ...caseIds) as ItemRow[]
    ).sort((a, b) => a.seq - b.seq || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    // Roles sharing a printer profile (same printer, media and tray) go into one job, in list order.
    // Envelopes take the media of their format, so each format is a job of its own.
    const mediaOf = (item: ItemRow) =>
      item.kind === 'envelope' ? ENVELOPE_MEDIA[prepared.get(item.case_id)!.envelope] : settings.printers[item.printer_role].media;
    const groups = new Map<string, ItemRow[]>();
    for (const item of items) {
      const p = settings.printers[item.printer_role];
      const key = JSON.stringify([p.adapter, p.printerName, mediaOf(item), p.tray]);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const groupItems of groups.values()) {
      if (this.runState(runId) !== 'running') return false;
      const profile = { ...settings.printers[groupItems[0]!.printer_role], media: mediaOf(groupItems[0]!) };
      const printerName = profile.adapter === 'folder' ? profile.printerName || 'Ablageordner' : profile.printerName;
      if (profile.adapter === 'system' && !printerName) {
        this.stopRun(runId, `Für „${groupItems[0]!.printer_role}“ ist kein Drucker eingerichtet (Verwaltung → Drucker).`);
        return false;
      }
      const merged = groupItems.every((i) => i.kind === 'envelope')
        ? await this.envelopeBatch(groupItems, prepared)
        : await mergePdfs(await Promise.all(groupItems.map((item) => this.itemPdf(item, prepared.get(item.case_id)!))));
      const jobId = inTransaction(db, () => {
        const now = this.deps.clock.now().toISOString();
        const info = sql(db, 
            `INSERT INTO print_run_jobs (run_id, adapter, printer_name, state, pages, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
          )
          .run(runId, profile.adapter, printerName, merged.pages, now, now);
        const id = Number(info.lastInsertRowid);
        const mark = sql(db, `UPDATE print_run_items SET state = 'printing', job_id = ?, error = NULL WHERE id = ?`);
        for (const item of groupItems) mark.run(id, item.id);
        sql(db, `UPDATE print_runs SET current_printer = ?, updated_at = ? WHERE id = ?`).run(printerName, now, runId);
        return id;
      });
      let outcome;
      try {
        outcome = await this.deps.printerFor(profile.adapter).print(
          { pdf: merged.pdf, printerName, title: `Postversand ${runId}-${jobId}`, media: profile.media || undefined, tray: profile.tray || undefined, copies: 1 },
          (externalId) =>
            sql(db, `UPDATE print_run_jobs SET state = 'submitted', external_id = ?, updated_at = ? WHERE id = ?`).run(
              externalId,
              this.deps.clock.now().toISOString(),
              jobId,
            ),
        );
      } catch (err) {
        this.deps.log(`run ${runId} job ${jobId} threw: ${err instanceof Error ? err.message : String(err)}`);
        outcome = { state: 'failed' as const, message: 'Der Druck ist fehlgeschlagen (interner Fehler der Druckeranbindung).' };
      }
      this.finishJob(jobId, outcome);
      if (outcome.state === 'completed') this.markDocumentsIssued(runId, [...new Set(groupItems.map((i) => i.case_id))]);
      if (outcome.state === 'failed') {
        this.stopRun(runId, `${outcome.message} Nach Behebung „Fortsetzen“ wählen; bereits Gedrucktes wird nicht wiederholt.`);
        return false;
      }
    }
    return true;
  }

  private finishJob(jobId: number, outcome: { state: 'completed' } | { state: 'failed'; message: string }): void {
    const { db, clock } = this.deps;
    inTransaction(db, () => {
      const at = clock.now().toISOString();
      if (outcome.state === 'completed') {
        sql(db, `UPDATE print_run_jobs SET state = 'completed', updated_at = ? WHERE id = ?`).run(at, jobId);
        sql(db, `UPDATE print_run_items SET state = 'printed', printed_at = ? WHERE job_id = ? AND state = 'printing'`).run(at, jobId);
      } else {
        sql(db, `UPDATE print_run_jobs SET state = 'failed', error = ?, updated_at = ? WHERE id = ?`).run(outcome.message, at, jobId);
        sql(db, `UPDATE print_run_items SET state = 'pending', error = ? WHERE job_id = ? AND state = 'printing'`).run(outcome.message, jobId);
      }
    });
  }

  /**
   * A case whose documents are printed is issued at once, even if its letter is still to come: should the run then
   * be cancelled, the next run encloses these documents instead of printing them again under new numbers.
   */
  private markDocumentsIssued(runId: number, caseIds: number[]): void {
    const { db, clock } = this.deps;
    const by = (sql(db, `SELECT created_by FROM print_runs WHERE id = ?`).get(runId) as { created_by: number }).created_by;
    inTransaction(db, () => {
      for (const caseId of caseIds) {
        const docs = sql(db, 
            `SELECT COUNT(*) AS total, SUM(state = 'printed') AS printed FROM print_run_items WHERE run_id = ? AND case_id = ? AND kind = 'document'`,
          )
          .get(runId, caseId) as { total: number; printed: number | null };
        if (docs.total === 0 || docs.printed !== docs.total) continue;
        const row = getCaseRow(db, caseId);
        if (row?.status !== 'ready') continue;
        changeStatus(db, row, 'issued', { userId: by, at: clock.now().toISOString(), action: `Gedruckt (Druckauftrag Nr. ${runId})` });
      }
    });
  }

  private stopRun(runId: number, message: string): void {
    sql(this.deps.db, `UPDATE print_runs SET state = 'stopped', message = ?, updated_at = ? WHERE id = ? AND state = 'running'`)
      .run(message, this.deps.clock.now().toISOString(), runId);
  }

  private async envelopeBatch(
    items: ItemRow[],
    prepared: Map<number, { envelope: EnvelopeSize; postage: PostageChoice; input: DispatchLetterInput }>,
  ): Promise<{ pdf: Buffer; pages: number }> {
    const pdf = await this.deps.renderers.envelopes(items.map((i) => prepared.get(i.case_id)!));
    return { pdf, pages: items.length };
  }

  private async itemPdf(item: ItemRow, prepared: { envelope: EnvelopeSize; postage: PostageChoice; input: DispatchLetterInput }): Promise<Buffer> {
    if (item.kind === 'envelope') return this.deps.renderers.envelope(prepared.input, prepared.envelope, prepared.postage);
    if (item.kind === 'document' && item.document_id === null) throw new Error(`item ${item.id} has no document`);
    if (item.kind === 'cover_letter' && item.document_id === null) throw new Error(`item ${item.id} has no letter`);
    return (sql(this.deps.db, `SELECT pdf FROM documents WHERE id = ?`).get(item.document_id) as { pdf: Buffer }).pdf;
  }

  /** All items of the case printed: issued (documents) and dispatched, with its line in the Postausgangsbuch. */
  private finishCase(runId: number, caseId: number, user: User, prepared: { envelope: EnvelopeSize; postage: PostageChoice; input: DispatchLetterInput }): void {
    const { db, clock } = this.deps;
    inTransaction(db, () => {
      const open = sql(db, `SELECT COUNT(*) AS n FROM print_run_items WHERE run_id = ? AND case_id = ? AND state != 'printed'`)
        .get(runId, caseId) as { n: number };
      if (open.n > 0) return;
      const row = getCaseRow(db, caseId)!;
      const at = clock.now().toISOString();
      if (row.status === 'ready') changeStatus(db, row, 'issued', { userId: user.id, at, action: `Gedruckt (Druckauftrag Nr. ${runId})` });
      changeStatus(db, row, 'dispatched', {
        userId: user.id,
        at,
        action: `Versandt: ${prepared.postage.label}, ${prepared.envelope}`,
        details: { runId, postageCents: prepared.postage.cents, product: prepared.postage.label },
      });
      const rc = sql(db, `SELECT sheets FROM print_run_cases WHERE run_id = ? AND case_id = ?`).get(runId, caseId) as { sheets: number };
      const recipient = this.deps.renderers.recipient(prepared.input);
      sql(db, `UPDATE cases SET dispatched_at = ?, postage_cents = ? WHERE id = ?`).run(at, prepared.postage.cents, caseId);
      sql(db, `UPDATE print_run_cases SET state = 'dispatched' WHERE run_id = ? AND case_id = ?`).run(runId, caseId);
      sql(db, 
        `INSERT INTO dispatch_log (run_id, case_id, dispatch_date, site_id, recipient_name, postal_code, city, country, confidential,
           product, envelope, sheets, postage_cents, registered, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        runId,
        caseId,
        berlinIsoDay(clock.now()),
        row.site_id,
        recipient.recipientName,
        recipient.postalCode,
        recipient.city,
        recipient.country ?? 'DE',
        recipient.confidential ? 1 : 0,
        prepared.postage.label,
        prepared.envelope,
        rc.sheets,
        prepared.postage.cents,
        prepared.input.registered,
        user.id,
        at,
      );
    });
  }

  /** Prints one printed item again (lost or damaged sheet); the reason goes into the case history. */
  async reprintItem(itemId: number, user: User, reason: string): Promise<void> {
    const { db, clock } = this.deps;
    const item = sql(db, `SELECT id, run_id, case_id, seq, kind, printer_role, document_id, state FROM print_run_items WHERE id = ?`)
      .get(itemId) as ItemRow | undefined;
    if (!item) throw notFound('Der Druckposten');
    if (item.state !== 'printed') throw new ApiFailure('CONFLICT', 'Nur bereits gedruckte Posten können nachgedruckt werden.');
    const settings = this.deps.settings();
    let profile = settings.printers[item.printer_role];
    const printerName = profile.adapter === 'folder' ? profile.printerName || 'Ablageordner' : profile.printerName;
    let pdf: Buffer;
    if (item.kind === 'envelope') {
      const rc = sql(db, `SELECT envelope FROM print_run_cases WHERE run_id = ? AND case_id = ?`).get(item.run_id, item.case_id) as {
        envelope: EnvelopeSize;
      };
      const prepared = await this.prepareCase(item.run_id, item.case_id, user);
      pdf = await this.deps.renderers.envelope(prepared.input, rc.envelope, prepared.postage);
      profile = { ...profile, media: ENVELOPE_MEDIA[rc.envelope] };
    } else {
      pdf = (sql(db, `SELECT pdf FROM documents WHERE id = ?`).get(item.document_id) as { pdf: Buffer }).pdf;
    }
    const outcome = await this.deps.printerFor(profile.adapter).print(
      { pdf, printerName, title: `Nachdruck ${item.run_id}-${item.id}`, media: profile.media || undefined, tray: profile.tray || undefined, copies: 1 },
      () => {},
    );
    if (outcome.state === 'failed') throw new ApiFailure('PRINT_FAILED', outcome.message);
    inTransaction(db, () => {
      sql(db, `UPDATE print_run_items SET reprints = reprints + 1 WHERE id = ?`).run(itemId);
      addHistory(db, {
        caseId: item.case_id,
        at: clock.now().toISOString(),
        userId: user.id,
        action: `Nachdruck (${item.kind === 'envelope' ? 'Umschlag' : item.kind === 'cover_letter' ? 'Anschreiben' : 'Dokument'})`,
        reason,
        details: { runId: item.run_id, itemId },
      });
    });
  }
}
