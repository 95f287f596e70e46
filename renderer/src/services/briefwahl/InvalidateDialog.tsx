import { useState, type FormEvent } from 'react';
import type { WahlscheinRow } from '../../../../shared/api/ops/briefwahl';
import { INVALIDATION_REASONS, INVALIDATION_REASON_LABELS, type InvalidationReason } from '../../../../shared/services/briefwahl/rules';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage, SelectField, TextAreaField } from '../../components/forms';
import { Modal } from '../../components/Modal';

/** Declares a Wahlschein invalid with the reason (it stays in the Wahlscheinverzeichnis and enters the list of invalidated ones). */
export function InvalidateDialog({ electionKey, number, onClose, onDone }: { electionKey: string; number: string; onClose(): void; onDone?(row: WahlscheinRow): void }) {
  const [reason, setReason] = useState<InvalidationReason>('not_received');
  const [text, setText] = useState('');
  const invalidate = useApiMutation('briefwahl.invalidate', {
    invalidates: ['briefwahl.verzeichnis', 'briefwahl.wahlschein', 'briefwahl.elections', 'briefwahl.searchVoters', 'cases.get'],
    onSuccess: (row) => {
      onDone?.(row);
      onClose();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    invalidate.mutate({ electionKey, number, reason, reasonText: text });
  }
  return (
    <Modal
      title={`Wahlschein ${number} für ungültig erklären`}
      onClose={onClose}
      footer={
        <>
          <button type="submit" form="invalidate-form" className="btn btn-danger" disabled={invalidate.isPending}>
            {invalidate.isPending ? 'Wird gespeichert …' : 'Für ungültig erklären'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Abbrechen
          </button>
        </>
      }
    >
      <form id="invalidate-form" onSubmit={submit} className="stack" noValidate>
        <SelectField
          label="Grund"
          value={reason}
          onChange={(v) => setReason(v as InvalidationReason)}
          options={INVALIDATION_REASONS.map((r) => ({ value: r, label: INVALIDATION_REASON_LABELS[r] }))}
          error={invalidate.error?.fieldMessage('reason')}
        />
        <TextAreaField
          label="Begründung"
          value={text}
          onChange={setText}
          rows={3}
          error={invalidate.error?.fieldMessage('reasonText')}
          hint="Der Wahlschein bleibt im Wahlscheinverzeichnis und kommt in das Verzeichnis der für ungültig erklärten Wahlscheine; danach kann ein Ersatz-Wahlschein beantragt werden."
        />
        <ErrorMessage error={invalidate.error} />
      </form>
    </Modal>
  );
}
