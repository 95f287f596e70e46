/**
 * DIN 91379 names. PLACEHOLDER API — to be completed by the registers work:
 * - invalidNameCharacters(s): the characters of s outside DIN 91379 (empty when valid)
 * - foldForSearch(s): lower-case, diacritics removed, ß/ẞ → ss, Ł → l, … so "Lukasz" matches "Łukasz", "Strasse" matches "Straße"
 */
export function invalidNameCharacters(s: string): string[] {
  void s;
  return [];
}

export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
