/**
 * SEPA pieces of the Hundesteuer: the IBAN check (ibantools), the town's Gläubiger-Identifikationsnummer and the
 * mandate reference the town assigns. Pure TypeScript (shared/).
 *
 * - IBAN: `isValidIBAN(electronicFormatIBAN(x))` (length per country and ISO 7064 mod 97), and the country must be
 *   in the SEPA area, or no SEPA direct debit is possible.
 * - Gläubiger-ID (creditor identifier, EPC262-08): country (2) + check digits (2) + business code (3, any
 *   alphanumerics, ignored by the check) + national identifier (for Germany 11 characters). The check digits are
 *   computed like an IBAN's over national identifier + country + "00". "DE98ZZZ09999999999" is the Bundesbank's
 *   published test identifier.
 * - Mandatsreferenz: at most 35 characters from A–Z a–z 0–9 and + ? / - : ( ) . , ' (the Deutsche Kreditwirtschaft
 *   admits no spaces), unique per creditor; it must not start with "/" nor contain "//".
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';

/** The IBAN without spaces, upper case; null when it is not one. */
export function normalizeIban(input: string): string | null {
  const e = electronicFormatIBAN(input.trim());
  return e && isValidIBAN(e) ? e : null;
}

/** A German message for an IBAN that cannot carry a SEPA direct debit, or null when it can. */
export function ibanProblem(input: string): string | null {
  const e = electronicFormatIBAN(input.trim()) ?? '';
  if (!e) return 'Bitte die IBAN angeben.';
  if (!isValidIBAN(e)) return 'Die IBAN ist ungültig (Länge oder Prüfziffer stimmt nicht).';
  if (!isSEPACountry(e.slice(0, 2))) {
    return `Die IBAN gehört zu einem Land außerhalb des SEPA-Raums (${e.slice(0, 2)}); ein SEPA-Lastschriftmandat ist damit nicht möglich.`;
  }
  return null;
}

/** "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(electronicFormatIBAN(iban) ?? iban) ?? iban;
}

/** "DE89 37•• •••• •••• ••30 00": country, check digits, the first two and the last four characters stay visible. */
export function maskIban(iban: string): string {
  const e = electronicFormatIBAN(iban) ?? iban.replace(/\s+/g, '');
  const masked = e
    .split('')
    .map((c, i) => (i < 6 || i >= e.length - 4 ? c : '•'))
    .join('');
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

function mod97(digits: string): number {
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

function lettersToDigits(s: string): string {
  return s
    .toUpperCase()
    .split('')
    .map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c))
    .join('');
}

/** Gläubiger-Identifikationsnummer: format and check digits (German ones: 18 characters). */
export function isValidCreditorId(input: string): boolean {
  const id = input.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{2})(\d{2})([A-Z0-9]{3})([A-Z0-9]{1,28})$/.exec(id);
  if (!m) return false;
  const [, country, check, , national] = m;
  if (country === 'DE' && national!.length !== 11) return false;
  const expected = 98 - mod97(lettersToDigits(`${national}${country}00`));
  return Number(check) === expected;
}

const MANDATE_REF = /^[A-Za-z0-9+?/\-:().,']{1,35}$/;

export function isValidMandateReference(ref: string): boolean {
  return MANDATE_REF.test(ref) && !ref.startsWith('/') && !ref.includes('//');
}

/**
 * The mandate reference the town assigns: "<prefix>-<key>", e.g. "HST-BB-2026-000042" for the case
 * BB-2026-000042. Characters outside the allowed set are dropped, spaces become "-". Throws when the result is
 * not a valid reference (too long or empty key).
 */
export function buildMandateReference(prefix: string, key: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\s+/g, '-')
      .replace(/[^A-Za-z0-9+?/\-:().,']/g, '')
      .replace(/\/{2,}/g, '/')
      .replace(/^\/+/, '')
      .toUpperCase();
  const k = clean(key);
  if (!k) throw new Error('Für die Mandatsreferenz fehlt ein Schlüssel (z. B. das Aktenzeichen).');
  const ref = [clean(prefix), k].filter((s) => s).join('-');
  if (!isValidMandateReference(ref)) {
    throw new Error(`Die Mandatsreferenz „${ref}“ ist ungültig (höchstens 35 Zeichen aus A–Z, 0–9 und + ? / - : ( ) . , ').`);
  }
  return ref;
}
