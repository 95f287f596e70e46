import { useEffect, useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { formatIsoDate, formatTimestampDate } from '../../lib/format';
import { hrefFor } from '../../lib/router';

/** The core lists at most this many due cases at a time (the longest finished first). */
const LIST_LIMIT = 1000;

const vorgaenge = (n: number) => (n === 1 ? '1 Vorgang' : `${n.toLocaleString('de-DE')} Vorgänge`);

/**
 * Verwaltung → Aufbewahrung: finished cases whose retention period (Verwaltung → Fristen) has ended. The
 * administrator chooses and confirms; the core deletes them with documents and attachments, keeps an anonymous
 * statistic, and anonymises their lines in the Postausgangsbuch.
 */
export function RetentionPanel() {
  const due = useApiQuery('retention.due', {}, { staleTime: 0 });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const purge = useApiMutation('retention.purge', {
    invalidates: ['retention.due', 'cases.list', 'cases.get', 'dispatch.log', 'audit.list'],
    onSuccess: (r) => {
      setDone(r.deleted);
      setSelected(new Set());
      setConfirming(false);
    },
  });
  const list = due.data ?? [];

  // Cases no longer listed (deleted meanwhile, period changed) leave the selection.
  useEffect(() => {
    const listed = new Set((due.data ?? []).map((c) => c.caseId));
    setSelected((s) => {
      const kept = [...s].filter((id) => listed.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [due.data]);

  const allSelected = list.length > 0 && selected.size === list.length;
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel" aria-labelledby="retention-title">
      <div className="panel-head">
        <h2 id="retention-title">Zur Löschung fällige Vorgänge</h2>
        <div className="action-buttons">
          <button type="button" className="btn btn-small" onClick={() => void due.refetch()} disabled={due.isFetching}>
            {due.isFetching ? 'Wird geladen …' : 'Neu laden'}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={selected.size === 0 || purge.isPending}
            onClick={() => {
              purge.reset();
              setDone(null);
              setConfirming(true);
            }}
          >
            Ausgewählte löschen
          </button>
        </div>
      </div>
      <p className="field-hint">
        Abgeschlossene, abgelehnte, stornierte und versandte Vorgänge werden nach Ablauf der Aufbewahrungsfrist ihrer Leistung
        (Verwaltung → Fristen) mit Dokumenten, Zahlungen und Anlagen gelöscht. Es bleibt eine anonyme Statistik (Leistung,
        Kanal, Standort, Status, Tage, Gebühr); im Postausgangsbuch bleibt der Brief ohne Empfänger und Aktenzeichen stehen.
      </p>
      {done !== null ? <Notice kind="success">{vorgaenge(done)} gelöscht.</Notice> : null}
      <ErrorMessage error={due.error} />
      {list.length >= LIST_LIMIT ? (
        <Notice kind="info">Es werden die {LIST_LIMIT.toLocaleString('de-DE')} am längsten abgeschlossenen Vorgänge gezeigt; nach dem Löschen folgen die nächsten.</Notice>
      ) : null}
      <div className="table-wrap">
        <table className="table table-compact" aria-label="Zur Löschung fällige Vorgänge" aria-busy={due.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col" className="cell-check">
                <input
                  type="checkbox"
                  aria-label="Alle auswählen"
                  checked={allSelected}
                  disabled={list.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(list.map((c) => c.caseId)))}
                />
              </th>
              <th scope="col">Aktenzeichen</th>
              <th scope="col">Leistung</th>
              <th scope="col">Abgeschlossen</th>
              <th scope="col">Frist abgelaufen am</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.caseId} className={selected.has(c.caseId) ? 'row-selected' : undefined}>
                <td className="cell-check">
                  <input
                    type="checkbox"
                    aria-label={`${c.reference} auswählen`}
                    checked={selected.has(c.caseId)}
                    onChange={() => toggle(c.caseId)}
                  />
                </td>
                <td className="mono nowrap">
                  <a href={hrefFor(`/vorgang/${c.caseId}`)}>{c.reference}</a>
                </td>
                <td>{c.serviceName}</td>
                <td className="nowrap">{formatTimestampDate(c.closedAt)}</td>
                <td className="nowrap">{formatIsoDate(c.dueSince)}</td>
              </tr>
            ))}
            {!due.isPending && !due.error && list.length === 0 ? (
              <tr className="empty">
                <td colSpan={5}>Keine Vorgänge zur Löschung fällig.</td>
              </tr>
            ) : null}
            {due.isPending ? (
              <tr className="empty">
                <td colSpan={5}>Wird geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {list.length > 0 ? (
        <div className="table-foot">
          <span className="muted">
            {vorgaenge(list.length)} fällig{selected.size > 0 ? `, ${selected.size.toLocaleString('de-DE')} ausgewählt` : ''}
          </span>
        </div>
      ) : null}

      {confirming ? (
        <Modal title="Vorgänge endgültig löschen" onClose={() => (purge.isPending ? undefined : setConfirming(false))}>
          <p>
            <strong>{vorgaenge(selected.size)}</strong> {selected.size === 1 ? 'wird' : 'werden'} mit allen Dokumenten, Zahlungen,
            Anlagen und dem Verlauf endgültig gelöscht. Das lässt sich nicht rückgängig machen.
          </p>
          <ErrorMessage error={purge.error} />
          <div className="actions">
            <button
              type="button"
              className="btn btn-danger"
              disabled={purge.isPending}
              onClick={() => purge.mutate({ caseIds: [...selected] })}
            >
              {purge.isPending ? 'Wird gelöscht …' : `${vorgaenge(selected.size)} löschen`}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)} disabled={purge.isPending}>
              Abbrechen
            </button>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
