import { useId, type FormEvent } from 'react';
import { useApiMutation } from '../../api/hooks';
import { Notice } from '../../components/forms';
import { formatFileSize } from '../../lib/format';
import { RESIDENT_CSV_COLUMNS } from '../../lib/residentCsv';
import { useCsvFile } from '../../lib/useCsvFile';
import { CsvColumnList } from '../../components/CsvColumnList';

const numberFormat = new Intl.NumberFormat('de-DE');


/** Verwaltung → Melderegister: imports a CSV export of the register (`residents.importCsv`). */
export function ImportPanel() {
  const inputId = useId();
  const importCsv = useApiMutation('residents.importCsv');
  const { fileRef, file, reading, fileError, importedFile, choose, read } = useCsvFile(() => importCsv.reset());
  const busy = reading || importCsv.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || busy) return;
    const csv = await read();
    if (csv !== null) importCsv.mutate({ csv });
  }

  const error = importCsv.error;
  const result = importCsv.data;

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">Melderegister importieren</h2>
        <p className="import-intro">
          Erwartet wird eine CSV-Datei in UTF-8 mit Kopfzeile und Semikolon (oder Komma) als Trennzeichen; die Spalten
          dürfen in beliebiger Reihenfolge stehen, die mit * markierten sind Pflicht, die übrigen dürfen fehlen. Jede Zeile
          beschreibt eine Person mit einer Anschrift – mehrere Zeilen mit derselben Kennung sind eine Person mit
          mehreren Anschriften, und wer schon im Register steht, wird anhand der Kennung aktualisiert.
        </p>
        <CsvColumnList columns={RESIDENT_CSV_COLUMNS} />

        <form onSubmit={(e) => void submit(e)} noValidate className="import-form">
          <div className="field">
            <div className="field-label">
              <span className="field-static-label">Datei</span>
            </div>
            <div className="file-row">
              {/* Visually the label is the button; the input keeps keyboard focus (see .file-input in styles.css). */}
              <input
                id={inputId}
                ref={fileRef}
                className="sr-only file-input"
                type="file"
                accept=".csv,text/csv"
                disabled={busy}
                onChange={(e) => choose(e.target.files?.[0])}
              />
              <label className={'btn' + (busy ? ' btn-disabled' : '')} htmlFor={inputId}>
                CSV-Datei wählen
              </label>
              <span className={file ? 'file-name' : 'muted'} data-testid="import-file">
                {file ? `${file.name} (${formatFileSize(file.size)})` : 'Keine Datei gewählt'}
              </span>
            </div>
          </div>

          {fileError ? (
            <div className="alert alert-error" role="alert">
              {fileError}
            </div>
          ) : null}

          {error ? (
            <div className="alert alert-error import-error" role="alert">
              <strong>Import abgebrochen.</strong> {error.message}
              <div className="import-error-note">
                {error.code === 'NETWORK'
                  ? 'Die Verbindung ist abgebrochen; ob der Import ausgeführt wurde, ist unklar. Bitte im Schalter prüfen oder die Datei erneut importieren (das legt niemanden doppelt an).'
                  : 'Es wurde nichts geändert: Das Melderegister ist unverändert. Bitte die Datei korrigieren und erneut importieren.'}
              </div>
            </div>
          ) : null}

          {result ? (
            <Notice kind="success">
              <strong>Import abgeschlossen{importedFile ? ` („${importedFile}“)` : ''}:</strong>{' '}
              {numberFormat.format(result.imported)} neu, {numberFormat.format(result.updated)} aktualisiert.
            </Notice>
          ) : null}

          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={!file || busy}>
              {reading ? 'Datei wird gelesen …' : importCsv.isPending ? 'Wird importiert …' : 'Importieren'}
            </button>
            {importCsv.isPending ? (
              <span className="muted" role="status">
                Große Dateien brauchen einige Zeit. Bitte warten.
              </span>
            ) : null}
          </div>
        </form>
      </section>
    </div>
  );
}
