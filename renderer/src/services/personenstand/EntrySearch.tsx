import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { EntrySummary } from '../../../../shared/services/personenstand/summary';
import { RESTRICTION_LABELS } from '../../../../shared/services/personenstand/summary';
import { useApiQuery } from '../../api/hooks';
import { DateInput, ErrorMessage } from '../../components/forms';
import { formatIsoDate } from '../../lib/format';

/** One entry in a line: "G 132/1975 · Geburt am 05.05.1975 in Lingen (Ems) · Anna Müller". */
export function EntryLine({ entry }: { entry: EntrySummary }) {
  return (
    <span>
      <strong>{entry.reference}</strong> · {entry.event} am {formatIsoDate(entry.eventDate)} in {entry.eventPlace} · {entry.persons.join(' und ')}
      {entry.restrictions.length ? <span className="badge badge-warning"> {entry.restrictions.map((r) => RESTRICTION_LABELS[r]).join(', ')}</span> : null}
    </span>
  );
}

/**
 * Search in the Personenstandsregister by names and a date (the event or a person's birth date); each hit can be
 * taken over. Not a <form>: it sits inside the counter's form.
 */
export function EntrySearch({
  initialName = '',
  initialDate = '',
  actionLabel,
  onPick,
  disabled,
}: {
  initialName?: string;
  initialDate?: string;
  actionLabel: string;
  onPick(entry: EntrySummary): void;
  disabled?: boolean;
}) {
  const nameId = useId();
  const dateId = useId();
  const [name, setName] = useState(initialName);
  const [date, setDate] = useState(initialDate);
  const [query, setQuery] = useState<{ name?: string; date?: string } | null>(null);
  const results = useApiQuery('personenstand.search', query ?? {}, { enabled: query !== null });

  function search(e?: FormEvent | KeyboardEvent) {
    e?.preventDefault();
    const q: { name?: string; date?: string } = {};
    if (name.trim()) q.name = name.trim();
    if (date) q.date = date;
    setQuery(q);
  }

  return (
    <div className="entry-search" role="search" aria-label="Suche im Personenstandsregister">
      <div className="grid-3">
        <div className="field">
          <div className="field-label">
            <label htmlFor={nameId}>Name im Eintrag</label>
          </div>
          <input
            id={nameId}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') search(e);
            }}
          />
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor={dateId}>Datum (Ereignis oder Geburt)</label>
          </div>
          <DateInput id={dateId} value={date} onChange={setDate} />
        </div>
        <div className="field" style={{ alignSelf: 'end' }}>
          <button type="button" className="btn" onClick={() => search()} disabled={disabled || (!name.trim() && !date)}>
            Im Register suchen
          </button>
        </div>
      </div>
      <ErrorMessage error={results.error} />
      {query !== null && results.data ? (
        results.data.length === 0 ? (
          <p className="muted">Kein Eintrag gefunden.</p>
        ) : (
          <ul className="entry-results stack" aria-label="Treffer im Personenstandsregister">
            {results.data.map((entry) => (
              <li key={entry.reference}>
                <EntryLine entry={entry} />{' '}
                <button type="button" className="btn btn-small" onClick={() => onPick(entry)} disabled={disabled} aria-label={`${actionLabel}: ${entry.reference}`}>
                  {actionLabel}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
