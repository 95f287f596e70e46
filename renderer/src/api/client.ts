import type { ApiError, ApiResult, ErrorCode, InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import { getTransport, TransportError } from './transport';

export type ClientErrorCode = ErrorCode | 'NETWORK';

export interface FieldError {
  path: string;
  message: string;
}

/** An API call that answered `{ok:false}` (or could not be made). `message` is German, for the clerk. */
export class ApiCallError extends Error {
  readonly code: ClientErrorCode;
  readonly fields: FieldError[];
  readonly operation: string;

  constructor(operation: string, code: ClientErrorCode, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiCallError';
    this.operation = operation;
    this.code = code;
    this.fields = fields;
  }

  /** The message for the field at `path` (exact match, or the first one below it). */
  fieldMessage(path: string): string | undefined {
    const exact = this.fields.find((f) => f.path === path);
    if (exact) return exact.message;
    return this.fields.find((f) => f.path.startsWith(path + '.') || f.path.startsWith(path + '['))?.message;
  }
}

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError;
}

/** Observers of authentication problems (UNAUTHENTICATED, SESSION_LOCKED), installed by the session layer. */
type AuthListener = (error: ApiCallError) => void;
const authListeners = new Set<AuthListener>();

export function onAuthError(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown };
  return v.ok === true || v.ok === false;
}

function normaliseError(operation: string, error: Partial<ApiError> | undefined): ApiCallError {
  const code = (error?.code ?? 'INTERNAL') as ClientErrorCode;
  const message =
    typeof error?.message === 'string' && error.message.length > 0
      ? error.message
      : 'Unbekannter Fehler. Bitte erneut versuchen.';
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string')
    : [];
  return new ApiCallError(operation, code, message, fields);
}

const SELF_HANDLED: ReadonlySet<string> = new Set(['auth.login', 'auth.unlock', 'auth.session', 'setup.createAdmin']);

/**
 * Operations that check the signed-in user's password: a wrong one answers UNAUTHENTICATED while the session goes
 * on, so their dialog handles that code (and asks the core whether the session still exists). SESSION_LOCKED still
 * reaches the session layer: the lock screen must come up.
 */
const PASSWORD_CHECKED: ReadonlySet<string> = new Set(['auth.changePassword']);

function reachesSessionLayer(op: string, code: ClientErrorCode): boolean {
  if (code !== 'UNAUTHENTICATED' && code !== 'SESSION_LOCKED') return false;
  if (SELF_HANDLED.has(op)) return false;
  return !(code === 'UNAUTHENTICATED' && PASSWORD_CHECKED.has(op));
}

/** Operations whose input is the empty object may be called without one. */
type InputArgs<K extends OperationName> = {} extends InputOf<K> ? [input?: InputOf<K>] : [input: InputOf<K>];

/**
 * Calls one operation of the contract and returns its data, or throws an ApiCallError.
 * The one entry point of the renderer into the core.
 */
export async function call<K extends OperationName>(op: K, ...args: InputArgs<K>): Promise<OutputOf<K>> {
  const input = args[0] ?? {};
  let raw: unknown;
  try {
    raw = await getTransport()(op, input);
  } catch (e) {
    const message =
      e instanceof TransportError ? e.message : 'Keine Verbindung zum Bürgerbüro-Dienst. Bitte später erneut versuchen.';
    throw new ApiCallError(op, 'NETWORK', message);
  }
  if (!isApiResult(raw)) {
    throw new ApiCallError(op, 'INTERNAL', 'Unerwartete Antwort des Dienstes.');
  }
  if (raw.ok) return raw.data as OutputOf<K>;
  const error = normaliseError(op, raw.error);
  // Sign-in, unlock and the password change answer wrong passwords themselves; their screens handle those errors.
  if (reachesSessionLayer(op, error.code)) {
    for (const l of authListeners) l(error);
  }
  throw error;
}

export type { InputArgs };
