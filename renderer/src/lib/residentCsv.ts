/**
 * The Melderegister CSV as `residents.importCsv` reads it (resources/demo/README.md, "CSV format"), for the import
 * screen's explanation: the column list is the core's own (shared/domain/resident-csv.ts).
 */
import { REQUIRED_RESIDENT_CSV_COLUMNS, RESIDENT_CSV_COLUMN_NAMES } from '../../../shared/domain/resident-csv';

export interface ResidentCsvColumn {
  name: string;
  /** A Pflichtspalte: the header must name it and every person needs a value. */
  required: boolean;
}

/** In the order of the demo file: person columns first, then the address of the row. */
export const RESIDENT_CSV_COLUMNS: readonly ResidentCsvColumn[] = RESIDENT_CSV_COLUMN_NAMES.map((name) => ({
  name,
  required: REQUIRED_RESIDENT_CSV_COLUMNS.includes(name),
}));

/** The contract's limit for `residents.importCsv` (`csv`: at most 50 000 000 characters). */
export const MAX_CSV_CHARS = 50_000_000;

export class CsvFileError extends Error {
  override name = 'CsvFileError';
}

/**
 * Reads a chosen file as UTF-8 text (File.text(); a byte order mark is dropped by the decoder, the core would drop
 * it as well). Throws CsvFileError with a German message when the file cannot be sent as it is.
 */
export async function readCsvFile(file: Blob): Promise<string> {
  // A UTF-8 character takes at most three bytes per UTF-16 unit: beyond this the text is too long for certain.
  if (file.size > MAX_CSV_CHARS * 3) throw tooLarge();
  let text: string;
  try {
    text = await file.text();
  } catch {
    throw new CsvFileError('Die Datei konnte nicht gelesen werden. Bitte erneut wählen.');
  }
  if (text.trim() === '') throw new CsvFileError('Die Datei ist leer.');
  if (text.length > MAX_CSV_CHARS) throw tooLarge();
  // Bytes that are not UTF-8 become U+FFFD: typically "CSV (Trennzeichen-getrennt)" from Excel, i.e. Windows-1252.
  if (text.includes('\uFFFD')) {
    throw new CsvFileError(
      'Die Datei ist nicht als UTF-8 gespeichert (Umlaute wären verfälscht). In Excel bitte „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen.',
    );
  }
  return text;
}

function tooLarge(): CsvFileError {
  return new CsvFileError(
    'Die Datei ist zu groß (höchstens 50 Millionen Zeichen). Bitte auf mehrere Dateien aufteilen; die Zeilen einer Person gehören in dieselbe Datei.',
  );
}
