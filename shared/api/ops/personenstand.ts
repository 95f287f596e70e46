import type { OperationDef } from '../op';

/**
 * The operations of the Personenstandsurkunden service beyond the common case operations (spread into ../contract.ts). Define them with
 * `op<Output>()({ input, access, personal })` from ../op; their handlers live in electron/core/api/handlers/personenstand.ts.
 */
export const personenstandOps = {} as const satisfies Record<string, OperationDef>;
