/**
 * Names after DIN 91379:2022-08 ("Zeichen und definierte Zeichensequenzen in Unicode für die elektronische
 * Verarbeitung von Namen und den Datenaustausch in Europa"), the successor of DIN SPEC 91379 / String.Latin+ 1.2.
 *
 * Source of the data below: the character lists published with the standard as plain text by the String.Latin
 * group (github.com/String-Latin/DIN-91379-Characters-and-Sequences, files latin_list_1.3.txt and
 * latin_list_search_form_1.3.txt, CC-BY 4.0). List 1.3 = DIN 91379:2022 = String.Latin+ 1.2 plus six additions
 * (the letter ḗ, the sequences ē̍ and ō̍, the mark U+030D — all added as "deprecated" — and the extended primes ′ ″),
 * so everything valid under String.Latin+ 1.2 stays valid here: 500 letters and 149 sequences.
 * Entries the standard marks "deprecated" (Ŀ ŀ ŉ ē̍ ō̍ ḗ) are still part of the character set and are accepted.
 *
 * Character groups of the standard used here:
 *   bll     normative Latin letters: single code points and defined sequences (base letter + combining marks)
 *   bnlreq  non-letters N1 (space ' , - . ` ~ ¨ ´ · ʹ ʺ ʾ ʿ ˈ ˌ ’ ‡)
 *   bnl     non-letters N2 (digits, common punctuation, € …)
 *   bnlopt  non-letters N3 (¤ ¦ ¸ ¼ ½ ¾)
 *   bnlnot  non-letters N4 (tab, LF, CR, no-break space)
 * Data types: A (names of natural persons) = bll + N1; B (names of legal persons, places, streets, …) = A + N2;
 * C (other text) = B + N3 + N4. Greek and Cyrillic letters belong only to the extended groups (data types D/E)
 * and are therefore not accepted in names.
 *
 * Everything is compared in Unicode Normalization Form C, as the standard prescribes.
 * Pure TypeScript: no Node or DOM imports (used by core and renderer alike).
 */

// ---------------------------------------------------------------------------------------------------------------
// Data

/** bll, single code points (hex ranges, inclusive). 1E5C/1E5D and 0226 are deliberately absent (not in the list). */
const LETTER_RANGES = `
0041-005A 0061-007A 00C0-00D6 00D8-00F6 00F8-017E 0187-0188 018F 0197 01A0-01A1 01AF-01B0 01B7
01CD-01DC 01DE-01DF 01E2-01F0 01F4-01F5 01F8-01FF 0212-0213 0218-021B 021E-021F 0227-0233 0259 0268 0292
1E02-1E03 1E06-1E07 1E0A-1E11 1E17 1E1C-1E2B 1E2F-1E37 1E3A-1E3B 1E40-1E49 1E52-1E5B 1E5E-1E63 1E6A-1E6F
1E80-1E87 1E8C-1E97 1E9E 1EA0-1EF9
`;

/** bll, defined sequences (code points separated by spaces, sequences by commas), exactly as listed. */
const LETTER_SEQUENCES = `
0041 030B, 0043 0300, 0043 0304, 0043 0306, 0043 0308, 0043 0315, 0043 0323, 0043 0326, 0043 0328 0306,
0044 0302, 0046 0300, 0046 0304, 0047 0300, 0048 0304, 0048 0326, 0048 0331, 004A 0301, 004A 030C,
004B 0300, 004B 0302, 004B 0304, 004B 0307, 004B 0315, 004B 031B, 004B 0326, 004B 035F 0048, 004B 035F 0068,
004C 0302, 004C 0325, 004C 0325 0304, 004C 0326, 004D 0300, 004D 0302, 004D 0306, 004D 0310,
004E 0302, 004E 0304, 004E 0306, 004E 0326, 0050 0300, 0050 0304, 0050 0315, 0050 0323,
0052 0306, 0052 0325, 0052 0325 0304, 0053 0300, 0053 0304, 0053 031B 0304, 0053 0331,
0054 0300, 0054 0304, 0054 0308, 0054 0315, 0054 031B, 0055 0307, 005A 0300, 005A 0304, 005A 0306, 005A 0308, 005A 0327,
0061 030B, 0063 0300, 0063 0304, 0063 0306, 0063 0308, 0063 0315, 0063 0323, 0063 0326, 0063 0328 0306,
0064 0302, 0066 0300, 0066 0304, 0067 0300, 0068 0304, 0068 0326, 006A 0301,
006B 0300, 006B 0302, 006B 0304, 006B 0307, 006B 0315, 006B 031B, 006B 0326, 006B 035F 0068,
006C 0302, 006C 0325, 006C 0325 0304, 006C 0326, 006D 0300, 006D 0302, 006D 0306, 006D 0310,
006E 0302, 006E 0304, 006E 0306, 006E 0326, 0070 0300, 0070 0304, 0070 0315, 0070 0323,
0072 0306, 0072 0325, 0072 0325 0304, 0073 0300, 0073 0304, 0073 031B 0304, 0073 0331,
0074 0300, 0074 0304, 0074 0315, 0074 031B, 0075 0307, 007A 0300, 007A 0304, 007A 0306, 007A 0308, 007A 0327,
00C7 0306, 00DB 0304, 00E7 0306, 00FB 0304, 00FF 0301, 010C 0315, 010C 0323, 010D 0315, 010D 0323,
0113 030D, 012A 0301, 012B 0301, 014D 030D, 017D 0326, 017D 0327, 017E 0326, 017E 0327,
1E32 0304, 1E33 0304, 1E62 0304, 1E63 0304, 1E6C 0304, 1E6D 0304, 1EA0 0308, 1EA1 0308, 1ECC 0308, 1ECD 0308,
1EE4 0304, 1EE4 0308, 1EE5 0304, 1EE5 0308
`;

