import { useMemo } from 'react';
import type { RejectedSubmission } from '../../../../shared/domain/portal';
import { findServiceByIdentifier } from '../../../../shared/services';
import { useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/forms';
import { formatDateTime } from '../../lib/format';

const STATE_LABELS: Record<RejectedSubmission['state'], string> = {
  rejecting: 'Wird abgelehnt',
  rejected: 'Abgelehnt',
};

function when(r: RejectedSubmission): number {
  const t = Date.parse(r.rejectedAt ?? r.receivedAt);
  return Number.isNaN(t) ? 0 : t;
}

function ServiceCell({ identifier }: { identifier: string | null }) {
  if (!identifier) return <span className="muted">unbekannt</span>;
  const service = findServiceByIdentifier(identifier);
  return (
    <>
      {service ? <div>{service.shortName}</div> : <div className="muted">unbekannte Leistung</div>}
      <div className="mono small muted break-anywhere">{identifier}</div>
    </>
  );
}

/**
 * Verwaltung → Portal: submissions the app rejected back to the portal (unreadable, invalid data, unknown service),
 * with the problems the portal passes on to the applicant. Newest first.
 */
export function RejectedPanel() {
  const q = useApiQuery('portal.rejected', { limit: 100 });
  const rows = useMemo(() => [...(q.data ?? [])].sort((a, b) => when(b) - when(a)), [q.data]);

  return (
    <section className="panel" aria-labelledby="rejected-title">
      <div className="panel-head">
        <h2 id="rejected-title">Abgelehnte Einreichungen</h2>
        <button type="button" className="btn btn-small" onClick={() => void q.refetch()} disabled={q.isFetching}>
          {q.isFetching ? 'Wird geladen …' : 'Neu laden'}
        </button>
      </div>
      <p className="field-hint">
        Einreichungen, die Bürgerbüro Desk nicht als Vorgang übernehmen konnte, werden an das Portal zurückgewiesen; die
        Gründe erhält die antragstellende Person über das Portal.
      </p>
      <ErrorMessage error={q.error} />
      <div className="table-wrap">
        <table className="table table-compact" aria-label="Abgelehnte Einreichungen" aria-busy={q.isFetching || undefined}>
          <thead>
            <tr>
              <th scope="col">Eingang / Ablehnung</th>
              <th scope="col">Leistung</th>
              <th scope="col">Status</th>
              <th scope="col" className="cell-problems">
                Gründe
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.submissionId}>
                <td>
                  <div>
                    Eingang <span className="nowrap">{formatDateTime(r.receivedAt)}</span>
                  </div>
                  {r.rejectedAt ? (
                    <div>
                      Abgelehnt <span className="nowrap">{formatDateTime(r.rejectedAt)}</span>
                    </div>
                  ) : null}
                  <div className="mono small muted break-anywhere cell-id" title="Einreichungs-ID">
                    {r.submissionId}
                  </div>
                </td>
                <td className="wrap">
                  <ServiceCell identifier={r.serviceIdentifier} />
                </td>
                <td>
                  <span className={'badge ' + (r.state === 'rejected' ? 'badge-danger' : 'badge-warning')}>{STATE_LABELS[r.state] ?? r.state}</span>
                </td>
                <td className="cell-problems">
                  {r.problems.length === 0 ? (
                    <span className="muted">–</span>
                  ) : (
                    <ul className="problem-list">
                      {r.problems.map((p, i) => (
                        <li key={i}>
                          <strong>{p.title}</strong>
                          {p.detail ? <>: {p.detail}</> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
            {!q.isPending && rows.length === 0 ? (
              <tr className="empty">
                <td colSpan={4}>Keine abgelehnten Einreichungen.</td>
              </tr>
            ) : null}
            {q.isPending ? (
              <tr className="empty">
                <td colSpan={4}>Wird geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
