import { CoverLetterError, renderCoverLetter } from './cover-letter';
import { DispatchLogError, renderDispatchLogPdf } from './dispatch-log';
import { EnvelopeError, renderEnvelope, renderEnvelopes } from './envelope';
import { renderMeldebescheinigung, type DocumentContext } from './meldebescheinigung';
import { AddressFormatError } from './postal-address';
import { renderPersonenstandsurkunde } from './personenstandsurkunde';
import { renderHundesteuerBescheid } from './hundesteuer-bescheid';
import { renderGewerbeEmpfangsbescheinigung } from './gewerbe-empfangsbescheinigung';
import { renderWahlschein, renderWahlscheinNotice } from './wahlschein';
import { renderUngueltigeWahlscheine, renderWahlscheinverzeichnis } from './wahlscheinverzeichnis';

/** Every document type the renderer (in process or in a worker) can produce: a function from data to PDF bytes. */
export const RENDER_KINDS = {
  meldebescheinigung: renderMeldebescheinigung,
  coverLetter: renderCoverLetter,
  envelope: (input: Parameters<typeof renderEnvelope>[0], ctx: DocumentContext) => renderEnvelope(input, ctx),
  /** Several envelopes as the pages of one document: print files only, never stored, so one font embedding serves all. */
  envelopes: async (inputs: Parameters<typeof renderEnvelopes>[0], ctx: DocumentContext) => (await renderEnvelopes(inputs, ctx)).pdf,
  dispatchLog: renderDispatchLogPdf,
  personenstandsurkunde: renderPersonenstandsurkunde,
  hundesteuerBescheid: renderHundesteuerBescheid,
  gewerbeEmpfangsbescheinigung: renderGewerbeEmpfangsbescheinigung,
  wahlschein: renderWahlschein,
  wahlscheinNotice: renderWahlscheinNotice,
  wahlscheinverzeichnis: renderWahlscheinverzeichnis,
  ungueltigeWahlscheine: renderUngueltigeWahlscheine,
} as const;

export type RenderKind = keyof typeof RENDER_KINDS;
export type RenderInput<K extends RenderKind> = Parameters<(typeof RENDER_KINDS)[K]>[0];

/** The document modules' errors carry German messages for clerks; they keep their class across the worker boundary. */
const CLERK_ERRORS = { CoverLetterError, DispatchLogError, EnvelopeError, AddressFormatError } as const;

export function reviveError(e: { name: string; message: string; field?: unknown }): Error {
  const Cls = CLERK_ERRORS[e.name as keyof typeof CLERK_ERRORS];
  if (!Cls) return Object.assign(new Error(e.message), { name: e.name });
  const err = Object.create(Cls.prototype) as Error & { field?: unknown };
  err.message = e.message;
  if (e.field !== undefined) err.field = e.field;
  return err;
}
