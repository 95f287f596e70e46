import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { CASE_STATUSES, STATUS_LABELS, TERMINAL_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import { CHANNELS, CHANNEL_LABELS, type Channel } from '../../../shared/domain/channels';
import { useApiQuery } from '../api/hooks';
import { ErrorMessage } from '../components/forms';
import { ChannelBadge, StatusBadge } from '../components/StatusBadge';
import { formatAge, formatDateTime } from '../lib/format';
import { usePersistentState } from '../lib/persist';
import { hrefFor, navigate } from '../lib/router';
import { useNow } from '../lib/useNow';
import { ServiceFilter, SiteFilter } from '../components/FilterSelects';

const PAGE_SIZE = 100;

interface Filters {
  status: CaseStatus[];
  serviceId: string;
  channel: string;
  siteId: string;
  includeFinished: boolean;
  search: string;
  sort: 'oldest' | 'newest';
  page: number;
}

const INITIAL: Filters = {
  status: [],
  serviceId: '',
  channel: '',
  siteId: '',
  includeFinished: false,
  search: '',
  sort: 'oldest',
  page: 0,
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** Elements where keys mean typing (or choosing): the queue's shortcuts leave them alone. */
function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(t.type);
  return t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

/** Buttons and links act on Enter themselves (e.g. "Jetzt abrufen" beside the navigation); the queue leaves them alone. */
function isActivationTarget(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && t.closest('button, a[href], summary, [role="button"]') !== null;
}

/** The home screen: every open case of every channel in one queue. */
export function QueueScreen() {
  const [filters, setFilters] = usePersistentState<Filters>('queue', INITIAL);
  const search = useDebounced(filters.search.trim(), 250);
  const now = useNow();
  const searchRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLDetailsElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const [selected, setSelected] = useState(0);

  const input = useMemo(
    () => ({
      ...(filters.status.length ? { status: filters.status } : {}),
      ...(filters.serviceId ? { serviceId: filters.serviceId } : {}),
      ...(filters.channel ? { channel: filters.channel as Channel } : {}),
      ...(filters.siteId ? { siteId: Number(filters.siteId) } : {}),
      ...(search ? { search } : {}),
      includeFinished: filters.includeFinished,
      sort: filters.sort,
      limit: PAGE_SIZE,
      offset: filters.page * PAGE_SIZE,
    }),
    [filters.status, filters.serviceId, filters.channel, filters.siteId, filters.includeFinished, filters.sort, filters.page, search],
  );
  const cases = useApiQuery('cases.list', input, { placeholderData: keepPreviousData });
  const items = cases.data?.items ?? [];
  const total = cases.data?.total ?? 0;

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 0, ...patch }));

  useEffect(() => {
    setSelected((s) => Math.min(s, Math.max(0, items.length - 1)));
  }, [items.length]);

  // Keyboard: ↑/↓ move the selection, Enter opens, "/" focuses the search.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const typing = isTypingTarget(e.target);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      const inSearch = e.target === searchRef.current;
      if (typing && !inSearch) return;
      const list = itemsRef.current;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setSelected((s) => Math.min(s + 1, Math.max(0, list.length - 1)));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((s) => Math.max(s - 1, 0));
      } else if (e.key === 'Enter') {
        if (isActivationTarget(e.target)) return;
        const item = list[selectedRef.current];
        if (item) {
          e.preventDefault();
          navigate(`/vorgang/${item.id}`);
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The status list closes on a click elsewhere or Escape, like a select.
  useEffect(() => {
    function close(e: Event) {
      const d = statusRef.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) {
        d.open = false;
        if (e instanceof KeyboardEvent) d.querySelector('summary')?.focus();
      }
    }
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  useEffect(() => {
    const row = tableRef.current?.querySelectorAll('tr')[selected];
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const toggleStatus = (s: CaseStatus) =>
    update({ status: filters.status.includes(s) ? filters.status.filter((x) => x !== s) : [...filters.status, s] });

  const statusSummary =
    filters.status.length === 0
      ? 'alle'
      : filters.status.length === 1
        ? STATUS_LABELS[filters.status[0]!]
        : `${filters.status.length} gewählt`;
  const statusOptions = CASE_STATUSES.filter((s) => filters.includeFinished || !TERMINAL_STATUSES.includes(s));
  const activeFilters =
    filters.status.length + (filters.serviceId ? 1 : 0) + (filters.channel ? 1 : 0) + (filters.siteId ? 1 : 0) + (filters.search ? 1 : 0);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Vorgänge</h1>
        <div className="page-head-actions">
          <button type="button" className="btn" onClick={() => void cases.refetch()} disabled={cases.isFetching}>
            {cases.isFetching ? 'Aktualisiert …' : 'Aktualisieren'}
          </button>
          <a className="btn btn-primary" href={hrefFor('/schalter')}>
            Neuer Vorgang
          </a>
        </div>
      </div>

      <section className="filters" aria-label="Filter">
        <div className="field field-search">
          <label htmlFor="queue-search">Suche</label>
          <input
            id="queue-search"
            ref={searchRef}
            type="search"
            placeholder="Name oder Aktenzeichen  ( / )"
            value={filters.search}
            onChange={(e) => update({ search: e.target.value })}
            autoComplete="off"
          />
        </div>
        <div className="field status-filter-field">
          <span className="field-static-label" aria-hidden="true">
            Status
          </span>
          <details className="status-filter" ref={statusRef}>
            <summary aria-label={`Status: ${statusSummary}`}>{statusSummary}</summary>
            <fieldset className="status-options">
              <legend className="sr-only">Status</legend>
              {statusOptions.map((s) => (
                <label key={s} className="check">
                  <input type="checkbox" checked={filters.status.includes(s)} onChange={() => toggleStatus(s)} />
                  {STATUS_LABELS[s]}
                </label>
              ))}
            </fieldset>
          </details>
        </div>
        <ServiceFilter id="queue-service" value={filters.serviceId} onChange={(serviceId) => update({ serviceId })} />
        <div className="field">
          <label htmlFor="queue-channel">Kanal</label>
          <select id="queue-channel" value={filters.channel} onChange={(e) => update({ channel: e.target.value })}>
            <option value="">Alle Kanäle</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <SiteFilter id="queue-site" value={filters.siteId} onChange={(siteId) => update({ siteId })} />
        <div className="field">
          <label htmlFor="queue-sort">Sortierung</label>
          <select id="queue-sort" value={filters.sort} onChange={(e) => update({ sort: e.target.value as Filters['sort'] })}>
            <option value="oldest">Älteste zuerst</option>
            <option value="newest">Neueste zuerst</option>
          </select>
        </div>
        <div className="filters-extra">
          <label className="check">
            <input
              type="checkbox"
              checked={filters.includeFinished}
              onChange={(e) =>
                update({
                  includeFinished: e.target.checked,
                  status: e.target.checked ? filters.status : filters.status.filter((s) => !TERMINAL_STATUSES.includes(s)),
                })
              }
            />
            abgeschlossene anzeigen
          </label>
          {activeFilters > 0 ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setFilters({ ...INITIAL, includeFinished: filters.includeFinished, sort: filters.sort })}>
              Filter zurücksetzen
            </button>
          ) : null}
        </div>
      </section>

      <ErrorMessage error={cases.error} />

      <div className="table-wrap">
        <table className="table table-queue" aria-label="Vorgänge" aria-busy={cases.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Leistung</th>
              <th scope="col">Antragsteller</th>
              <th scope="col">Kanal</th>
              <th scope="col">Status</th>
              <th scope="col">Standort</th>
              <th scope="col">Eingang</th>
              <th scope="col">Bearbeiter</th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {items.map((c, i) => (
              <tr
                key={c.id}
                className={i === selected ? 'selected' : undefined}
                aria-selected={i === selected}
                onClick={() => {
                  setSelected(i);
                  navigate(`/vorgang/${c.id}`);
                }}
              >
                <td className="mono">
                  <a href={hrefFor(`/vorgang/${c.id}`)} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                    {c.reference}
                  </a>
                </td>
                <td>{c.serviceName}</td>
                <td className="wrap">{c.applicantName}</td>
                <td>
                  <ChannelBadge channel={c.channel} />
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="wrap">{c.siteName}</td>
                <td title={formatDateTime(c.createdAt)}>{formatAge(c.createdAt, now)}</td>
                <td className="wrap">{c.assigneeName ?? <span className="muted">–</span>}</td>
              </tr>
            ))}
            {!cases.isPending && items.length === 0 ? (
              <tr className="empty">
                <td colSpan={8}>
                  {activeFilters > 0 ? 'Keine Vorgänge für diese Filter.' : filters.includeFinished ? 'Keine Vorgänge.' : 'Keine offenen Vorgänge.'}
                </td>
              </tr>
            ) : null}
            {cases.isPending ? (
              <tr className="empty">
                <td colSpan={8}>Vorgänge werden geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="table-foot">
        <span className="muted">
          {total === 0
            ? 'Keine Vorgänge'
            : total === 1
              ? '1 Vorgang'
              : `${filters.page * PAGE_SIZE + 1}–${filters.page * PAGE_SIZE + items.length} von ${total} Vorgängen`}
          {'  ·  '}↑/↓ auswählen, Enter öffnen, / suchen
        </span>
        <span className="pager">
          <button type="button" className="btn" disabled={filters.page === 0} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
            Zurück
          </button>
          <button
            type="button"
            className="btn"
            disabled={(filters.page + 1) * PAGE_SIZE >= total}
            onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}
          >
            Weiter
          </button>
        </span>
      </div>
    </div>
  );
}
