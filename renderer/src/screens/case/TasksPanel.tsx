import { TASK_STATE_LABELS, TASK_STATES, type CaseDetail, type TaskState } from '../../../../shared/domain/types';
import { isTerminal } from '../../../../shared/domain/status';
import { useApiMutation } from '../../api/hooks';
import { useSetCaseDetail } from './useSetCaseDetail';
import { ErrorMessage } from '../../components/forms';
import { formatDateTime } from '../../lib/format';
import { useHeldByOther } from './HolderPanel';

/** The case's to-dos (e.g. the bodies a Gewerbeanzeige goes to) with their state; hidden when there are none. */
export function TasksPanel({ detail }: { detail: CaseDetail }) {
  const update = useApiMutation('cases.updateTask', { onSuccess: useSetCaseDetail() });
  const locked = useHeldByOther(detail);
  if (detail.tasks.length === 0) return null;
  const open = detail.tasks.filter((t) => t.state === 'open').length;
  const editable = !locked && !isTerminal(detail.status);
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <div className="panel-head">
        <h2 id="tasks-title">Aufgaben</h2>
        <span className="muted">{open === 0 ? 'alle erledigt' : `${open} offen`}</span>
      </div>
      <table className="table" aria-label="Aufgaben">
        <thead>
          <tr>
            <th scope="col">Aufgabe</th>
            <th scope="col">Stand</th>
            <th scope="col">Zuletzt</th>
          </tr>
        </thead>
        <tbody>
          {detail.tasks.map((t) => (
            <tr key={t.key}>
              <td>
                <div>{t.label}</div>
                {t.detail ? <div className="muted">{t.detail}</div> : null}
                {t.note ? <div className="muted">Notiz: {t.note}</div> : null}
              </td>
              <td>
                <select
                  className="task-state"
                  aria-label={`Stand: ${t.label}`}
                  value={t.state}
                  disabled={!editable || update.isPending}
                  onChange={(e) => update.mutate({ caseId: detail.id, taskKey: t.key, state: e.target.value as TaskState, note: t.note })}
                >
                  {TASK_STATES.map((s) => (
                    <option key={s} value={s}>
                      {TASK_STATE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{t.userName ? `${t.userName}, ${formatDateTime(t.updatedAt)}` : formatDateTime(t.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage error={update.error} />
    </section>
  );
}
