import type { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';

/**
 * One operation of the API contract: a name (its key), a zod input schema, an output type and who may call it.
 * `access: 'public'` operations need no session (first-run setup, sign-in).
 * `personal: true` marks operations that read or change personal data (audit relevance).
 */
export interface OperationDef<I extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  input: I;
  access: 'public' | readonly Role[];
  personal: boolean;
  /**
   * Polled by screens in the background (status indicators): the call neither counts as the user's
   * activity for the idle lock nor writes an audit entry when it succeeds. Only for reads of no personal data.
   */
  background?: boolean;
  /** Phantom field carrying the output type; never read at run time. */
  output?: O;
}

export function op<O>() {
  return <I extends z.ZodTypeAny>(def: {
    input: I;
    access: 'public' | readonly Role[];
    personal: boolean;
    background?: boolean;
  }): OperationDef<I, O> => def;
}

export const ALL: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];
export const SUPERVISOR: readonly Role[] = ['supervisor', 'admin'];
