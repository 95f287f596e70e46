import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { REGISTERED_LABELS, RUN_STATE_LABELS, type RegisteredMail } from '../../../../shared/domain/dispatch';
import { formatEuro } from '../../../../shared/domain/money';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { DateInput, ErrorMessage, Notice } from '../../components/forms';
import { formatDateTime, formatTimestampDate } from '../../lib/format';
import { usePersistentState } from '../../lib/persist';
import { hrefFor, navigate } from '../../lib/router';
import { OPEN_RUN_STATES } from './labels';
import { ServiceFilter, SiteFilter } from '../../components/FilterSelects';

interface Filters {
  siteId: string;
  serviceId: string;
  from: string;
  to: string;
}

const INITIAL: Filters = { siteId: '', serviceId: '', from: '', to: '' };

/** A run of this workstation that has not ended yet: shown above the list, it holds its cases. */
function OpenRunNotice() {
  const runs = useApiQuery(
    'dispatch.listRuns',
    { limit: 20 },
    { refetchInterval: (q) => (q.state.data?.some((r) => r.state === 'running') ? 2000 : false) },
  );
  const open = (runs.data ?? []).filter((r) => OPEN_RUN_STATES.includes(r.state));
  if (open.length === 0) return null;
  return (
    <>
      {open.map((r) => (
        <Notice key={r.id} kind={r.state === 'stopped' ? 'warning' : 'info'}>
          Druckauftrag Nr. {r.id} ({RUN_STATE_LABELS[r.state]}): {r.itemsPrinted} von {r.items} Posten gedruckt.{' '}
          <a href={hrefFor(`/postausgang/druckauftraege/${r.id}`)}>Zum Druckauftrag</a>
        </Notice>
      ))}
    </>
  );
}

