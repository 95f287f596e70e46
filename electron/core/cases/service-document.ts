import { createHash } from 'node:crypto';
import type { Settings, User } from '../../../shared/domain/types';
import type { Clock } from '../clock';
import { berlinYear, nextNumber } from '../db/counters';
import { inTransaction, sql, type Db } from '../db/connection';
import { pageCount } from '../dispatch/merge';
import type { DocumentRenderer } from '../documents/renderer';
import type { IssueCase, RuleContext, ServiceRules } from '../services/types';
import { insertDocument } from './documents';
import { addHistory } from './history';
import type { CaseRow } from './repository';
import { issueCaseOf } from './service-case';

export interface DocumentDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  resourcesDir: string;
  renderer: DocumentRenderer;
}

function renderWith(deps: DocumentDeps, rules: ServiceRules, c: IssueCase, number: string, clerk: User, facts: Record<string, unknown>, preview: boolean) {
  return rules.document.render({
    data: c.data,
    resident: c.resident,
    applicantName: c.applicantName,
    caseId: c.id,
    caseReference: c.reference,
    number,
    issuedAt: deps.clock.now(),
    clerkName: clerk.displayName,
    preview,
    facts,
    settings: deps.settings,
    resourcesDir: deps.resourcesDir,
    renderer: deps.renderer,
    db: deps.db,
  });
}

const ruleContext = (deps: DocumentDeps, user: User | null): RuleContext => ({ db: deps.db, now: deps.clock.now(), settings: deps.settings, user });

/** The document as it would be issued now, marked as a preview; nothing is allocated or stored. */
export async function previewServiceDocument(deps: DocumentDeps, row: CaseRow, rules: ServiceRules, clerk: User): Promise<Buffer> {
  const c = issueCaseOf(deps.db, row);
  const ctx = ruleContext(deps, clerk);
  rules.checkApplication?.(ctx, c.data, c.resident);
  return renderWith(deps, rules, c, 'VORSCHAU', clerk, rules.previewFacts?.(ctx, c) ?? {}, true);
}

/**
 * Numbers a new document of the case and allocates what it carries (`beforeIssue`) in ONE transaction, then renders
 * and stores its PDF. Should the render fail or the process end before the PDF is stored, the document stays with
 * an empty PDF and `ensureRendered` completes it with the same number and facts — nothing is allocated twice.
 */
export async function createServiceDocument(
  deps: DocumentDeps,
  row: CaseRow,
  rules: ServiceRules,
  clerk: User,
  reservedNumber?: string,
  /** The case as the rules see it, where the caller has it already (the print run). */
  c: IssueCase = issueCaseOf(deps.db, row),
): Promise<{ id: number; number: string; pdf: Buffer; pages: number }> {
  const { db, clock } = deps;
  const ctx = ruleContext(deps, clerk);
  rules.checkApplication?.(ctx, c.data, c.resident);
  const { id, number } = inTransaction(db, () => {
    const number = reservedNumber ?? nextNumber(db, rules.document.prefix, berlinYear(clock.now()));
    const facts = rules.beforeIssue?.(ctx, c) ?? {};
    const at = clock.now().toISOString();
    const id = insertDocument(db, { caseId: c.id, type: rules.document.type, number, pdf: Buffer.alloc(0), pages: 0, userId: clerk.id, at, facts });
    addHistory(db, {
      caseId: c.id,
      at,
      userId: clerk.id,
      action: `Dokument erstellt: ${number}`,
      details: Object.keys(facts).length > 0 ? { documentId: id, ...facts } : { documentId: id },
    });
    return { id, number };
  });
  const { pdf, pages } = await ensureRendered(deps, id, row, rules, clerk, c);
  return { id, number, pdf, pages };
}

/** The stored PDF of a document; renders and stores it first when a crash or failed render left it empty. */
export async function ensureRendered(
  deps: DocumentDeps,
  documentId: number,
  row: CaseRow,
  rules: ServiceRules,
  clerk: User,
  c?: IssueCase,
): Promise<{ pdf: Buffer; pages: number }> {
  const { db } = deps;
  const doc = sql(db, 'SELECT number, pdf, pages, facts FROM documents WHERE id = ?').get(documentId) as {
    number: string;
    pdf: Buffer;
    pages: number;
    facts: string | null;
  };
  if (doc.pdf.length > 0) return { pdf: doc.pdf, pages: doc.pages };
  const facts = doc.facts ? (JSON.parse(doc.facts) as Record<string, unknown>) : {};
  const pdf = await renderWith(deps, rules, c ?? issueCaseOf(db, row), doc.number, clerk, facts, false);
  const pages = await pageCount(pdf);
  sql(db, 'UPDATE documents SET pdf = ?, sha256 = ?, pages = ? WHERE id = ?').run(pdf, createHash('sha256').update(pdf).digest('hex'), pages, documentId);
  return { pdf, pages };
}
