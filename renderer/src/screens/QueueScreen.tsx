import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/api/contract';
import { CASE_STATUSES, STATUS_LABELS, TERMINAL_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import { CHANNELS, CHANNEL_LABELS, type Channel } from '../../../shared/domain/channels';
import { berlinIsoDay } from '../../../shared/domain/berlin-time';
import { legalDeadlineDay } from '../../../shared/domain/deadlines';
import {
  AWAITING_FILTERS,
  AWAITING_LABELS,
  QUEUE_COUNT_CAP,
  isCappedTotal,
  parseQueueQuery,
  queueQueryString,
  type AwaitingFilter,
  type QueueLinkFilter,
} from '../../../shared/domain/queue';
import type { DueFilter, QueueScope } from '../../../shared/domain/teams';
import type { CaseSummary } from '../../../shared/domain/types';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useSession } from '../api/session';
import { ErrorMessage, Notice, SelectField, TextField, apiFieldError } from '../components/forms';
import { Modal } from '../components/Modal';
import { ChannelBadge, StatusBadge } from '../components/StatusBadge';
import { downloadTextFile } from '../lib/download';
import { formatAge, formatDateTime, formatIsoDate } from '../lib/format';
import { usePersistentState } from '../lib/persist';
import { currentHashQuery, hrefFor, navigate, replaceHashQuery } from '../lib/router';
import { useNow } from '../lib/useNow';
import { ServiceFilter, SiteFilter } from '../components/FilterSelects';

const PAGE_SIZE = 100;
const nf = new Intl.NumberFormat('de-DE');

interface Filters {
  scope: QueueScope;
  status: CaseStatus[];
  serviceId: string;
  channel: string;
  siteId: string;
  /** One clerk's cases ('' = anyone); set by links, shown as a removable filter. */
  assigneeId: string;
  due: '' | DueFilter;
  awaiting: '' | AwaitingFilter;
  /** Received between two days (ISO, inclusive); set by the dashboard's links. */
  receivedFrom: string;
  receivedTo: string;
  /** Age since receipt in days ('' = no bound); set by the dashboard's links. */
  minAgeDays: string;
  maxAgeDays: string;
  /** Finished between two days, optionally by one clerk; set by the dashboard's links. */
  finishedFrom: string;
  finishedTo: string;
  finishedBy: string;
  includeFinished: boolean;
  search: string;
  sort: 'oldest' | 'newest' | 'due';
  page: number;
}

const INITIAL: Filters = {
  scope: 'all',
  status: [],
  serviceId: '',
  channel: '',
  siteId: '',
  assigneeId: '',
  due: '',
  awaiting: '',
  receivedFrom: '',
  receivedTo: '',
  minAgeDays: '',
  maxAgeDays: '',
  finishedFrom: '',
  finishedTo: '',
  finishedBy: '',
  includeFinished: false,
  search: '',
  sort: 'oldest',
  page: 0,
};

const SCOPES: { value: QueueScope; label: string; title: string }[] = [
  { value: 'all', label: 'Alle', title: 'Alle Vorgänge' },
  { value: 'mine', label: 'Meine Fälle', title: 'Vorgänge, die ich bearbeite' },
  { value: 'team', label: 'Team', title: 'Vorgänge meines Standorts' },
  { value: 'unassigned', label: 'Nicht zugewiesen', title: 'Vorgänge, die niemand bearbeitet' },
];

const DUE_OPTIONS: { value: '' | DueFilter; label: string }[] = [
  { value: '', label: 'alle' },
  { value: 'today', label: 'heute' },
  { value: 'overdue', label: 'überfällig' },
  { value: 'due', label: 'heute oder überfällig' },
];

function toLink(f: Filters): QueueLinkFilter {
  return {
    scope: f.scope,
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.serviceId ? { serviceId: f.serviceId } : {}),
    ...(f.channel ? { channel: f.channel as Channel } : {}),
    ...(f.siteId ? { siteId: Number(f.siteId) } : {}),
    ...(f.assigneeId ? { assigneeId: Number(f.assigneeId) } : {}),
    ...(f.due ? { due: f.due } : {}),
    ...(f.awaiting ? { awaiting: f.awaiting } : {}),
    ...(f.receivedFrom ? { receivedFrom: f.receivedFrom } : {}),
    ...(f.receivedTo ? { receivedTo: f.receivedTo } : {}),
    ...(f.minAgeDays !== '' ? { minAgeDays: Number(f.minAgeDays) } : {}),
    ...(f.maxAgeDays !== '' ? { maxAgeDays: Number(f.maxAgeDays) } : {}),
    ...(f.finishedFrom ? { finishedFrom: f.finishedFrom } : {}),
    ...(f.finishedTo ? { finishedTo: f.finishedTo } : {}),
    ...(f.finishedBy ? { finishedBy: Number(f.finishedBy) } : {}),
    includeFinished: f.includeFinished,
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    sort: f.sort,
  };
}