/** "Versandbereit": postal cases ready to print (or printed at the counter), and the start of a print run. */
export function ReadyTab() {
  const queryClient = useQueryClient();
  const [filters, setFilters] = usePersistentState<Filters>('dispatch.ready', INITIAL);
  const settings = useApiQuery('settings.get', {}, { staleTime: 60_000 });
  const [fromBad, setFromBad] = useState(false);
  const [toBad, setToBad] = useState(false);
  const rangeError =
    fromBad || toBad
      ? 'Bitte das Datum als TT.MM.JJJJ eingeben.'
      : filters.from && filters.to && filters.from > filters.to
        ? 'Das Ende des Zeitraums liegt vor dem Beginn.'
        : null;
  const filter = useMemo(
    () => ({
      ...(filters.siteId ? { siteId: Number(filters.siteId) } : {}),
      ...(filters.serviceId ? { serviceId: filters.serviceId } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
    }),
    [filters.siteId, filters.serviceId, filters.from, filters.to],
  );
  const candidates = useApiQuery('dispatch.candidates', filter, {
    enabled: !rangeError,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const list = useMemo(() => (rangeError ? [] : (candidates.data ?? [])), [candidates.data, rangeError]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const start = useApiMutation('dispatch.startRun', {
    onSuccess: (run) => {
      queryClient.setQueryData(queryKey('dispatch.getRun', { runId: run.id }), run);
      setSelected(new Set());
      navigate(`/postausgang/druckauftraege/${run.id}`);
    },
  });

  // The selection never holds cases that are no longer listed (filtered out, or taken by another run).
  useEffect(() => {
    setSelected((s) => {
      const visible = new Set(list.map((c) => c.caseId));
      const next = new Set([...s].filter((id) => visible.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [list]);

  const allChecked = list.length > 0 && list.every((c) => selected.has(c.caseId));
  const someChecked = selected.size > 0 && !allChecked;
  const allRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = someChecked;
  }, [someChecked]);

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const activeFilters = Object.values(filters).filter(Boolean).length;
  const count = selected.size > 0 ? selected.size : list.length;
  const openFees = list.filter((c) => (selected.size === 0 || selected.has(c.caseId)) && c.openFeeCents > 0).length;
  const enclosed = list.filter((c) => (selected.size === 0 || selected.has(c.caseId)) && c.status === 'issued').length;

  function startRun() {
    start.mutate(selected.size > 0 ? { ...filter, caseIds: [...selected] } : filter);
  }

  const dispatchSettings = settings.data?.dispatch;

  return (
    <div className="stack">
      <OpenRunNotice />
      <section className="filters" aria-label="Filter">
        <SiteFilter id="dispatch-site" value={filters.siteId} onChange={(siteId) => update({ siteId })} />
        <ServiceFilter id="dispatch-service" value={filters.serviceId} onChange={(serviceId) => update({ serviceId })} />
        <div className={'field field-date' + (rangeError && !toBad ? ' field-invalid' : '')}>
          <label htmlFor="dispatch-from">Zeitraum von</label>
          <DateInput
            id="dispatch-from"
            value={filters.from}
            onChange={(v) => update({ from: v })}
            onInvalidChange={setFromBad}
            describedBy={rangeError ? 'dispatch-range-error' : undefined}
          />
        </div>
        <div className={'field field-date' + (rangeError && !fromBad ? ' field-invalid' : '')}>
          <label htmlFor="dispatch-to">Zeitraum bis</label>
          <DateInput
            id="dispatch-to"
            value={filters.to}
            onChange={(v) => update({ to: v })}
            onInvalidChange={setToBad}
            describedBy={rangeError ? 'dispatch-range-error' : undefined}
          />
        </div>
        <div className="filters-extra">
          <span className="muted">Zeitraum: Tag der letzten Änderung des Vorgangs (bereit gemeldet oder ausgestellt).</span>
          {activeFilters > 0 ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setFilters(INITIAL)}>
              Filter zurücksetzen
            </button>
          ) : null}
        </div>
        {rangeError ? (
          <div className="field-error filters-error" id="dispatch-range-error">
            {rangeError}
          </div>
        ) : null}
      </section>

      <ErrorMessage error={candidates.error} />

      <div className="table-wrap">
        <table className="table" aria-label="Versandbereite Vorgänge" aria-busy={candidates.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col" className="cell-check">
                <label className="check">
                  <input
                    ref={allRef}
                    type="checkbox"
                    checked={allChecked}
                    disabled={list.length === 0}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(list.map((c) => c.caseId)))}
                  />
                  alle auswählen
                </label>
              </th>
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Leistung</th>
              <th scope="col">Empfänger</th>
              <th scope="col">Standort</th>
              <th scope="col">Einschreiben</th>
              <th scope="col">offene Gebühr</th>
              <th scope="col">Dokument</th>
              <th scope="col">Bereit seit</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.caseId} className={selected.has(c.caseId) ? 'row-selected' : undefined}>
                <td className="cell-check">
                  <input type="checkbox" checked={selected.has(c.caseId)} onChange={() => toggle(c.caseId)} aria-label={`${c.reference} auswählen`} />
                </td>
                <td className="mono nowrap">
                  <a href={hrefFor(`/vorgang/${c.caseId}`)}>{c.reference}</a>
                </td>
                <td>{c.serviceName}</td>
                <td>{c.applicantName}</td>
                <td>{c.siteName}</td>
                <td>{c.registered ? (REGISTERED_LABELS[c.registered as RegisteredMail] ?? c.registered) : <span className="muted">–</span>}</td>
                <td className="nowrap">
                  {c.openFeeCents > 0 ? (
                    <span className="badge badge-warning" title="Das Anschreiben fordert die Gebühr an (Bankverbindung aus Verwaltung → Postversand).">
                      {formatEuro(c.openFeeCents)}
                    </span>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td>
                  {c.status === 'issued' ? (
                    <span title="Am Schalter bereits gedruckt: wird nicht erneut gedruckt, bitte dem Brief beilegen.">bereits gedruckt – beilegen</span>
                  ) : (
                    'wird gedruckt'
                  )}
                </td>
                <td className="nowrap" title={formatDateTime(c.updatedAt)}>
                  {formatTimestampDate(c.updatedAt)}
                </td>
              </tr>
            ))}
            {!candidates.isPending && list.length === 0 ? (
              <tr className="empty">
                <td colSpan={9}>{activeFilters > 0 ? 'Für diese Filter liegt nichts zum Versand bereit.' : 'Nichts zum Versand bereit.'}</td>
              </tr>
            ) : null}
            {candidates.isPending && !rangeError ? (
              <tr className="empty">
                <td colSpan={9}>Vorgänge werden geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <section className="panel start-run" aria-labelledby="start-run-title">
        <h2 id="start-run-title">Druckauftrag</h2>
        <p className="start-run-summary" data-testid="start-run-summary">
          {list.length === 0
            ? 'Keine Vorgänge ausgewählt.'
            : selected.size > 0
              ? `Für ${count === 1 ? 'den ausgewählten Vorgang' : `die ${count} ausgewählten Vorgänge`}.`
              : `Für ${count === 1 ? 'den angezeigten Vorgang' : `alle ${count} angezeigten Vorgänge`} (keine Auswahl).`}
          {openFees > 0 ? ` ${openFees === 1 ? 'Ein Anschreiben fordert' : `${openFees} Anschreiben fordern`} die offene Gebühr an.` : ''}
          {enclosed > 0 ? ` ${enclosed === 1 ? 'Ein Dokument ist' : `${enclosed} Dokumente sind`} bereits gedruckt und ${enclosed === 1 ? 'wird' : 'werden'} beigelegt.` : ''}
        </p>
        {dispatchSettings ? (
          <p className="field-hint">
            Je Vorgang werden in dieser Reihenfolge gedruckt: das Dokument (Bescheinigungsdrucker), das Anschreiben
            (Briefdrucker){dispatchSettings.printEnvelopes ? ' und der Umschlag (Umschlagdrucker)' : ' – Umschläge werden nicht gedruckt (Fensterumschläge)'}.
            Je Druckerauftrag {dispatchSettings.chunkSize === 1 ? 'ein Brief' : `${dispatchSettings.chunkSize} Briefe`}; das Porto
            ergibt sich aus Blattzahl und Umschlag.
          </p>
        ) : null}
        <ErrorMessage error={start.error} title="Druckauftrag nicht gestartet" />
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={startRun} disabled={start.isPending || list.length === 0 || Boolean(rangeError)}>
            {start.isPending ? 'Wird gestartet …' : 'Druckauftrag starten'}
          </button>
          {selected.size > 0 ? (
            <button type="button" className="btn btn-ghost" onClick={() => setSelected(new Set())} disabled={start.isPending}>
              Auswahl aufheben
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
