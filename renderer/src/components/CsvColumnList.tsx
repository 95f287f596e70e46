/** The columns a CSV import expects, required ones marked with * (and "Pflicht" for screen readers). */
export function CsvColumnList({ columns }: { columns: readonly { name: string; required: boolean }[] }) {
  return (
    <ul className="column-list" aria-label="Spalten der CSV-Datei">
      {columns.map((c) => (
        <li key={c.name} className={c.required ? 'required' : undefined}>
          <code>{c.name}</code>
          {c.required ? (
            <>
              <span className="req" aria-hidden="true">
                *
              </span>
              <span className="sr-only"> (Pflicht)</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
