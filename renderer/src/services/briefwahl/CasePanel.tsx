import { useState } from 'react';
import { INVALIDATION_REASON_LABELS } from '../../../../shared/services/briefwahl/rules';
import type { CaseDetail } from '../../../../shared/domain/types';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { Dl } from '../../components/Dl';
import { ErrorMessage } from '../../components/forms';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import type { ServiceCasePanelProps } from '../types';
import { InvalidateDialog } from './InvalidateDialog';

/** The case's Wahlschein: number, Wählerverzeichnis-Nr., state, and "Für ungültig erklären". */
/** Before printing: the proxy collecting the documents presents the Vollmacht and the written confirmation. */
function ProxyVollmacht({ detail, editable }: { detail: CaseDetail; editable: boolean }) {
  const proxy = (detail.data.delivery as { proxy?: { givenNames: string; familyName: string; vollmachtPresent: boolean; confirmsAtMostFourVoters: boolean } }).proxy!;
  const [vollmacht, setVollmacht] = useState(proxy.vollmachtPresent);
  const [confirms, setConfirms] = useState(proxy.confirmsAtMostFourVoters);
  const record = useApiMutation('briefwahl.recordProxyVollmacht', { invalidates: ['cases.get', 'cases.list'] });
  const done = proxy.vollmachtPresent && proxy.confirmsAtMostFourVoters;
  return (
    <div className="stack">
      <h3>Abholung durch {proxy.givenNames} {proxy.familyName}</h3>
      {done ? <p>Schriftliche Vollmacht und Versicherung (höchstens vier Wahlberechtigte) liegen vor.</p> : null}
      {editable && !done ? (
        <>
          <label className="check">
            <input type="checkbox" checked={vollmacht} onChange={(e) => setVollmacht(e.target.checked)} />
            Schriftliche Vollmacht der wahlberechtigten Person liegt im Original vor
          </label>
          <label className="check">
            <input type="checkbox" checked={confirms} onChange={(e) => setConfirms(e.target.checked)} />
            Versichert schriftlich, nicht mehr als vier Wahlberechtigte zu vertreten
          </label>
          <div className="action-buttons">
            <button type="button" className="btn" disabled={record.isPending} onClick={() => record.mutate({ caseId: detail.id, vollmachtPresent: vollmacht, confirmsAtMostFourVoters: confirms })}>
              Vollmacht erfassen
            </button>
          </div>
          <ErrorMessage error={record.error} />
        </>
      ) : null}
    </div>
  );
}

export function BriefwahlCasePanel({ detail, editable }: ServiceCasePanelProps) {
  const doc = [...detail.documents].reverse().find((d) => d.docType === 'wahlschein' && typeof d.facts?.wahlscheinNumber === 'string');
  const number = doc ? String(doc.facts!.wahlscheinNumber) : null;
  const electionKey = doc ? String(doc.facts!.electionKey ?? '') : String(detail.data.electionId ?? '');
  const ws = useApiQuery('briefwahl.wahlschein', { electionKey, number: number ?? '-' }, { enabled: number !== null, staleTime: 0 });
  const [dialog, setDialog] = useState(false);
  return (
    <section className="panel" aria-labelledby="wahlschein-title">
      <div className="panel-head">
        <h2 id="wahlschein-title">Wahlschein</h2>
        {ws.data?.state === 'valid' ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => setDialog(true)}>
            Für ungültig erklären
          </button>
        ) : null}
      </div>
      {number === null ? (
        <p className="muted">Der Wahlschein wird beim Drucken erteilt: Wahlschein-Nr. je Wahlbezirk, Vermerk „W“ im Wählerverzeichnis.</p>
      ) : (
        <Dl
          rows={[
            { label: 'Wahlschein-Nr.', value: <strong data-testid="wahlschein-number">{number}</strong> },
            { label: 'Wahl', value: String(doc!.facts!.electionName ?? electionKey) },
            { label: 'Wählerverzeichnis-Nr.', value: doc!.facts!.voterNumber ? String(doc!.facts!.voterNumber) : '– (§ 25 Abs. 2)' },
            { label: 'Vermerk', value: 'W' },
            {
              label: 'Stand',
              value:
                ws.data?.state === 'invalid'
                  ? `für ungültig erklärt am ${formatDateTime(ws.data.invalidatedAt)} (${ws.data.invalidationReason ? INVALIDATION_REASON_LABELS[ws.data.invalidationReason] : ''}${ws.data.reasonText ? `: ${ws.data.reasonText}` : ''})`
                  : ws.data
                    ? 'gültig'
                    : '…',
            },
          ]}
        />
      )}
      {number === null && (detail.data.delivery as { kind?: string } | undefined)?.kind === 'pickup_by_proxy' ? (
        <ProxyVollmacht detail={detail} editable={editable} />
      ) : null}
      <ErrorMessage error={ws.error} />
      <p>
        <a href={hrefFor('/briefwahl')}>Zum Wahlscheinverzeichnis</a>
      </p>
      {dialog && number ? <InvalidateDialog electionKey={electionKey} number={number} onClose={() => setDialog(false)} /> : null}
    </section>
  );
}
