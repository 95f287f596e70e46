import type { OperationDef } from '../op';

/**
 * The operations of the Hundesteuer service beyond the common case operations (spread into ../contract.ts). Define them with
 * `op<Output>()({ input, access, personal })` from ../op; their handlers live in electron/core/api/handlers/hundesteuer.ts.
 */
export const hundesteuerOps = {} as const satisfies Record<string, OperationDef>;
