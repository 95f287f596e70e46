import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../../shared/domain/types';
import { isTerminal } from '../../../../shared/domain/status';
import { useApiMutation } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorMessage, Notice, TextAreaField } from '../../components/forms';
import { formatDateTime } from '../../lib/format';
import { useSetCaseDetail } from './useSetCaseDetail';

/** A supervisor's approval before the fee (e.g. a stated legal interest, § 62 Abs. 1 PStG). */
function ApprovalPart({ detail }: { detail: CaseDetail }) {
  const me = useSession().session?.user ?? null;
  const [reason, setReason] = useState('');
  const setDetail = useSetCaseDetail();
  const approve = useApiMutation('cases.approve', { onSuccess: setDetail, invalidates: ['cases.list'] });
  const s = detail.steps;
  if (!s.approvalRequired) return null;
  const supervisor = me?.role === 'supervisor' || me?.role === 'admin';
  function submit(e: FormEvent) {
    e.preventDefault();
    approve.mutate({ caseId: detail.id, reason: reason.trim() });
  }
  return (
    <div className="step" data-testid="approval-step">
      <h3>Freigabe durch die Teamleitung</h3>
      <p>{s.approvalRequired}</p>
      {s.approvedAt ? (
        <Notice kind="success">
          Freigegeben von {s.approvedBy ?? '–'} am {formatDateTime(s.approvedAt)}.
        </Notice>
      ) : supervisor && !isTerminal(detail.status) ? (
        <form onSubmit={submit} className="stack">
          <TextAreaField
            label="Begründung der Freigabe"
            value={reason}
            onChange={setReason}
            rows={2}
            error={approve.error?.fieldMessage('reason')}
            hint="Warum das Interesse anerkannt wird; steht im Verlauf."
          />
          <ErrorMessage error={approve.error} />
          <div className="action-buttons">
            <button type="submit" className="btn btn-primary" disabled={approve.isPending}>
              Antrag freigeben
            </button>
          </div>
        </form>
      ) : (
        <Notice kind="warning">Wartet auf die Freigabe durch die Teamleitung. Erst danach kann die Gebühr erfasst werden.</Notice>
      )}
    </div>
  );
}

/** The Standesbeamter's signature and seal on the printed certificate (§ 55 Abs. 2 PStG), before hand-over or dispatch. */
function SignaturePart({ detail }: { detail: CaseDetail }) {
  const me = useSession().session?.user ?? null;
  const setDetail = useSetCaseDetail();
  const sign = useApiMutation('cases.sign', { onSuccess: setDetail, invalidates: ['cases.list'] });
  const s = detail.steps;
  if (!s.signatureRequired) return null;
  return (
    <div className="step" data-testid="signature-step">
      <h3>Unterschrift und Siegel</h3>
      {s.signedAt ? (
        <Notice kind="success">
          Unterschrieben und gesiegelt von {s.signedBy ?? '–'} am {formatDateTime(s.signedAt)}.
        </Notice>
      ) : detail.status === 'issued' ? (
        me?.registrar ? (
          <>
            <p>Bitte die gedruckte Urkunde prüfen, unterschreiben und siegeln, dann bestätigen.</p>
            <ErrorMessage error={sign.error} />
            <div className="action-buttons">
              <button type="button" className="btn btn-primary" onClick={() => sign.mutate({ caseId: detail.id })} disabled={sign.isPending}>
                Unterschrift und Siegel bestätigen
              </button>
            </div>
          </>
        ) : (
          <Notice kind="warning">
            Die gedruckte Urkunde wartet auf Unterschrift und Siegel einer Standesbeamtin oder eines Standesbeamten; erst
            danach kann sie ausgehändigt oder versandt werden.
          </Notice>
        )
      ) : isTerminal(detail.status) ? null : (
        <p className="muted">Nach dem Druck unterschreibt eine Standesbeamtin oder ein Standesbeamter die Urkunde.</p>
      )}
    </div>
  );
}

/** The approval and signature steps of services that need them; nothing for the others. */
export function StepsPanel({ detail }: { detail: CaseDetail }) {
  if (!detail.steps.approvalRequired && !detail.steps.signatureRequired) return null;
  return (
    <section className="panel" aria-labelledby="steps-title">
      <h2 id="steps-title">Freigabe und Unterschrift</h2>
      <ApprovalPart detail={detail} />
      <SignaturePart detail={detail} />
    </section>
  );
}
