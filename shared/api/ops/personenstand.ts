import { z } from 'zod';
import type { CaseDetail } from '../../domain/types';
import { REGISTER_KINDS } from '../../services/personenstand/register';
import { signerSchema } from '../../services/personenstand/index';
import type { EntrySummary } from '../../services/personenstand/summary';
import { op, STAFF, type OperationDef } from '../op';

/** A user appointed Standesbeamtin/Standesbeamter (may sign certificates). */
export interface RegistrarInfo {
  id: number;
  displayName: string;
}

const caseId = z.number().int().positive();

/**
 * The operations of the Personenstandsurkunden service beyond the common case operations (spread into
 * ../contract.ts); handlers in electron/core/api/handlers/personenstand.ts.
 */
export const personenstandOps = {
  /** Searches the Personenstandsregister by names and/or a date (event or a person's birth date). */
  'personenstand.search': op<EntrySummary[]>()({
    input: z.object({
      name: z.string().trim().max(100).optional(),
      date: z.string().trim().max(10).optional(),
      register: z.enum(REGISTER_KINDS).optional(),
    }),
    access: STAFF,
    personal: true,
  }),
  /** One entry by its register reference ("G 399/2010"), or null when there is none. */
  'personenstand.entry': op<EntrySummary | null>()({
    input: z.object({ reference: z.string().trim().min(1).max(20) }),
    access: STAFF,
    personal: true,
  }),
  /** Active users appointed Standesbeamtin/Standesbeamter, for "Unterschrift durch". */
  'personenstand.registrars': op<RegistrarInfo[]>()({ input: z.object({}), access: STAFF, personal: false }),
  /** Assigns the register entry of a case (an online order the import could not match, or a correction). */
  'personenstand.setRegisterReference': op<CaseDetail>()({
    input: z.object({ caseId, registerReference: z.string().trim().min(1, 'Bitte das Registerzeichen angeben.').max(20) }),
    access: STAFF,
    personal: true,
  }),
  /** Chooses who signs the certificate (the name printed on it). */
  'personenstand.setSigner': op<CaseDetail>()({
    input: z.object({ caseId, signer: signerSchema }),
    access: STAFF,
    personal: true,
  }),
} as const satisfies Record<string, OperationDef>;
