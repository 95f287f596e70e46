/**
 * Einschreiben numbers follow the UPU S10 standard: two letters, eight digits, a check digit, the country code
 * (Deutsche Post: e.g. "RR 12345678 5 DE"). The check digit catches a mistyped or misscanned number.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

export function normaliseRegisteredNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function s10CheckDigit(eightDigits: string): number {
  const sum = [...eightDigits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** Null when valid, else a German message for the clerk. */
export function registeredNumberProblem(input: string): string | null {
  const n = normaliseRegisteredNumber(input);
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(n);
  if (!m) return 'Die Einschreibennummer hat das Format „RR 12345678 5 DE“ (zwei Buchstaben, neun Ziffern, Länderkennung).';
  if (s10CheckDigit(m[2]!) !== Number(m[3])) return `Die Prüfziffer der Einschreibennummer „${n}“ stimmt nicht. Bitte die Nummer prüfen.`;
  return null;
}
