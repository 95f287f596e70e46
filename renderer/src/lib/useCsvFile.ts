import { useRef, useState } from 'react';
import { CsvFileError, readCsvFile } from './residentCsv';

/**
 * The file side of a CSV import panel: the chosen file, reading it as text (UTF-8 or Windows-1252, see
 * readCsvFile) and the German message when it cannot be read. `onChange` runs whenever a new attempt starts
 * (e.g. to reset the import mutation's last answer).
 */
export function useCsvFile(onChange: () => void) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [importedFile, setImportedFile] = useState('');

  function choose(f: File | undefined) {
    if (!f) return;
    setFile(f);
    setFileError(null);
    onChange();
    // Choosing the same file again (corrected meanwhile) must fire "change" again.
    if (fileRef.current) fileRef.current.value = '';
  }

  /** The chosen file's text, or null (with `fileError` set) when there is none or it cannot be read. */
  async function read(): Promise<string | null> {
    if (!file) return null;
    setFileError(null);
    onChange();
    setReading(true);
    try {
      const csv = await readCsvFile(file);
      setImportedFile(file.name);
      return csv;
    } catch (err) {
      setFileError(err instanceof CsvFileError ? err.message : 'Die Datei konnte nicht gelesen werden.');
      return null;
    } finally {
      setReading(false);
    }
  }

  return { fileRef, file, reading, fileError, importedFile, choose, read };
}
