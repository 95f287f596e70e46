/**
 * The problems a destination reports back to the sender in a `reject-submission` event, and shows
 * the clerks in the list of rejected submissions.
 *
 * Types use FIT-Connect's problem type namespace
 * `https://schema.fitko.de/fit-connect/events/problems/<name>`; titles and details are German
 * (FIT-Connect's own problem titles are German as well). `instance` names the part of the
 * submission a problem concerns: `metadata`, `data`, `attachment:<attachmentId>` or `submission`.
 */
import type { PortalProblem } from '../../../shared/domain/portal';

export const PROBLEM_TYPE_BASE = 'https://schema.fitko.de/fit-connect/events/problems/';

export type ProblemName =
  | 'encryption-issue'
  | 'syntax-violation'
  | 'missing-schema'
  | 'schema-violation'
  | 'unsupported-schema'
  | 'hash-mismatch'
  | 'attachments-mismatch'
  | 'missing-data'
  | 'unsupported-service'
  | 'attachment-too-large'
  | 'unsupported-media-type'
  | 'incorrect-authentication-tag';

/** German titles (shown in the admin list of rejected submissions and sent to the sender). */
export const PROBLEM_TITLES: Readonly<Record<ProblemName, string>> = {
  'encryption-issue': 'Entschlüsselung fehlgeschlagen',
  'syntax-violation': 'Ungültiges Datenformat',
  'missing-schema': 'Fachdatenschema unbekannt',
  'schema-violation': 'Schema nicht eingehalten',
  'unsupported-schema': 'Schema nicht unterstützt',
  'hash-mismatch': 'Prüfsumme stimmt nicht überein',
  'attachments-mismatch': 'Anlagen stimmen nicht mit den Metadaten überein',
  'missing-data': 'Fachdaten fehlen',
  'unsupported-service': 'Leistung wird nicht unterstützt',
  'attachment-too-large': 'Anlage zu groß',
  'unsupported-media-type': 'Dateityp nicht zulässig',
  'incorrect-authentication-tag': 'Authentifizierungs-Tag stimmt nicht',
};

export const PROBLEM_NAMES = Object.keys(PROBLEM_TITLES) as ProblemName[];

/** The part of a submission a problem concerns. */
export type ProblemInstance = 'metadata' | 'data' | 'submission' | `attachment:${string}`;

export const problemType = (name: ProblemName): string => PROBLEM_TYPE_BASE + name;

/** A problem of the catalogue with a German detail. */
export function problem(name: ProblemName, detail: string, instance?: ProblemInstance): PortalProblem {
  const p: PortalProblem = { type: problemType(name), title: PROBLEM_TITLES[name], detail };
  if (instance !== undefined) p.instance = instance;
  return p;
}

/** The catalogue name of a problem (or of its type URI); null for a type outside the catalogue. */
export function problemName(p: PortalProblem | string): ProblemName | null {
  const type = typeof p === 'string' ? p : p.type;
  if (!type.startsWith(PROBLEM_TYPE_BASE)) return null;
  const name = type.slice(PROBLEM_TYPE_BASE.length);
  return (PROBLEM_NAMES as string[]).includes(name) ? (name as ProblemName) : null;
}

/** One line per problem, for logs and the admin list: "Entschlüsselung fehlgeschlagen (metadata): …". */
export function describeProblems(problems: readonly PortalProblem[]): string {
  return problems.map((p) => `${p.title}${p.instance ? ` (${p.instance})` : ''}: ${p.detail}`).join('\n');
}
