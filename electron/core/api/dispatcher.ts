import type { z } from 'zod';
import {
  contract,
  isOperationName,
  type ApiError,
  type ApiResult,
  type OperationName,
} from '../../../shared/api/contract';
import { appendAudit, subjectList } from '../audit/audit';
import { getUser } from '../auth/users';
import { resolveSession, touchSession } from '../auth/sessions';
import type { SessionHolder } from '../transport';
import { ApiFailure } from './errors';
import type { HandlerContext, HandlerMap } from './context';

/** Operations a locked session may still call. */
const ALLOWED_WHEN_LOCKED: ReadonlySet<OperationName> = new Set(['auth.unlock', 'auth.logout', 'auth.session']);

export type BaseContext = Omit<HandlerContext, 'user' | 'session' | 'auditSubject'>;

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

function zodFields(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function subjectFromInput(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const o = input as Record<string, unknown>;
  for (const key of ['caseId', 'residentId', 'documentId', 'userId'] as const) {
    if (typeof o[key] === 'number') return `${key.replace(/Id$/, '')}:${o[key]}`;
  }
  // Batches of cases (assignment, retention, a print run of chosen cases): "cases:1,2,3".
  if (Array.isArray(o.caseIds)) return subjectList('case', o.caseIds.filter((v): v is number => typeof v === 'number'));
  return null;
}

/**
 * The one way into the core for both transports: operation lookup, session, role check,
 * input validation, handler, audit entry.
 */
export function createDispatcher(base: BaseContext, handlers: HandlerMap) {
  return async function dispatch(operation: string, rawInput: unknown, session: SessionHolder): Promise<ApiResult<unknown>> {
    if (typeof operation !== 'string' || !isOperationName(operation)) {
      return fail({ code: 'UNKNOWN_OPERATION', message: 'Unbekannte Funktion.' });
    }
    const def = contract[operation];
    const now = base.clock.now();
    let user = null;
    let locked = false;
    if (session.token) {
      const s = resolveSession(base.db, session.token, now, base.settings().idleLockMinutes);
      if (!s) session.setToken(null);
      else {
        user = getUser(base.db, s.userId);
        locked = s.locked;
        if (!user || !user.active || user.locked) {
          user = null;
          session.setToken(null);
        }
      }
    }
    const ctx: HandlerContext = { ...base, user, session, auditSubject: null };
    const audit = (outcome: string) => {
      // Public reads without a user (setup status, session probe) carry no personal data: not audited.
      if (!user && !def.personal && operation !== 'auth.login' && operation !== 'setup.createAdmin') return;
      appendAudit(base.db, {
        at: base.clock.now().toISOString(),
        userId: ctx.user?.id ?? null,
        username: ctx.user?.username ?? null,
        operation,
        subject: ctx.auditSubject ?? subjectFromInput(rawInput),
        outcome,
      });
    };

    if (def.access !== 'public') {
      if (!user) {
        audit('UNAUTHENTICATED');
        return fail({ code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' });
      }
      if (locked && !ALLOWED_WHEN_LOCKED.has(operation)) {
        audit('SESSION_LOCKED');
        return fail({ code: 'SESSION_LOCKED', message: 'Der Bildschirm ist gesperrt. Bitte Passwort eingeben.' });
      }
      if (!def.access.includes(user.role)) {
        audit('FORBIDDEN');
        return fail({ code: 'FORBIDDEN', message: 'Für diese Funktion fehlt Ihnen die Berechtigung.' });
      }
    }
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      audit('INVALID_INPUT');
      const fields = zodFields(parsed.error);
      return fail({ code: 'INVALID_INPUT', message: fields[0]?.message ?? 'Ungültige Eingabe.', fields });
    }
    const background = 'background' in def && def.background === true;
    if (user && !locked && session.token && !background) touchSession(base.db, session.token, now);

    try {
      const handler = handlers[operation] as (input: unknown, ctx: HandlerContext) => unknown;
      const data = await handler(parsed.data, ctx);
      if (!background) audit('ok');
      return { ok: true, data: data ?? null };
    } catch (err) {
      if (err instanceof ApiFailure) {
        audit(err.code);
        return fail({ code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
      }
      base.log(`operation ${operation} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      audit('INTERNAL');
      return fail({ code: 'INTERNAL', message: 'Ein interner Fehler ist aufgetreten. Der Vorgang wurde nicht geändert.' });
    }
  };
}
