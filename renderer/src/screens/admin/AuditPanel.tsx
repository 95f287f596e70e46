import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { OPERATION_NAMES } from '../../../../shared/api/contract';
import type { AuditEntryView } from '../../../../shared/domain/teams';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { DateInput, ErrorMessage } from '../../components/forms';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';

const PAGE_SIZE = 100;

interface Filters {
  from: string;
  to: string;
  username: string;
  operation: string;
  subject: string;
}

const INITIAL: Filters = { from: '', to: '', username: '', operation: '', subject: '' };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** "case:12" links to the case; lists ("cases:1,2,3", "residents:4,5") and persons are shown as text. */
function Subject({ subject }: { subject: string | null }) {
  if (!subject) return <span className="muted">–</span>;
  const c = /^case:(\d+)$/.exec(subject);
  if (c) return <a href={hrefFor(`/vorgang/${c[1]}`)}>{subject}</a>;
  return (
    <span className="break-anywhere" title={subject}>
      {subject.length > 80 ? `${subject.slice(0, 80)} …` : subject}
    </span>
  );
}

function Outcome({ outcome }: { outcome: string }) {
  return <span className={'badge ' + (outcome === 'ok' ? 'badge-ok' : 'badge-danger')}>{outcome}</span>;
}

function Row({ e }: { e: AuditEntryView }) {
  return (
    <tr>
      <td className="nowrap">{formatDateTime(e.at)}</td>
      <td>{e.username ?? <span className="muted">–</span>}</td>
      <td className="mono">{e.operation}</td>
      <td className="mono small">
        <Subject subject={e.subject} />
      </td>
      <td>
        <Outcome outcome={e.outcome} />
      </td>
    </tr>
  );
}

/**
 * Verwaltung → Protokoll: the audit trail (who did what when with which case or person), newest first, with
 * filters, and the integrity check of its hash chain.
 */
export function AuditPanel() {
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const [page, setPage] = useState(0);
  const [fromBad, setFromBad] = useState(false);
  const [toBad, setToBad] = useState(false);
  const username = useDebounced(filters.username.trim(), 300);
  const subject = useDebounced(filters.subject.trim(), 300);
  const rangeError =
    fromBad || toBad
      ? 'Bitte das Datum als TT.MM.JJJJ eingeben.'
      : filters.from && filters.to && filters.from > filters.to
        ? 'Das Ende des Zeitraums liegt vor dem Beginn.'
        : null;

  const input = useMemo(
    () => ({
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(username ? { username } : {}),
      ...(filters.operation ? { operation: filters.operation } : {}),
      ...(subject ? { subject } : {}),
      limit: PAGE_SIZE,
      offset: page * PAGE_SIZE,
    }),
    [filters.from, filters.to, filters.operation, username, subject, page],
  );
  const list = useApiQuery('audit.list', input, { enabled: !rangeError, placeholderData: keepPreviousData, staleTime: 0 });
  const verify = useApiMutation('audit.verify', { invalidates: ['audit.list'] });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const active = Object.values(filters).filter(Boolean).length;

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="audit-verify-title">
        <div className="panel-head">
          <h2 id="audit-verify-title">Integrität</h2>
          <button type="button" className="btn" onClick={() => verify.mutate({})} disabled={verify.isPending}>
            {verify.isPending ? 'Wird geprüft …' : 'Integrität prüfen'}
          </button>
        </div>
        <p className="field-hint">
          Jeder Eintrag ist über eine Prüfsumme mit dem vorherigen verkettet. Die Prüfung erkennt veränderte, gelöschte und
          eingefügte Einträge.
        </p>
        <ErrorMessage error={verify.error} />
        {verify.data ? (
          <div className={'alert ' + (verify.data.ok ? 'alert-success' : 'alert-error')} role={verify.data.ok ? 'status' : 'alert'} data-testid="audit-verification">
            {verify.data.ok ? null : <strong>Protokoll verändert: </strong>}
            {verify.data.message}
          </div>
        ) : null}
      </section>

      <section className="filters" aria-label="Filter Protokoll">
        <div className={'field field-date' + (rangeError && !toBad ? ' field-invalid' : '')}>
          <label htmlFor="audit-from">Von</label>
          <DateInput
            id="audit-from"
            value={filters.from}
            onChange={(v) => update({ from: v })}
            onInvalidChange={setFromBad}
            describedBy={rangeError ? 'audit-range-error' : undefined}
          />
        </div>
        <div className={'field field-date' + (rangeError && !fromBad ? ' field-invalid' : '')}>
          <label htmlFor="audit-to">Bis</label>
          <DateInput
            id="audit-to"
            value={filters.to}
            onChange={(v) => update({ to: v })}
            onInvalidChange={setToBad}
            describedBy={rangeError ? 'audit-range-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-user">Benutzer</label>
          <input id="audit-user" type="text" autoComplete="off" value={filters.username} onChange={(e) => update({ username: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-operation">Funktion</label>
          <select id="audit-operation" value={filters.operation} onChange={(e) => update({ operation: e.target.value })}>
            <option value="">Alle Funktionen</option>
            {OPERATION_NAMES.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subject">Betreff</label>
          <input
            id="audit-subject"
            type="text"
            autoComplete="off"
            placeholder="case:12 oder resident:40"
            value={filters.subject}
            onChange={(e) => update({ subject: e.target.value })}
          />
        </div>
        <div className="filters-extra">
          <span className="muted">Tage nach deutscher Zeit; ein Betreff findet auch Suchen und Sammelaktionen, die ihn nennen.</span>
          {active > 0 ? (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                setFilters(INITIAL);
                setPage(0);
              }}
            >
              Filter zurücksetzen
            </button>
          ) : null}
        </div>
        {rangeError ? (
          <div className="field-error filters-error" id="audit-range-error">
            {rangeError}
          </div>
        ) : null}
      </section>

      <ErrorMessage error={list.error} />

      <div className="table-wrap">
        <table className="table table-compact" aria-label="Protokoll" aria-busy={list.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col">Zeit</th>
              <th scope="col">Benutzer</th>
              <th scope="col">Funktion</th>
              <th scope="col">Betreff</th>
              <th scope="col">Ergebnis</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <Row key={e.id} e={e} />
            ))}
            {!list.isPending && items.length === 0 ? (
              <tr className="empty">
                <td colSpan={5}>{active > 0 ? 'Keine Einträge für diese Filter.' : 'Keine Einträge.'}</td>
              </tr>
            ) : null}
            {list.isPending && !rangeError ? (
              <tr className="empty">
                <td colSpan={5}>Protokoll wird geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="table-foot">
        <span className="muted">
          {total === 0
            ? 'Keine Einträge'
            : total === 1
              ? '1 Eintrag'
              : `${(page * PAGE_SIZE + 1).toLocaleString('de-DE')}–${(page * PAGE_SIZE + items.length).toLocaleString('de-DE')} von ${total.toLocaleString('de-DE')} Einträgen`}
        </span>
        <span className="pager">
          <button type="button" className="btn" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            Zurück
          </button>
          <button type="button" className="btn" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage((p) => p + 1)}>
            Weiter
          </button>
        </span>
      </div>
    </div>
  );
}
