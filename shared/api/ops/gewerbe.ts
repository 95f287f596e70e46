import type { OperationDef } from '../op';

/**
 * The operations of the Gewerbeanzeigen service beyond the common case operations (spread into ../contract.ts). Define them with
 * `op<Output>()({ input, access, personal })` from ../op; their handlers live in electron/core/api/handlers/gewerbe.ts.
 */
export const gewerbeOps = {} as const satisfies Record<string, OperationDef>;
