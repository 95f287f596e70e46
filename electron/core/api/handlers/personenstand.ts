import type { personenstandOps } from '../../../../shared/api/ops/personenstand';
import type { Resident } from '../../../../shared/domain/types';
import { personenstandData, REGISTER_KINDS, type PersonenstandData } from '../../../../shared/services/personenstand/index';
import { summarizeEntry } from '../../../../shared/services/personenstand/summary';
import { requireHolder } from '../../cases/assignment';
import { addHistory } from '../../cases/history';
import { getCaseDetail, getCaseRow, paidCents, type CaseRow } from '../../cases/repository';
import { inTransaction, sql } from '../../db/connection';
import { getEntryByReference, searchEntries } from '../../registers/personenstand';
import { getResident } from '../../registers/residents';
import { rulesFor } from '../../services';
import { ASSIGN_ENTRY_TASK, requireApprovalOnCase, signerOf, writeCaseData } from '../../services/personenstand';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';

const SERVICE_ID = 'personenstandsurkunde';

function detail(ctx: HandlerContext, caseId: number) {
  const d = getCaseDetail(ctx.db, caseId, ctx.clock.now());
  if (!d) throw notFound('Der Vorgang');
  ctx.auditSubject = `case:${caseId}`;
  return d;
}

/**
 * Loads an open Personenstand case whose certificate is not numbered yet, claims it for the user (edit lock) and
 * runs `change` on its data in one transaction; the changed data is checked like at the counter.
 */
function changeData(
  ctx: HandlerContext,
  caseId: number,
  change: (d: PersonenstandData, row: CaseRow, resident: Resident | null, at: string) => { data: PersonenstandData; action: string },
) {
  const user = requireUser(ctx);
  ctx.auditSubject = `case:${caseId}`;
  inTransaction(ctx.db, () => {
    const row = getCaseRow(ctx.db, caseId);
    if (!row || row.service_id !== SERVICE_ID) throw notFound('Der Vorgang');
    const at = ctx.clock.now().toISOString();
    requireHolder(ctx.db, row, user, at);
    if (!['new', 'in_progress', 'waiting', 'ready'].includes(row.status)) {
      throw new ApiFailure('CONFLICT', 'Die Angaben können nur vor der Ausstellung geändert werden.');
    }
    if (sql(ctx.db, 'SELECT 1 FROM documents WHERE case_id = ?').get(row.id)) {
      throw new ApiFailure('CONFLICT', 'Die Urkunde ist bereits erstellt; die Angaben können nicht mehr geändert werden.');
    }
    const resident = row.resident_id ? getResident(ctx.db, row.resident_id) : null;
    const current = personenstandData.parse(JSON.parse(row.data));
    const { data, action } = change(current, row, resident, at);
    const rules = rulesFor(SERVICE_ID)!;
    // An online order without its entry yet may get its signer first; the entry is checked when assigned.
    if (data.registerReference !== null) rules.checkApplication!({ db: ctx.db, now: ctx.clock.now(), settings: ctx.settings(), user }, data, resident);
    writeCaseData(ctx.db, row.id, data, at);
    addHistory(ctx.db, { caseId: row.id, at, userId: user.id, action });
  });
  return detail(ctx, caseId);
}

export const personenstandHandlers: Pick<HandlerMap, keyof typeof personenstandOps> = {
  'personenstand.search': (input, ctx) => {
    requireUser(ctx);
    const register = input.register && (REGISTER_KINDS as readonly string[]).includes(input.register) ? input.register : undefined;
    return searchEntries(ctx.db, { name: input.name, date: input.date, register, limit: 50 }).map((s) => summarizeEntry(s.entry));
  },

  'personenstand.entry': (input, ctx) => {
    requireUser(ctx);
    const stored = getEntryByReference(ctx.db, input.reference);
    return stored ? summarizeEntry(stored.entry) : null;
  },

  'personenstand.registrars': (_input, ctx) => {
    requireUser(ctx);
    return sql(ctx.db, 'SELECT id, display_name FROM users WHERE registrar = 1 AND active = 1 ORDER BY display_name')
      .all()
      .map((r) => {
        const u = r as { id: number; display_name: string };
        return { id: u.id, displayName: u.display_name };
      });
  },

  'personenstand.setRegisterReference': (input, ctx) =>
    changeData(ctx, input.caseId, (d, row, _resident, at) => {
      const stored = getEntryByReference(ctx.db, input.registerReference);
      if (!stored) {
        const message = `Im Personenstandsregister gibt es keinen Eintrag ${input.registerReference}.`;
        throw new ApiFailure('INVALID_INPUT', message, [{ path: 'registerReference', message }]);
      }
      const parsed = personenstandData.safeParse({ ...d, registerReference: input.registerReference });
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'Ungültiges Registerzeichen.';
        throw new ApiFailure('INVALID_INPUT', message, [{ path: 'registerReference', message }]);
      }
      const data = parsed.data;
      const entry = stored.entry;
      if (entry.restrictions.includes('sperrvermerk') && data.relation !== 'self' && entry.kind !== 'sterbefall') {
        if (paidCents(ctx.db, row.id).count > 0) {
          throw new ApiFailure('CONFLICT', 'Für diesen Eintrag ist ein Sperrvermerk eingetragen (§ 64 PStG); die Teamleitung muss vor der Gebühr freigeben. Bitte den Vorgang neu anlegen.');
        }
        requireApprovalOnCase(ctx.db, row.id, 'Für den Eintrag ist ein Sperrvermerk eingetragen (§ 64 PStG): die Teamleitung muss die Erteilung vorab prüfen und freigeben.');
      }
      sql(ctx.db, `UPDATE case_tasks SET state = 'done', note = ?, updated_at = ?, user_id = ? WHERE case_id = ? AND task_key = ? AND state = 'open'`).run(
        `zugeordnet: ${data.registerReference}`,
        at,
        ctx.user!.id,
        row.id,
        ASSIGN_ENTRY_TASK,
      );
      if (d.registerReference === data.registerReference) return { data, action: `Registereintrag bestätigt: ${data.registerReference}` };
      const before = d.registerReference ? ` (bisher ${d.registerReference})` : '';
      return { data, action: `Registereintrag zugeordnet: ${data.registerReference}${before}` };
    }),

  'personenstand.setSigner': (input, ctx) =>
    changeData(ctx, input.caseId, (d) => {
      const data = { ...d, signer: input.signer };
      const signer = signerOf(ctx.db, data, ctx.user);
      return { data, action: `Unterschrift durch: ${input.signer.title} ${signer.name}` };
    }),
};
