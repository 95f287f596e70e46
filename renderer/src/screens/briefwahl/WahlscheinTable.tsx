import { useState } from 'react';
import type { WahlscheinRow } from '../../../../shared/api/ops/briefwahl';
import { INVALIDATION_REASON_LABELS } from '../../../../shared/services/briefwahl/rules';
import { formatDateTime, formatIsoDate } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { InvalidateDialog } from '../../services/briefwahl/InvalidateDialog';

/** The Wahlscheine of an election with the voter, the "W" mark, delivery and state; valid ones can be declared invalid. */
export function WahlscheinTable({
  electionKey,
  list,
  rows,
  loading,
  title,
}: {
  electionKey: string;
  list: 'verzeichnis' | 'ungueltig';
  rows: WahlscheinRow[];
  loading: boolean;
  title: string;
}) {
  const [invalidating, setInvalidating] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label={title} aria-busy={loading || undefined}>
        <thead>
          <tr>
            <th scope="col">Wahlschein-Nr.</th>
            <th scope="col">Wählerverz.-Nr.</th>
            <th scope="col">Vermerk</th>
            <th scope="col">Name</th>
            <th scope="col">Geboren</th>
            <th scope="col">Wohnanschrift</th>
            <th scope="col">Erteilt</th>
            <th scope="col">Übermittlung</th>
            <th scope="col">Stand</th>
            <th scope="col">Vorgang</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.number}>
              <td className="mono nowrap">{r.number}</td>
              <td className="mono nowrap">{r.voterNumber ?? '– (§ 25 Abs. 2)'}</td>
              <td>
                <span className="badge" title="Vermerk im Wählerverzeichnis: Wahlschein erteilt">
                  W
                </span>
              </td>
              <td>
                {r.familyName}, {r.givenNames}
              </td>
              <td className="nowrap">{formatIsoDate(r.birthDate)}</td>
              <td>{r.address}</td>
              <td className="nowrap">{formatDateTime(r.issuedAt)}</td>
              <td>
                {r.delivery}
                {r.deliveryDetail ? <div className="muted">{r.deliveryDetail}</div> : null}
              </td>
              <td>
                {r.state === 'valid' ? (
                  <>
                    gültig{' '}
                    <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setInvalidating(r.number)} aria-label={`${r.number} für ungültig erklären`}>
                      Für ungültig erklären
                    </button>
                  </>
                ) : (
                  <>
                    <strong>ungültig</strong> seit {formatDateTime(r.invalidatedAt)}
                    <div className="muted">
                      {r.invalidationReason ? INVALIDATION_REASON_LABELS[r.invalidationReason] : ''}
                      {r.reasonText ? `: ${r.reasonText}` : ''}
                    </div>
                  </>
                )}
              </td>
              <td className="mono nowrap">{r.caseId ? <a href={hrefFor(`/vorgang/${r.caseId}`)}>{r.caseReference}</a> : '–'}</td>
            </tr>
          ))}
          {!loading && rows.length === 0 ? (
            <tr className="empty">
              <td colSpan={10}>{list === 'verzeichnis' ? 'Für diese Wahl wurden noch keine Wahlscheine erteilt.' : 'Es wurden keine Wahlscheine für ungültig erklärt.'}</td>
            </tr>
          ) : null}
          {loading ? (
            <tr className="empty">
              <td colSpan={10}>Wird geladen …</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {invalidating ? <InvalidateDialog electionKey={electionKey} number={invalidating} onClose={() => setInvalidating(null)} /> : null}
    </div>
  );
}