function fromLink(l: QueueLinkFilter): Filters {
  return {
    ...INITIAL,
    scope: l.scope ?? 'all',
    status: l.status ?? [],
    serviceId: l.serviceId ?? '',
    channel: l.channel ?? '',
    siteId: l.siteId ? String(l.siteId) : '',
    assigneeId: l.assigneeId ? String(l.assigneeId) : '',
    due: l.due ?? '',
    awaiting: l.awaiting ?? '',
    receivedFrom: l.receivedFrom ?? '',
    receivedTo: l.receivedTo ?? '',
    minAgeDays: l.minAgeDays !== undefined ? String(l.minAgeDays) : '',
    maxAgeDays: l.maxAgeDays !== undefined ? String(l.maxAgeDays) : '',
    finishedFrom: l.finishedFrom ?? '',
    finishedTo: l.finishedTo ?? '',
    finishedBy: l.finishedBy ? String(l.finishedBy) : '',
    includeFinished: l.includeFinished ?? false,
    search: l.search ?? '',
    sort: l.sort ?? 'oldest',
  };
}

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

/** Buttons, links and checkboxes act on Enter/Space themselves (e.g. "Jetzt abrufen" beside the navigation); the queue leaves them alone. */
function isActivationTarget(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && t.closest('button, a[href], summary, [role="button"], input[type="checkbox"]') !== null;
}

/** "Eingang 23.11.2026", "Alter 15–30 Tage": the link-only filters, each removable. */
function extraFilters(f: Filters, assigneeName: (id: number) => string): { key: string; text: string; clear: Partial<Filters> }[] {
  const out: { key: string; text: string; clear: Partial<Filters> }[] = [];
  if (f.receivedFrom || f.receivedTo) {
    const text =
      f.receivedFrom && f.receivedFrom === f.receivedTo
        ? `Eingang am ${formatIsoDate(f.receivedFrom)}`
        : f.receivedFrom && f.receivedTo
          ? `Eingang ${formatIsoDate(f.receivedFrom)} – ${formatIsoDate(f.receivedTo)}`
          : f.receivedFrom
            ? `Eingang ab ${formatIsoDate(f.receivedFrom)}`
            : `Eingang bis ${formatIsoDate(f.receivedTo)}`;
    out.push({ key: 'received', text, clear: { receivedFrom: '', receivedTo: '' } });
  }
  if (f.minAgeDays !== '' || f.maxAgeDays !== '') {
    const days = (n: string) => `${n} ${n === '1' ? 'Tag' : 'Tage'}`;
    const text =
      f.minAgeDays !== '' && f.maxAgeDays !== ''
        ? `Alter ${f.minAgeDays}–${days(f.maxAgeDays)}`
        : f.minAgeDays !== ''
          ? `Alter ab ${days(f.minAgeDays)}`
          : `Alter bis ${days(f.maxAgeDays)}`;
    out.push({ key: 'age', text, clear: { minAgeDays: '', maxAgeDays: '' } });
  }
  if (f.finishedFrom || f.finishedTo || f.finishedBy) {
    const when =
      f.finishedFrom && f.finishedFrom === f.finishedTo
        ? ` am ${formatIsoDate(f.finishedFrom)}`
        : f.finishedFrom && f.finishedTo
          ? ` ${formatIsoDate(f.finishedFrom)} – ${formatIsoDate(f.finishedTo)}`
          : '';
    const who = f.finishedBy ? ` von ${assigneeName(Number(f.finishedBy))}` : '';
    out.push({ key: 'finished', text: `Erledigt${when}${who}`, clear: { finishedFrom: '', finishedTo: '', finishedBy: '' } });
  }
  if (f.assigneeId) out.push({ key: 'assignee', text: `Sachbearbeitung: ${assigneeName(Number(f.assigneeId))}`, clear: { assigneeId: '' } });
  return out;
}

