import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  ITEM_KIND_LABELS,
  RUN_STATE_LABELS,
  type PrintRunCase,
  type PrintRunDetail,
  type PrintRunItem,
} from '../../../../shared/domain/dispatch';
import { formatEuro } from '../../../../shared/domain/money';
import type { OperationName } from '../../../../shared/api/contract';
import type { ApiCallError } from '../../api/client';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { ITEM_STATE_LABELS, OPEN_RUN_STATES, PRINTER_ROLE_LABELS, RUN_CASE_STATE_LABELS, runNeedsPolling } from './labels';

const POLL_MS = 700;
/** What a run's progress changes elsewhere: the ready list, the log, the cases it dispatched. */
const RUN_EFFECTS: readonly OperationName[] = ['dispatch.listRuns', 'dispatch.candidates', 'dispatch.log', 'cases.list', 'cases.get'];

function useSetRun(): (run: PrintRunDetail) => void {
  const queryClient = useQueryClient();
  return (run) => queryClient.setQueryData(queryKey('dispatch.getRun', { runId: run.id }), run);
}

function ReasonDialog({
  title,
  intro,
  submitLabel,
  danger,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  intro: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: ApiCallError | null;
  onSubmit(reason: string): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setLocalError('Bitte einen Grund angeben (mindestens 3 Zeichen).');
      return;
    }
    setLocalError(null);
    onSubmit(reason.trim());
  }
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{intro}</p>
        <TextAreaField
          label="Grund"
          value={reason}
          onChange={setReason}
          error={localError ?? error?.fieldMessage('reason')}
          required
          rows={3}
          autoFocus
        />
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" className={'btn ' + (danger ? 'btn-danger' : 'btn-primary')} disabled={pending}>
            {pending ? 'Bitte warten …' : submitLabel}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={pending}>
            Zurück
          </button>
        </div>
      </form>
    </Modal>
  );
}

function itemTitle(item: PrintRunItem): string {
  return `${ITEM_KIND_LABELS[item.kind]}${item.documentNumber ? ` ${item.documentNumber}` : ''}`;
}