/** Non-letters N1 (bnlreq): allowed in names of natural persons. */
const NON_LETTERS_N1 = '0020 0027 002C-002E 0060 007E 00A8 00B4 00B7 02B9-02BA 02BE-02BF 02C8 02CC 2019 2021';
/** Non-letters N2 (bnl). */
const NON_LETTERS_N2 =
  '0021-0026 0028-002B 002F-0040 005B-005F 007B-007D 00A1-00A3 00A5 00A7 00A9-00AC 00AE-00B3 00B5-00B6 00B9-00BB 00BF 00D7 00F7 20AC';
/** Non-letters N3 (bnlopt). */
const NON_LETTERS_N3 = '00A4 00A6 00B8 00BC-00BE';
/** Non-letters N4 (bnlnot): tab, LF, CR, no-break space. */
const NON_LETTERS_N4 = '0009 000A 000D 00A0';

function parseRanges(spec: string): Set<number> {
  const out = new Set<number>();
  for (const part of spec.trim().split(/\s+/)) {
    const [a, b] = part.split('-');
    const from = parseInt(a!, 16);
    const to = b === undefined ? from : parseInt(b, 16);
    for (let cp = from; cp <= to; cp++) out.add(cp);
  }
  return out;
}

const LETTERS = parseRanges(LETTER_RANGES);
const N1 = parseRanges(NON_LETTERS_N1);
const N2 = parseRanges(NON_LETTERS_N2);
const N3 = parseRanges(NON_LETTERS_N3);
const N4 = parseRanges(NON_LETTERS_N4);

/** The defined sequences, in NFC (the form every input is compared in). */
const SEQUENCES: ReadonlySet<string> = new Set(
  LETTER_SEQUENCES.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => String.fromCodePoint(...s.split(/\s+/).map((h) => parseInt(h, 16))).normalize('NFC')),
);

/** Number of normative letters (single code points) and defined sequences; exported for tests and diagnostics. */
export const DIN91379_COUNTS = { letters: LETTERS.size, sequences: SEQUENCES.size } as const;

/**
 * DIN 91379 data types. A: names of natural persons (family, given, former, religious/artist names).
 * B: names of legal persons, places, streets and similar short texts. C: any other text.
 */
export type Din91379DataType = 'A' | 'B' | 'C';

const SINGLE_ALLOWED: Record<Din91379DataType, (cp: number) => boolean> = {
  A: (cp) => LETTERS.has(cp) || N1.has(cp),
  B: (cp) => LETTERS.has(cp) || N1.has(cp) || N2.has(cp),
  C: (cp) => LETTERS.has(cp) || N1.has(cp) || N2.has(cp) || N3.has(cp) || N4.has(cp),
};

// ---------------------------------------------------------------------------------------------------------------
// Validation

const MARK = /\p{M}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const COMBINING_DOUBLE_MACRON_BELOW = 0x035f;
const ZWJ = 0x200d;

/**
 * Splits an NFC string into units to check: a base code point with the combining marks that follow it
 * (a mark U+035F also binds the next base letter, as in "K͟h"), joined emoji sequences kept whole so that an
 * error message names the emoji, not its pieces.
 */
function units(s: string): string[] {
  const cps = Array.from(s);
  const out: string[] = [];
  let i = 0;
  while (i < cps.length) {
    let j = i + 1;
    if (REGIONAL_INDICATOR.test(cps[i]!) && j < cps.length && REGIONAL_INDICATOR.test(cps[j]!)) j++;
    for (;;) {
      const next = cps[j];
      if (next === undefined) break;
      const prev = cps[j - 1]!.codePointAt(0);
      if (MARK.test(next) || EMOJI_MODIFIER.test(next) || next.codePointAt(0) === ZWJ) {
        j++;
      } else if ((prev === COMBINING_DOUBLE_MACRON_BELOW || prev === ZWJ) && j < cps.length) {
        j++; // the base letter (or emoji) joined by the previous code point
      } else {
        break;
      }
    }
    out.push(cps.slice(i, j).join(''));
    i = j;
  }
  return out;
}