/** The dates' state for display: the date that made the case due or overdue is marked. */
function dateStates(c: CaseSummary, now: number): { target: 'overdue' | 'today' | null; legal: 'overdue' | 'today' | null } {
  if (!c.due) return { target: null, legal: null };
  const today = berlinIsoDay(new Date(now));
  const target = c.targetDate ? (c.targetDate < today ? 'overdue' : c.targetDate === today ? 'today' : null) : null;
  const legal = c.legalDeadlineAt
    ? Date.parse(c.legalDeadlineAt) < now
      ? 'overdue'
      : legalDeadlineDay(c.legalDeadlineAt) === today
        ? 'today'
        : null
    : null;
  return { target, legal };
}

const DUE_TEXT = { overdue: 'überfällig', today: 'heute fällig' } as const;

/** "2026-11-27" → "27.11.26": the queue's date columns are narrow (the full date is in the cell's title). */
const shortDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(2, 4)}`;

/** "Zuweisen …": a supervisor gives the selected cases to a clerk (or back to the queue) and/or to a site. */
function AssignDialog({ caseIds, onClose, onDone }: { caseIds: number[]; onClose(): void; onDone(updated: number): void }) {
  const team = useApiQuery('users.team', {}, { staleTime: 60_000 });
  const sites = useApiQuery('sites.list', {}, { staleTime: 300_000 });
  const [assignee, setAssignee] = useState('');
  const [site, setSite] = useState('');
  const [reason, setReason] = useState('');
  const assign = useApiMutation('cases.assign', {
    invalidates: ['cases.list', 'cases.get', 'dashboard.get'],
    onSuccess: (r) => onDone(r.updated),
  });
  const assigneeOptions = [
    { value: 'none', label: 'niemand (zurück in die Warteschlange)' },
    ...(team.data ?? []).map((m) => ({ value: String(m.id), label: `${m.displayName} (${m.siteName})` })),
  ];
  const siteOptions = (sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  function submit(e: FormEvent) {
    e.preventDefault();
    assign.mutate({
      caseIds,
      ...(assignee === '' ? {} : { assigneeId: assignee === 'none' ? null : Number(assignee) }),
      ...(site ? { siteId: Number(site) } : {}),
      reason: reason.trim(),
    });
  }
  const n = caseIds.length;
  return (
    <Modal title="Vorgänge zuweisen" onClose={() => (assign.isPending ? undefined : onClose())}>
      <form onSubmit={submit} noValidate>
        <p>{n === 1 ? '1 Vorgang ausgewählt.' : `${nf.format(n)} Vorgänge ausgewählt.`}</p>
        <ErrorMessage error={assign.error && !apiFieldError(assign.error, 'reason') && !apiFieldError(assign.error, 'assigneeId') ? assign.error : null} />
        <ErrorMessage error={team.error ?? sites.error} />
        <SelectField
          label="Sachbearbeitung"
          value={assignee}
          onChange={setAssignee}
          options={assigneeOptions}
          placeholder="unverändert"
          error={apiFieldError(assign.error, 'assigneeId')}
        />
        <SelectField label="Standort" value={site} onChange={setSite} options={siteOptions} placeholder="unverändert" error={apiFieldError(assign.error, 'siteId')} />
        <TextField label="Grund" value={reason} onChange={setReason} error={apiFieldError(assign.error, 'reason')} required maxLength={500} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={assign.isPending}>
            {assign.isPending ? 'Wird zugewiesen …' : 'Zuweisen'}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={assign.isPending}>
            Abbrechen
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * The home screen: every open case of every channel in one queue; views by whose cases they are, due dates,
 * filters kept in the URL ("#/vorgaenge?scope=mine&due=overdue", so the dashboard links to filtered views) and in
 * the session, CSV export of the view, and for supervisors the assignment of selected cases.
 */
export function QueueScreen() {
  const { session } = useSession();
  const isSupervisor = session?.user.role === 'supervisor' || session?.user.role === 'admin';
  const [persisted, setPersisted] = usePersistentState<Filters>('queue', INITIAL);
  // A query in the URL (a link from the dashboard) wins over the filters remembered from before.
  const [filters, setFilters] = useState<Filters>(() => {
    const q = currentHashQuery();
    return q ? fromLink(parseQueueQuery(q)) : { ...INITIAL, ...persisted };
  });
  const search = useDebounced(filters.search.trim(), 250);
  const now = useNow();
  const searchRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLDetailsElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const [selected, setSelected] = useState(0);
  const [checked, setChecked] = useState<Set<number>>(() => new Set());
  const [assigning, setAssigning] = useState(false);
  const [assigned, setAssigned] = useState<number | null>(null);

  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  // Filters → session and URL (replacing the entry: typing a search makes no history).
  const queryString = queueQueryString(toLink(filters));
  useEffect(() => {
    setPersisted(filters);
  }, [filters, setPersisted]);
  useEffect(() => {
    replaceHashQuery(queryString);
  }, [queryString]);
  // URL → filters: back/forward between filtered views, or a link followed while the queue is open.
  useEffect(() => {
    function onHash() {
      if (!/^#\/?vorgaenge(\?|$)/.test(window.location.hash)) return;
      const q = currentHashQuery();
      if (!q) {
        // "Vorgänge" in the navigation: keep the current view and put its filter back into the URL.
        replaceHashQuery(queueQueryString(toLink(filtersRef.current)));
        return;
      }
      if (q !== queueQueryString(toLink(filtersRef.current))) setFilters(fromLink(parseQueueQuery(q)));
    }
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const viewInput = useMemo(
    () => ({
      scope: filters.scope,
      ...(filters.status.length ? { status: filters.status } : {}),
      ...(filters.serviceId ? { serviceId: filters.serviceId } : {}),
      ...(filters.channel ? { channel: filters.channel as Channel } : {}),
      ...(filters.siteId ? { siteId: Number(filters.siteId) } : {}),
      ...(filters.assigneeId ? { assigneeId: Number(filters.assigneeId) } : {}),
      ...(filters.due ? { due: filters.due } : {}),
      ...(filters.awaiting ? { awaiting: filters.awaiting } : {}),
      ...(filters.receivedFrom ? { receivedFrom: filters.receivedFrom } : {}),
      ...(filters.receivedTo ? { receivedTo: filters.receivedTo } : {}),
      ...(filters.minAgeDays !== '' ? { minAgeDays: Number(filters.minAgeDays) } : {}),
      ...(filters.maxAgeDays !== '' ? { maxAgeDays: Number(filters.maxAgeDays) } : {}),
      ...(filters.finishedFrom ? { finishedFrom: filters.finishedFrom } : {}),
      ...(filters.finishedTo ? { finishedTo: filters.finishedTo } : {}),
      ...(filters.finishedBy ? { finishedBy: Number(filters.finishedBy) } : {}),
      ...(search ? { search } : {}),
      includeFinished: filters.includeFinished,
      sort: filters.sort,
    }),
    [
      filters.scope,
      filters.status,
      filters.serviceId,
      filters.channel,
      filters.siteId,
      filters.assigneeId,
      filters.due,
      filters.awaiting,
      filters.receivedFrom,
      filters.receivedTo,
      filters.minAgeDays,
      filters.maxAgeDays,
      filters.finishedFrom,
      filters.finishedTo,
      filters.finishedBy,
      filters.includeFinished,
      filters.sort,
      search,
    ],
  );
  const input = useMemo(
    (): InputOf<'cases.list'> => ({ ...viewInput, limit: PAGE_SIZE, offset: filters.page * PAGE_SIZE }),
    [viewInput, filters.page],
  );
  const cases = useApiQuery('cases.list', input, { placeholderData: keepPreviousData });
  const items = cases.data?.items ?? [];
  const total = cases.data?.total ?? 0;
  const team = useApiQuery('users.team', {}, { staleTime: 60_000, enabled: !!filters.assigneeId });

  const exportCsv = useApiMutation('cases.exportCsv', {
    onSuccess: (r) => downloadTextFile(r.csv, r.fileName),
  });

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 0, ...patch }));

  // A selection belongs to the page it was made on.
  useEffect(() => {
    setChecked(new Set());
    setAssigned(null);
  }, [input]);

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
  const toggleChecked = (id: number) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChecked = items.length > 0 && items.every((c) => checked.has(c.id));

  const statusSummary =
    filters.status.length === 0
      ? 'alle'
      : filters.status.length === 1
        ? STATUS_LABELS[filters.status[0]!]
        : `${filters.status.length} gewählt`;
  const statusOptions = CASE_STATUSES.filter((s) => filters.includeFinished || !TERMINAL_STATUSES.includes(s));
  const extras = extraFilters(filters, (id) => team.data?.find((m) => m.id === id)?.displayName ?? `#${id}`);
  const activeFilters =
    filters.status.length +
    (filters.serviceId ? 1 : 0) +
    (filters.channel ? 1 : 0) +
    (filters.siteId ? 1 : 0) +
    (filters.search ? 1 : 0) +
    (filters.due ? 1 : 0) +
    (filters.awaiting ? 1 : 0) +
    extras.length;
  const columns = isSupervisor ? 12 : 11;
  const capped = isCappedTotal(total);
  const totalText = capped ? `mehr als ${nf.format(QUEUE_COUNT_CAP)}` : nf.format(total);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Vorgänge</h1>
        <div className="page-head-actions">
          <button type="button" className="btn" onClick={() => void cases.refetch()} disabled={cases.isFetching}>
            {cases.isFetching ? 'Aktualisiert …' : 'Aktualisieren'}
          </button>
          <button type="button" className="btn" onClick={() => exportCsv.mutate(viewInput)} disabled={exportCsv.isPending || total === 0}>
            {exportCsv.isPending ? 'Wird exportiert …' : 'CSV exportieren'}
          </button>
          {isSupervisor ? (
            <button type="button" className="btn" onClick={() => setAssigning(true)} disabled={checked.size === 0} aria-haspopup="dialog">
              Zuweisen …
            </button>
          ) : null}
          <a className="btn btn-primary" href={hrefFor('/schalter')}>
            Neuer Vorgang
          </a>
        </div>
      </div>

      <div className="segmented" role="group" aria-label="Zuständigkeit">
        {SCOPES.map((s) => (
          <button
            key={s.value}
            type="button"
            className={'segment' + (filters.scope === s.value ? ' active' : '')}
            aria-pressed={filters.scope === s.value}
            title={s.title}
            onClick={() => update({ scope: s.value })}
          >
            {s.label}
          </button>
        ))}
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
        <div className="field field-narrow-select">
          <label htmlFor="queue-due">Fällig</label>
          <select id="queue-due" value={filters.due} onChange={(e) => update({ due: e.target.value as Filters['due'] })}>
            {DUE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow-select">
          <label htmlFor="queue-awaiting">Wartet auf</label>
          <select id="queue-awaiting" value={filters.awaiting} onChange={(e) => update({ awaiting: e.target.value as Filters['awaiting'] })}>
            <option value="">–</option>
            {AWAITING_FILTERS.map((a) => (
              <option key={a} value={a}>
                {AWAITING_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow-select">
          <label htmlFor="queue-sort">Sortierung</label>
          <select id="queue-sort" value={filters.sort} onChange={(e) => update({ sort: e.target.value as Filters['sort'] })}>
            <option value="oldest">Älteste zuerst</option>
            <option value="newest">Neueste zuerst</option>
            <option value="due">Nach Fälligkeit</option>
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
          {extras.map((x) => (
            <span key={x.key} className="chip">
              {x.text}
              <button type="button" className="chip-remove" onClick={() => update(x.clear)} aria-label={`Filter „${x.text}“ entfernen`}>
                ✕
              </button>
            </span>
          ))}
          {activeFilters > 0 ? (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setFilters({ ...INITIAL, scope: filters.scope, includeFinished: filters.includeFinished, sort: filters.sort })}
            >
              Filter zurücksetzen
            </button>
          ) : null}
        </div>
      </section>

      <ErrorMessage error={cases.error ?? exportCsv.error} />
      {assigned !== null ? <Notice kind="success">{assigned === 0
            ? 'Nichts geändert: die gewählten Vorgänge waren bereits so zugewiesen.'
            : assigned === 1
              ? '1 Vorgang zugewiesen.'
              : `${nf.format(assigned)} Vorgänge zugewiesen.`}</Notice> : null}

      <div className="table-wrap">
        <table className="table table-queue" aria-label="Vorgänge" aria-busy={cases.isFetching || undefined}>
          <thead>
            <tr>
              {isSupervisor ? (
                <th scope="col" className="cell-check">
                  <input
                    type="checkbox"
                    checked={allChecked}
                    disabled={items.length === 0}
                    onChange={() => setChecked(allChecked ? new Set() : new Set(items.map((c) => c.id)))}
                    aria-label="alle auf dieser Seite auswählen"
                  />
                </th>
              ) : null}
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Leistung</th>
              <th scope="col">Antragsteller</th>
              <th scope="col">Kanal</th>
              <th scope="col">Status</th>
              <th scope="col">Standort</th>
              <th scope="col">Eingang</th>
              <th scope="col" title="Bearbeitungsziel nach der Servicenorm">
                Ziel
              </th>
              <th scope="col" title="Gesetzliche Frist">
                Frist
              </th>
              <th scope="col">Bearbeiter</th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {items.map((c, i) => {
              const dates = dateStates(c, now);
              const rowClass = [
                i === selected ? 'selected' : '',
                checked.has(c.id) ? 'row-selected' : '',
                c.due === 'overdue' ? 'row-overdue' : c.due === 'today' ? 'row-due-today' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <tr
                  key={c.id}
                  className={rowClass || undefined}
                  aria-selected={i === selected}
                  onClick={() => {
                    setSelected(i);
                    navigate(`/vorgang/${c.id}`);
                  }}
                >
                  {isSupervisor ? (
                    <td className="cell-check" onClick={(e) => e.stopPropagation()}>
                      <input type="checkbox" checked={checked.has(c.id)} onChange={() => toggleChecked(c.id)} aria-label={`${c.reference} auswählen`} />
                    </td>
                  ) : null}
                  <td className="mono">
                    <a href={hrefFor(`/vorgang/${c.id}`)} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                      {c.reference}
                    </a>
                  </td>
                  <td className="wrap">{c.serviceName}</td>
                  <td className="wrap">{c.applicantName}</td>
                  <td>
                    <ChannelBadge channel={c.channel} />
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="wrap">{c.siteName}</td>
                  <td title={formatDateTime(c.createdAt)}>{formatAge(c.createdAt, now)}</td>
                  <td className={dates.target ? `date-${dates.target}` : undefined} title={c.targetDate ? `Bearbeitungsziel ${formatIsoDate(c.targetDate)}` : undefined}>
                    {c.targetDate ? shortDate(c.targetDate) : <span className="muted">–</span>}
                    {c.due ? <span className="sr-only"> ({DUE_TEXT[c.due]})</span> : null}
                  </td>
                  <td
                    className={dates.legal ? `date-${dates.legal}` : undefined}
                    title={c.legalDeadlineAt ? `Gesetzliche Frist bis ${formatIsoDate(legalDeadlineDay(c.legalDeadlineAt))}, 24:00 Uhr` : undefined}
                  >
                    {c.legalDeadlineAt ? shortDate(legalDeadlineDay(c.legalDeadlineAt)) : <span className="muted">–</span>}
                  </td>
                  <td className="wrap">{c.assigneeName ?? <span className="muted">–</span>}</td>
                </tr>
              );
            })}
            {!cases.isPending && items.length === 0 ? (
              <tr className="empty">
                <td colSpan={columns}>
                  {activeFilters > 0 || filters.scope !== 'all'
                    ? 'Keine Vorgänge für diese Filter.'
                    : filters.includeFinished
                      ? 'Keine Vorgänge.'
                      : 'Keine offenen Vorgänge.'}
                </td>
              </tr>
            ) : null}
            {cases.isPending ? (
              <tr className="empty">
                <td colSpan={columns}>Vorgänge werden geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <div className="table-foot">
        <span className="muted" data-testid="queue-total">
          {total === 0
            ? 'Keine Vorgänge'
            : total === 1
              ? '1 Vorgang'
              : `${nf.format(filters.page * PAGE_SIZE + 1)}–${nf.format(filters.page * PAGE_SIZE + items.length)} von ${totalText} Vorgängen`}
          {checked.size > 0 ? `  ·  ${nf.format(checked.size)} ausgewählt` : ''}
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

      {assigning ? (
        <AssignDialog
          caseIds={[...checked]}
          onClose={() => setAssigning(false)}
          onDone={(n) => {
            setAssigning(false);
            setChecked(new Set());
            setAssigned(n);
          }}
        />
      ) : null}
    </div>
  );
}
