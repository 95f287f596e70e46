/**
 * Transponder numbers of dogs (ISO 11784/11785, FDX-B): 15 decimal digits. The first three are either the ISO 3166-1
 * numeric code of the country where the number was issued (276 = Germany, 040 = Austria, 528 = Netherlands …) or
 * an ICAR manufacturer code 900–998; 999 marks test transponders, and 000 or a number that is no country code is
 * not a valid identification code.
 *
 * The country codes are the 249 of ISO 3166-1 as published by Debian's iso-codes (4.15, iso_3166-1.json).
 * Pure TypeScript (shared/).
 */

const ISO_3166_NUMERIC = `
4 8 10 12 16 20 24 28 31 32 36 40 44 48 50 51 52 56 60 64 68 70 72 74 76 84 86 90 92 96 100 104 108 112 116
120 124 132 136 140 144 148 152 156 158 162 166 170 174 175 178 180 184 188 191 192 196 203 204 208 212 214
218 222 226 231 232 233 234 238 239 242 246 248 250 254 258 260 262 266 268 270 275 276 288 292 296 300 304
308 312 316 320 324 328 332 334 336 340 344 348 352 356 360 364 368 372 376 380 384 388 392 398 400 404 408
410 414 417 418 422 426 428 430 434 438 440 442 446 450 454 458 462 466 470 474 478 480 484 492 496 498 499
500 504 508 512 516 520 524 528 531 533 534 535 540 548 554 558 562 566 570 574 578 580 581 583 584 585 586
591 598 600 604 608 612 616 620 624 626 630 634 638 642 643 646 652 654 659 660 662 663 666 670 674 678 682
686 688 690 694 702 703 704 705 706 710 716 724 728 729 732 740 744 748 752 756 760 762 764 768 772 776 780
784 788 792 795 796 798 800 804 807 818 826 831 832 833 834 840 850 854 858 860 862 876 882 887 894
`;

const COUNTRY_CODES: ReadonlySet<number> = new Set(ISO_3166_NUMERIC.trim().split(/\s+/).map(Number));

export const CHIP_LENGTH_MESSAGE = 'Die Chipnummer muss aus 15 Ziffern bestehen (ISO 11784/11785).';

/** The chip number as typed, without spaces, dots and hyphens ("276 09 8100 123456" → "276098100123456"). */
export function normalizeChipNumber(input: string): string {
  return input.replace(/[\s.\-‐]/g, '');
}

export function isIso3166NumericCode(code: number): boolean {
  return COUNTRY_CODES.has(code);
}

/** What the first three digits say: a country, a manufacturer, a test transponder, or nothing valid. */
export function chipPrefixKind(chip: string): 'country' | 'manufacturer' | 'test' | 'invalid' {
  const code = Number(chip.slice(0, 3));
  if (code === 999) return 'test';
  if (code >= 900 && code <= 998) return 'manufacturer';
  return COUNTRY_CODES.has(code) ? 'country' : 'invalid';
}

/** A German message for a chip number that is not a valid ISO 11784 dog identification, or null when it is. */
export function chipNumberProblem(input: string): string | null {
  const chip = normalizeChipNumber(input);
  if (!/^\d{15}$/.test(chip)) return CHIP_LENGTH_MESSAGE;
  const prefix = chip.slice(0, 3);
  switch (chipPrefixKind(chip)) {
    case 'test':
      return `Die Chipnummer beginnt mit ${prefix}: das ist ein Testtransponder, keine Kennzeichnung eines Tieres (ISO 11784).`;
    case 'invalid':
      return (
        `Die Chipnummer beginnt mit ${prefix}: das ist weder ein Ländercode nach ISO 3166 (z. B. 276 für Deutschland) ` +
        'noch ein Herstellercode (900 bis 998). Bitte die Nummer mit dem Heimtierausweis vergleichen.'
      );
    default:
      return null;
  }
}

/** "276 09 8100 123456"-style grouping for print: country/manufacturer code, then groups of 3–4 digits. */
export function formatChipNumber(chip: string): string {
  const c = normalizeChipNumber(chip);
  if (!/^\d{15}$/.test(c)) return chip;
  return `${c.slice(0, 3)} ${c.slice(3, 6)} ${c.slice(6, 9)} ${c.slice(9, 12)} ${c.slice(12)}`;
}