function isAllowedUnit(unit: string, dataType: Din91379DataType): boolean {
  const cp = unit.codePointAt(0)!;
  if (unit.length === String.fromCodePoint(cp).length) return SINGLE_ALLOWED[dataType](cp);
  return SEQUENCES.has(unit);
}

/**
 * The distinct characters (or base-plus-combining-mark sequences, or emoji) of s that lie outside the given
 * DIN 91379 data type, in order of first occurrence. Empty when s is valid. s is normalised to NFC first.
 */
export function invalidDin91379Characters(s: string, dataType: Din91379DataType): string[] {
  const bad: string[] = [];
  for (const unit of units(s.normalize('NFC'))) {
    if (!isAllowedUnit(unit, dataType) && !bad.includes(unit)) bad.push(unit);
  }
  return bad;
}

/**
 * The distinct characters (or grapheme sequences) of s outside the DIN 91379 character set for names of natural
 * persons (data type A: normative Latin letters and sequences plus the non-letters N1). Empty when valid.
 */
export function invalidNameCharacters(s: string): string[] {
  return invalidDin91379Characters(s, 'A');
}

/** Same check for places, streets and similar short texts (data type B: digits and common punctuation allowed). */
export function invalidTextCharacters(s: string): string[] {
  return invalidDin91379Characters(s, 'B');
}

/** Shows invalid characters for a message, naming invisible or combining ones by code point. */
export function describeCharacters(chars: readonly string[]): string {
  return chars
    .map((c) => {
      const visible = /^[\p{L}\p{N}\p{P}\p{S}]/u.test(c);
      const codes = Array.from(c)
        .map((x) => 'U+' + x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'))
        .join(' ');
      return visible ? `„${c}“` : codes;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Search form

/**
 * Letters that Unicode decomposition does not reduce to a base letter, mapped as in the DIN 91379 search form
 * ("Suchform", latin_list_search_form_1.3.txt) — except Ø/ø, Å/å, Ä/Ö/Ü, which are treated by the vowel rule below.
 * Applied after NFD + removal of combining marks + lower-casing, so only lower-case keys are needed.
 */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', // also ẞ, lower-cased to ß first
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ð: 'd',
  đ: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ĳ: 'ij',
  ĸ: 'k',
  ŀ: 'l',
  ł: 'l',
  ŉ: 'n',
  ŋ: 'n',
  ŧ: 't',
  ƈ: 'c',
  ə: 'e',
  ɨ: 'i',
  ʒ: 'z',
  ǥ: 'g',
};
const SPECIAL_LETTER_RE = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');

/**
 * Folds a name or address for searching, so that a clerk typing without diacritics still finds the person.
 *
 * Steps: NFC → lower case → NFD, combining marks removed (é→e, ğ→g, ş→s, ő→o, ä→a …) → letters without a
 * decomposition transliterated (ß/ẞ→ss, Ł→l, Ø→o, ı→i, Æ→ae, Œ→oe, Đ/Ð→d, Þ→th, ŉ→n, ħ→h …) → the German
 * vowel digraphs ae/oe/ue collapsed to a/o/u → everything that is not a letter or digit becomes a space,
 * except apostrophes and similar marks, which are dropped (O’Brien → obrien) → spaces collapsed and trimmed.
 *
 * Why the digraph rule: German names are written both with umlauts and in the "ae/oe/ue" spelling, and clerks
 * type either. DIN 91379's search form maps ä→AE, so "Müller" and "Mueller" meet but "Muller" does not.
 * We fold the other way round: ä→a AND ae→a (likewise ö/oe→o, ü/ue→u), on both the stored names and the query.
 * Then "Müller", "Mueller" and "Muller" all become "muller"; "Søren", "Sören" and "Soeren" become "soren".
 * The price is harmless: names that really contain "ae/oe/ue" (Michael, Manuel, Joel) fold to michal, manul, jol,
 * which is the same on both sides, so they are still found — and they also match their variants (Michal).
 * The fold of a prefix is a prefix of the fold, so prefix search keeps working while the clerk is typing.
 *
 * The result contains only lower-case letters, digits and single spaces; non-Latin letters are kept
 * (lower-cased) so that a query in another script finds nothing rather than everything.
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_LETTER_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/[aou]e/g, (m) => m[0]!)
    .replace(/['’‘`´ʹʺʻʼʽʾʿˈˌ¨]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of the folded string (empty array for a string without letters or digits). */
export function searchWords(s: string): string[] {
  const f = foldForSearch(s);
  return f ? f.split(' ') : [];
}
