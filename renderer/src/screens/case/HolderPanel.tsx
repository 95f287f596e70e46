import { useState, type FormEvent } from 'react';
import type { CaseDetail, User } from '../../../../shared/domain/types';
import { isTerminal } from '../../../../shared/domain/status';
import { useApiMutation } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorMessage, Notice, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../lib/format';
import { useSetCaseDetail } from './useSetCaseDetail';

/**
 * Who works on the case. The claim is the edit lock and the core enforces it: changes by anyone but the holder
 * are refused there with who holds the case and since when; a change on a case nobody holds claims it. This
 * panel offers "Übernehmen", "Freigeben" (holder, with a reason) and, for the Teamleitung, the takeover.
 */

const SUPERVISOR_ROLES: readonly User['role'][] = ['supervisor', 'admin'];

/** Whether the signed-in user may change the case: nobody holds it (a change claims it) or they do. */
export function useHeldByOther(detail: CaseDetail): boolean {
  const me = useSession().session?.user ?? null;
  return detail.assigneeId !== null && detail.assigneeId !== me?.id;
}

type ReasonAction = 'release' | 'takeOver';

const REASON_ACTIONS: Record<ReasonAction, { label: string; op: 'cases.release' | 'cases.takeOver'; hint: string }> = {
  release: {
    label: 'Freigeben',
    op: 'cases.release',
    hint: 'Der Vorgang geht zurück in die Warteschlange; der Grund steht im Verlauf.',
  },
  takeOver: {
    label: 'Übernahme durch Teamleitung',
    op: 'cases.takeOver',
    hint: 'Sie übernehmen den Vorgang; der Grund steht im Verlauf.',
  },
};

function ReasonDialog({ detail, action, onClose }: { detail: CaseDetail; action: ReasonAction; onClose(): void }) {
  const { label, op, hint } = REASON_ACTIONS[action];
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const setDetail = useSetCaseDetail();
  // Both answer the case; the queue (Meine Fälle, Team) changes with them.
  const mutation = useApiMutation(op, { onSuccess: setDetail, invalidates: ['cases.get', 'cases.list'] });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setLocalError('Bitte einen Grund angeben (mindestens 3 Zeichen).');
      return;
    }
    setLocalError(null);
    mutation.mutate({ caseId: detail.id, reason: reason.trim() }, { onSuccess: onClose });
  }

  return (
    <Modal title={`${label} – ${detail.reference}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {action === 'takeOver' && detail.assigneeName ? (
          <p>
            Bisher bearbeitet von <strong>{detail.assigneeName}</strong>
            {detail.assignedAt ? ` seit ${formatDateTime(detail.assignedAt)}` : ''}.
          </p>
        ) : null}
        <TextAreaField
          label="Grund"
          value={reason}
          onChange={setReason}
          error={localError ?? mutation.error?.fieldMessage('reason')}
          hint={hint}
          required
          rows={3}
          autoFocus
        />
        <ErrorMessage error={mutation.error?.fieldMessage('reason') ? null : mutation.error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {mutation.isPending ? 'Wird gespeichert …' : label}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={mutation.isPending}>
            Abbrechen
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function HolderPanel({ detail }: { detail: CaseDetail }) {
  const me = useSession().session?.user ?? null;
  const [dialog, setDialog] = useState<ReasonAction | null>(null);
  const setDetail = useSetCaseDetail();
  const claim = useApiMutation('cases.claim', { onSuccess: setDetail, invalidates: ['cases.get', 'cases.list'] });

  const terminal = isTerminal(detail.status);
  const held = detail.assigneeId !== null;
  const mine = held && me !== null && detail.assigneeId === me.id;
  const other = held && !mine;
  const supervisor = me !== null && SUPERVISOR_ROLES.includes(me.role);
  const since = detail.assignedAt ? ` seit ${formatDateTime(detail.assignedAt)}` : '';

  return (
    <section className="panel holder-panel" aria-label="Zuständigkeit">
      <div className="panel-head" style={{ flexWrap: 'wrap', marginBottom: other || claim.error ? undefined : 0 }}>
        <p className="holder-line" data-testid="case-holder" style={{ margin: 0 }}>
          {held ? (
            <>
              {terminal ? 'Bearbeitet von' : 'Bearbeitung:'} <strong>{detail.assigneeName}</strong>
              {terminal ? '' : since}
            </>
          ) : (
            'Nicht übernommen'
          )}
        </p>
        {!terminal ? (
          <div className="action-buttons">
            {!held ? (
              <button type="button" className="btn btn-primary" onClick={() => claim.mutate({ caseId: detail.id })} disabled={claim.isPending}>
                {claim.isPending ? 'Wird übernommen …' : 'Übernehmen'}
              </button>
            ) : null}
            {mine ? (
              <button type="button" className="btn" onClick={() => setDialog('release')}>
                Freigeben
              </button>
            ) : null}
            {other && supervisor ? (
              <button type="button" className="btn" onClick={() => setDialog('takeOver')}>
                Übernahme durch Teamleitung
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {other && !terminal ? (
        <Notice kind="warning">
          Wird bearbeitet von {detail.assigneeName}
          {since}. {supervisor ? 'Änderungen erst nach der Übernahme.' : 'Sie können den Vorgang ansehen, aber nicht ändern.'}
        </Notice>
      ) : null}
      <ErrorMessage error={claim.error} />
      {dialog ? <ReasonDialog detail={detail} action={dialog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
