/**
 * Geometry of letters and envelopes, all in millimetres from the top-left corner of the sheet. The one place for
 * these figures: the Meldebescheinigung, cover letters and envelopes all read them from here.
 *
 * Sources: DIN 5008 (address field, fold and hole marks, information block), DIN 680 / DIN 678 (envelope sizes),
 * Deutsche Post "Automationsfähige Briefsendungen" (window position, franking zone, free bottom strip); see
 * ../shared/DOMAIN.md "Letters and envelopes".
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const A4_MM = { width: 210, height: 297 } as const;

/** Address field of DIN 5008: 85 × 45 mm, 20 mm from the left edge. */
export const ADDRESS_FIELD_SIZE = { width: 85, height: 45 } as const;
/** Upper part of the address field: return line (Rücksendeangabe) and Zusatz- und Vermerkzone, filled bottom-up. */
export const RETURN_ZONE_HEIGHT = 17.7;
/** Lower part of the address field: the recipient (Anschriftzone), filled top-down. */
export const RECIPIENT_ZONE_HEIGHT = 27.3;
/** At most 6 lines in the Anschriftzone, no blank lines. */
export const RECIPIENT_MAX_LINES = 6;
/** At most 5 lines in the Zusatz- und Vermerkzone (including the return line). */
export const VERMERK_MAX_LINES = 5;
/** Address text at least 8 pt; 10 pt is the usual size. */
export const RECIPIENT_MIN_FONT_PT = 8;
export const RECIPIENT_FONT_PT = 10;
/** Return line: small (~7 pt, never below 6 pt). */
export const RETURN_LINE_FONT_PT = 7;
export const RETURN_LINE_MIN_FONT_PT = 6;
/** Inner padding of the address text from the left edge of the field (DIN 5008 writes from x = 25 mm). */
export const ADDRESS_TEXT_INSET = 5;

export type LetterForm = 'A' | 'B';

export interface LetterGeometry {
  form: LetterForm;
  /** Height of the letterhead area above the address field. */
  letterheadHeight: number;
  addressField: Rect;
  returnZone: Rect;
  recipientZone: Rect;
  /** Information block right of the address field (DIN 5008: x 125 mm, 75 mm wide). */
  infoBlock: Rect;
  /** Fold marks (Falzmarken), y positions. */
  foldMarks: readonly number[];
  /** Hole mark (Lochmarke), y position. */
  holeMark: number;
  /** Text area: left margin 25 mm, right margin 20 mm. */
  textLeft: number;
  textRight: number;
  /** First line of the body (subject / title) below the address field. */
  bodyTop: number;
}

function geometry(form: LetterForm): LetterGeometry {
  const top = form === 'A' ? 27 : 45;
  const addressField: Rect = { x: 20, y: top, width: ADDRESS_FIELD_SIZE.width, height: ADDRESS_FIELD_SIZE.height };
  return {
    form,
    letterheadHeight: top,
    addressField,
    returnZone: { x: 20, y: top, width: ADDRESS_FIELD_SIZE.width, height: RETURN_ZONE_HEIGHT },
    recipientZone: {
      x: 20,
      y: top + RETURN_ZONE_HEIGHT,
      width: ADDRESS_FIELD_SIZE.width,
      height: RECIPIENT_ZONE_HEIGHT,
    },
    infoBlock: { x: 125, y: form === 'A' ? 32 : 50, width: 75, height: 40 },
    foldMarks: form === 'A' ? [87, 192] : [105, 210],
    holeMark: 148.5,
    textLeft: 25,
    textRight: 190,
    // Two blank lines (2 × 4.23 mm) below the address field.
    bodyTop: top + ADDRESS_FIELD_SIZE.height + 8.46,
  };
}

/** DIN 5008 Form A (address field at y = 27 mm, short letterhead). */
export const FORM_A: LetterGeometry = geometry('A');
/** DIN 5008 Form B (address field at y = 45 mm): the form of all documents of this application. */
export const FORM_B: LetterGeometry = geometry('B');

/** Fold and hole marks: short strokes at the left edge, kept clear of most printers' unprintable margin. */
export const MARK_X = 4;
export const FOLD_MARK_LENGTH = 5;
export const HOLE_MARK_LENGTH = 8;

/** Footer band at the bottom of each page (page numbers, document number). */
export const FOOTER_RULE_Y = 281;
export const FOOTER_BASELINE_Y = 285.5;
/** Lowest baseline for body text above the footer. */
export const BODY_BOTTOM = 272;
/** Top of the body on continuation pages. */
export const CONTINUATION_TOP = 25;

// ---------------------------------------------------------------------------------------------------------------
// Envelopes (width × height in landscape orientation, address side up)
// ---------------------------------------------------------------------------------------------------------------

export type EnvelopeFormat = 'DL' | 'C6/5' | 'C6' | 'C5' | 'C4';

export const ENVELOPES: Record<EnvelopeFormat, { width: number; height: number }> = {
  DL: { width: 220, height: 110 },
  'C6/5': { width: 229, height: 114 },
  C6: { width: 162, height: 114 },
  C5: { width: 229, height: 162 },
  C4: { width: 324, height: 229 },
};

/** Window of a DL window envelope: 90 × 45 mm, 20 mm from the left, 15 mm from the bottom edge. */
export const DL_WINDOW = { left: 20, bottom: 15, width: 90, height: 45 } as const;

/** Printed envelopes: franking zone top right, free strip at the bottom, minimum distance of the address. */
export const FRANKING_ZONE = { width: 74, height: 40 } as const;
export const ENVELOPE_FREE_BOTTOM = 15;
export const ENVELOPE_ADDRESS_MIN_EDGE = 15;
export const ENVELOPE_ADDRESS_FONT_PT = { min: 10, max: 12 } as const;

/** Top-left based rectangle of the DL window for an envelope of the given height. */
export function dlWindowRect(envelopeHeight = ENVELOPES.DL.height): Rect {
  return {
    x: DL_WINDOW.left,
    y: envelopeHeight - DL_WINDOW.bottom - DL_WINDOW.height,
    width: DL_WINDOW.width,
    height: DL_WINDOW.height,
  };
}
