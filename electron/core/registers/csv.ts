/**
 * RFC 4180 CSV, with the separator of German Excel (";") or ",". Fields may be quoted with "…" and then contain the
 * separator, line breaks and doubled quotes (""). Lines end in CRLF or LF. A leading UTF-8 byte order mark is removed.
 */

export interface CsvRecord {
  /** Physical line (1-based) on which the record starts — what a user sees in an editor. */
  line: number;
  fields: string[];
}

/** A CSV syntax problem; the message is German and starts with "Zeile N:". */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`Zeile ${line}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** ";" when the first line has one (German Excel), else "," when it has one, else ";". */
export function detectSeparator(text: string): ';' | ',' {
  const firstLine = stripBom(text).split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes(',')) return ',';
  return ';';
}

/**
 * Parses CSV text into records. Completely empty lines are skipped. A quote inside an unquoted field is kept as
 * a character (lenient, as spreadsheet programs read it); text after a closing quote and an unclosed quote are errors.
 */
export function parseCsv(text: string, separator: string): CsvRecord[] {
  const s = stripBom(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = s.length;

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let recordDone = false;
    // Empty line: skip.
    if (s[i] === '\n' || (s[i] === '\r' && s[i + 1] === '\n')) {
      i += s[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    while (!recordDone) {
      let field = '';
      if (s[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(quoteLine, 'Ein Anführungszeichen wird nicht geschlossen.');
          const c = s[i]!;
          if (c === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        // After the closing quote: separator, line end or end of text.
        if (i < n && s[i] !== separator && s[i] !== '\n' && !(s[i] === '\r' && s[i + 1] === '\n')) {
          throw new CsvSyntaxError(line, 'Nach einem schließenden Anführungszeichen folgt weiterer Text im selben Feld.');
        }
      } else {
        while (i < n && s[i] !== separator && s[i] !== '\n' && !(s[i] === '\r' && s[i + 1] === '\n')) {
          field += s[i];
          i++;
        }
      }
      fields.push(field);
      if (i >= n) {
        recordDone = true;
      } else if (s[i] === separator) {
        i++;
        if (i >= n) {
          fields.push('');
          recordDone = true;
        }
      } else {
        i += s[i] === '\r' ? 2 : 1;
        line++;
        recordDone = true;
      }
    }
    records.push({ line: startLine, fields });
  }
  return records;
}

/** Formats rows as CSV: fields quoted when they contain the separator, a quote, a line break or edge blanks. */
export function formatCsv(rows: readonly (readonly string[])[], separator = ';', eol = '\r\n'): string {
  const quote = (f: string) =>
    f.includes(separator) || /["\r\n]/.test(f) || /^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
  return rows.map((r) => r.map(quote).join(separator)).join(eol) + eol;
}
