import type { ApiError, ErrorCode } from '../../../shared/api/contract';

/** A failure a handler reports to the caller: code plus a German message for the clerk. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: ApiError['fields'],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const notFound = (what: string) => new ApiFailure('NOT_FOUND', `${what} wurde nicht gefunden.`);
export const conflict = (message: string) => new ApiFailure('CONFLICT', message);
export const invalid = (message: string, path?: string) =>
  new ApiFailure('INVALID_INPUT', message, path ? [{ path, message }] : undefined);