function ItemList({ rc, onReprint }: { rc: PrintRunCase; onReprint(item: PrintRunItem): void }) {
  return (
    <ul className="run-items">
      {rc.items.map((item) => (
        <li key={item.id} className={'run-item run-item-' + item.state}>
          <span className="run-item-name" title={PRINTER_ROLE_LABELS[item.printerRole]}>
            {ITEM_KIND_LABELS[item.kind]}
            {item.documentNumber ? <span className="run-item-number"> {item.documentNumber}</span> : null}
          </span>
          <span className={'badge item-' + item.state}>{ITEM_STATE_LABELS[item.state]}</span>
          <span className="run-item-actions">
            {item.state === 'printed' ? (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onReprint(item)}
                aria-label={`${itemTitle(item)} von ${rc.reference} nachdrucken`}
              >
                Nachdrucken
              </button>
            ) : null}
            {item.reprints > 0 ? <span className="muted">{item.reprints}× nachgedruckt</span> : null}
          </span>
          {item.error ? <span className="run-item-error">{item.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function RunProgress({ run }: { run: PrintRunDetail }) {
  const pct = run.items > 0 ? Math.round((run.itemsPrinted / run.items) * 100) : 0;
  return (
    <div className="run-progress">
      <div className="run-progress-line">
        <strong data-testid="run-progress">
          {run.itemsPrinted} von {run.items} Posten gedruckt
        </strong>
        <span className="muted">
          {run.casesDispatched} von {run.cases} {run.cases === 1 ? 'Brief' : 'Briefen'} versandfertig
        </span>
      </div>
      <div
        className={'progressbar progressbar-' + run.state}
        role="progressbar"
        aria-label="Fortschritt des Druckauftrags"
        aria-valuemin={0}
        aria-valuemax={run.items}
        aria-valuenow={run.itemsPrinted}
        aria-valuetext={`${run.itemsPrinted} von ${run.items} Posten gedruckt`}
      >
        <div className="progressbar-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="run-printer" data-testid="run-printer">
        {run.state === 'running' ? (
          <>
            <span className="spinner" aria-hidden="true" /> Aktueller Drucker: <strong>{run.currentPrinter ?? 'Druck wird vorbereitet …'}</strong>
          </>
        ) : run.state === 'completed' ? (
          <span className="muted">Alle Posten sind gedruckt.</span>
        ) : run.currentPrinter ? (
          <>
            {run.state === 'stopped' ? 'Unterbrochen bei Drucker:' : 'Zuletzt gedruckt auf:'} <strong>{run.currentPrinter}</strong>
          </>
        ) : (
          <span className="muted">Kein Drucker aktiv.</span>
        )}
      </div>
    </div>
  );
}

function RunMessage({ run }: { run: PrintRunDetail }) {
  if (run.state === 'stopped') {
    return (
      <div className="alert alert-error run-fault" role="alert">
        <strong>Der Druckauftrag wurde unterbrochen.</strong> {run.message ?? ''}
      </div>
    );
  }
  if (run.state === 'cancelled') return <Notice kind="warning">{run.message ?? 'Der Druckauftrag wurde abgebrochen.'}</Notice>;
  if (run.state === 'paused') {
    return (
      <Notice kind="info">
        Angehalten. Beim Fortsetzen wird nur gedruckt, was noch nicht gedruckt ist.{run.message ? ` ${run.message}` : ''}
      </Notice>
    );
  }
  if (run.state === 'completed') {
    return (
      <Notice kind="success">
        Alle Briefe sind gedruckt und im Postausgangsbuch eingetragen. Bitte kuvertieren, frankieren und einliefern.
      </Notice>
    );
  }
  return run.message ? <Notice kind="info">{run.message}</Notice> : null;
}

function PostageSummary({ run }: { run: PrintRunDetail }) {
  const open = run.runCases.filter((c) => c.state !== 'cancelled' && c.postageCents === null).length;
  return (
    <section className="run-postage" aria-label="Porto">
      <div className="fee-line">
        <span>Porto gesamt</span>
        <strong className="fee-amount" data-testid="run-postage-total">
          {formatEuro(run.postageCents)}
        </strong>
      </div>
      {run.postageByProduct.length > 0 ? (
        <table className="table table-compact" aria-label="Porto nach Produkt">
          <thead>
            <tr>
              <th scope="col">Produkt</th>
              <th scope="col" className="num">
                Briefe
              </th>
              <th scope="col" className="num">
                Porto
              </th>
            </tr>
          </thead>
          <tbody>
            {run.postageByProduct.map((p) => (
              <tr key={p.product}>
                <td>{p.product}</td>
                <td className="num">{p.count}</td>
                <td className="num nowrap">{formatEuro(p.cents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open > 0 ? (
        <p className="field-hint">
          Für {open === 1 ? 'einen Brief' : `${open} Briefe`} wird das Porto ermittelt, sobald {open === 1 ? 'er' : 'sie'} vorbereitet{' '}
          {open === 1 ? 'ist' : 'sind'}.
        </p>
      ) : null}
    </section>
  );
}

/** One print run: progress, state, pause / resume / cancel, postage and the list of cases with their items. */
export function RunPanel({ runId }: { runId: number }) {
  const queryClient = useQueryClient();
  const q = useApiQuery(
    'dispatch.getRun',
    { runId },
    { staleTime: 0, refetchInterval: (query) => (runNeedsPolling(query.state.data) ? POLL_MS : false) },
  );
  const run = q.data;
  const setRun = useSetRun();
  const pause = useApiMutation('dispatch.pauseRun', { onSuccess: setRun });
  const resume = useApiMutation('dispatch.resumeRun', { onSuccess: setRun });
  const cancel = useApiMutation('dispatch.cancelRun', { onSuccess: setRun });
  const reprint = useApiMutation('dispatch.reprintItem', { onSuccess: setRun });
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reprintItem, setReprintItem] = useState<{ item: PrintRunItem; rc: PrintRunCase } | null>(null);
  const [reprinted, setReprinted] = useState<string | null>(null);

  // When the run changes state or dispatches a case, the ready list, the log and the cases change with it.
  const seen = useRef<string | null>(null);
  const progressKey = run ? `${run.state}/${run.casesDispatched}` : null;
  useEffect(() => {
    if (progressKey === null) return;
    if (seen.current !== null && seen.current !== progressKey) {
      for (const op of RUN_EFFECTS) void queryClient.invalidateQueries({ queryKey: [op] });
    }
    seen.current = progressKey;
  }, [progressKey, queryClient]);

  if (q.isPending) return <p className="muted">Druckauftrag wird geladen …</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  if (!run) return null;

  const busy = pause.isPending || resume.isPending || cancel.isPending;
  const open = OPEN_RUN_STATES.includes(run.state);

  return (
    <section className="panel run-panel" aria-labelledby="run-title" data-run-state={run.state}>
      <div className="panel-head">
        <div>
          <h2 id="run-title">Druckauftrag Nr. {run.id}</h2>
          <div className="muted">
            gestartet {formatDateTime(run.createdAt)} von {run.createdBy}
            {run.finishedAt ? ` · beendet ${formatDateTime(run.finishedAt)}` : ''}
          </div>
        </div>
        <span className={'badge run-state run-' + run.state} data-testid="run-state">
          {RUN_STATE_LABELS[run.state]}
        </span>
      </div>

      <RunMessage run={run} />
      <div className="run-top">
        <RunProgress run={run} />
        <PostageSummary run={run} />
      </div>

      <ErrorMessage error={pause.error ?? resume.error} />
      {open ? (
        <div className="action-buttons run-actions">
          {run.state === 'running' ? (
            <button type="button" className="btn" onClick={() => pause.mutate({ runId: run.id })} disabled={busy}>
              {pause.isPending ? 'Wird angehalten …' : 'Anhalten'}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => resume.mutate({ runId: run.id })} disabled={busy}>
              {resume.isPending ? 'Wird fortgesetzt …' : 'Fortsetzen'}
            </button>
          )}
          <button type="button" className="btn btn-danger-outline" onClick={() => setCancelOpen(true)} disabled={busy}>
            Abbrechen
          </button>
          {pause.isPending || cancel.isPending ? (
            <span className="progress-inline" role="status">
              <span className="spinner" aria-hidden="true" /> Der laufende Druckerauftrag wird noch fertig gedruckt …
            </span>
          ) : run.state === 'running' ? (
            <span className="field-hint">Anhalten wirkt nach dem Druckerauftrag, der gerade läuft; nichts wird doppelt gedruckt.</span>
          ) : null}
        </div>
      ) : null}

      {reprinted ? <Notice kind="success">{reprinted}</Notice> : null}

      <h3>Briefe</h3>
      <div className="table-wrap">
        <table className="table table-compact" aria-label="Briefe des Druckauftrags">
          <thead>
            <tr>
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Empfänger</th>
              <th scope="col" className="num">
                Blatt
              </th>
              <th scope="col">Umschlag</th>
              <th scope="col">Produkt</th>
              <th scope="col" className="num">
                Porto
              </th>
              <th scope="col">Status</th>
              <th scope="col">Posten</th>
            </tr>
          </thead>
          <tbody>
            {run.runCases.map((rc) => (
              <tr key={rc.caseId} className={rc.state === 'cancelled' ? 'row-muted' : undefined}>
                <td className="mono nowrap">
                  <a href={hrefFor(`/vorgang/${rc.caseId}`)} title={`Brief ${rc.seq} des Druckauftrags`}>
                    {rc.reference}
                  </a>
                </td>
                <td className="cell-name">{rc.applicantName}</td>
                <td className="num">{rc.sheets ?? '–'}</td>
                <td>{rc.envelope ?? '–'}</td>
                <td className="cell-product">{rc.product ?? <span className="muted">–</span>}</td>
                <td className="num nowrap">{rc.postageCents !== null ? formatEuro(rc.postageCents) : '–'}</td>
                <td>
                  <span className={'badge runcase-' + rc.state}>{RUN_CASE_STATE_LABELS[rc.state]}</span>
                </td>
                <td>
                  <ItemList
                    rc={rc}
                    onReprint={(item) => {
                      reprint.reset();
                      setReprinted(null);
                      setReprintItem({ item, rc });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {cancelOpen ? (
        <ReasonDialog
          title={`Druckauftrag Nr. ${run.id} abbrechen`}
          intro="Was noch nicht gedruckt ist, wird nicht mehr gedruckt; die offenen Vorgänge erscheinen wieder unter „Versandbereit“. Bereits Gedrucktes bleibt gedruckt."
          submitLabel="Druckauftrag abbrechen"
          danger
          pending={cancel.isPending}
          error={cancel.error}
          onSubmit={(reason) => cancel.mutate({ runId: run.id, reason }, { onSuccess: () => setCancelOpen(false) })}
          onClose={() => {
            cancel.reset();
            setCancelOpen(false);
          }}
        />
      ) : null}
      {reprintItem ? (
        <ReasonDialog
          title={`Nachdrucken – ${itemTitle(reprintItem.item)}`}
          intro={`${reprintItem.rc.reference}, ${reprintItem.rc.applicantName}: wird erneut auf dem ${PRINTER_ROLE_LABELS[reprintItem.item.printerRole]} gedruckt. Der Grund steht im Verlauf des Vorgangs.`}
          submitLabel="Nachdrucken"
          pending={reprint.isPending}
          error={reprint.error}
          onSubmit={(reason) =>
            reprint.mutate(
              { itemId: reprintItem.item.id, reason },
              {
                onSuccess: () => {
                  setReprinted(`${itemTitle(reprintItem.item)} (${reprintItem.rc.reference}) wurde nachgedruckt.`);
                  setReprintItem(null);
                },
              },
            )
          }
          onClose={() => setReprintItem(null)}
        />
      ) : null}
    </section>
  );
}

/** "Druckaufträge": the chosen (or latest) run, and the list of recent runs. */
export function RunsTab({ runId }: { runId: number | null }) {
  const runs = useApiQuery(
    'dispatch.listRuns',
    { limit: 20 },
    { refetchInterval: (q) => (q.state.data?.some((r) => r.state === 'running') ? 2000 : false) },
  );
  const current = runId ?? runs.data?.[0]?.id ?? null;
  return (
    <div className="stack">
      {current !== null ? (
        <RunPanel key={current} runId={current} />
      ) : runs.isPending ? (
        <p className="muted">Druckaufträge werden geladen …</p>
      ) : (
        <section className="panel">
          <p className="muted">
            Noch keine Druckaufträge. Unter <a href={hrefFor('/postausgang')}>Versandbereit</a> einen Druckauftrag starten.
          </p>
        </section>
      )}
      <ErrorMessage error={runs.error} />
      {runs.data && runs.data.length > 0 ? (
        <section className="panel" aria-labelledby="runs-title">
          <h2 id="runs-title">Letzte Druckaufträge</h2>
          <div className="table-wrap">
            <table className="table table-compact" aria-label="Letzte Druckaufträge">
              <thead>
                <tr>
                  <th scope="col">Nr.</th>
                  <th scope="col">Gestartet</th>
                  <th scope="col">von</th>
                  <th scope="col">Zustand</th>
                  <th scope="col" className="num">
                    Briefe
                  </th>
                  <th scope="col" className="num">
                    Posten gedruckt
                  </th>
                  <th scope="col" className="num">
                    Porto
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((r) => (
                  <tr key={r.id} className={r.id === current ? 'row-selected' : undefined} aria-current={r.id === current ? 'true' : undefined}>
                    <td className="nowrap">
                      <a href={hrefFor(`/postausgang/druckauftraege/${r.id}`)}>Nr. {r.id}</a>
                    </td>
                    <td className="nowrap">{formatDateTime(r.createdAt)}</td>
                    <td>{r.createdBy}</td>
                    <td>
                      <span className={'badge run-state run-' + r.state}>{RUN_STATE_LABELS[r.state]}</span>
                    </td>
                    <td className="num">
                      {r.casesDispatched} / {r.cases}
                    </td>
                    <td className="num">
                      {r.itemsPrinted} / {r.items}
                    </td>
                    <td className="num nowrap">{formatEuro(r.postageCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
