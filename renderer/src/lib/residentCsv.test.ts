import { describe, expect, it } from 'vitest';
import { RESIDENT_CSV_COLUMN_NAMES } from '../../../shared/domain/resident-csv';
import { CsvFileError, readCsvFile, RESIDENT_CSV_COLUMNS } from './residentCsv';

describe('RESIDENT_CSV_COLUMNS', () => {
  it('lists the columns the core reads, with the four Pflichtspalten', () => {
    expect(RESIDENT_CSV_COLUMNS.map((c) => c.name)).toEqual([...RESIDENT_CSV_COLUMN_NAMES]);
    expect(RESIDENT_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual([
      'kennung',
      'familienname',
      'vornamen',
      'geburtsdatum',
    ]);
  });
});

describe('readCsvFile', () => {
  it('reads UTF-8 and drops the byte order mark', async () => {
    const file = new File(['\uFEFFkennung;familienname\nLIN-1;Güneş\n'], 'a.csv', { type: 'text/csv' });
    await expect(readCsvFile(file)).resolves.toBe('kennung;familienname\nLIN-1;Güneş\n');
  });

  it('refuses empty files and files that are not UTF-8', async () => {
    await expect(readCsvFile(new File([' \n'], 'leer.csv'))).rejects.toThrow(new CsvFileError('Die Datei ist leer.'));
    // "Müller" in Windows-1252: ü is the single byte 0xFC.
    const latin1 = new File([new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])], 'ansi.csv');
    await expect(readCsvFile(latin1)).rejects.toThrow(/nicht als UTF-8 gespeichert/);
  });
});
