import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/types';
import { useApiMutation } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorMessage, Notice, TextField } from '../../components/forms';
import { WithSettings } from './SettingsForm';

function SessionForm({ settings }: { settings: Settings }) {
  const { patchSession } = useSession();
  const [idle, setIdle] = useState(String(settings.idleLockMinutes));
  const [hours, setHours] = useState(String(settings.sessionHours));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('settings.update', {
    // The running session locks after the new time at once.
    onSuccess: (s) => patchSession({ idleLockMinutes: s.idleLockMinutes }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const m = Number(idle);
    const h = Number(hours);
    if (!Number.isInteger(m) || m < 1 || m > 120) errors.idleLockMinutes = 'Bitte 1 bis 120 Minuten angeben.';
    if (!Number.isInteger(h) || h < 1 || h > 24) errors.sessionHours = 'Bitte 1 bis 24 Stunden angeben.';
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ idleLockMinutes: m, sessionHours: h });
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="session-title">
      <h2 id="session-title">Sitzung</h2>
      {save.isSuccess ? <Notice kind="success">Die Sitzungseinstellungen wurden gespeichert.</Notice> : null}
      <ErrorMessage error={save.error} />
      <div className="grid-2">
        <TextField
          label="Bildschirmsperre nach (Minuten)"
          type="number"
          min={1}
          max={120}
          value={idle}
          onChange={setIdle}
          error={localErrors.idleLockMinutes ?? save.error?.fieldMessage('idleLockMinutes')}
          hint="Ohne Tastatur- oder Mausaktivität wird der Bildschirm gesperrt."
          className="field-narrow"
        />
        <TextField
          label="Höchstdauer einer Anmeldung (Stunden)"
          type="number"
          min={1}
          max={24}
          value={hours}
          onChange={setHours}
          error={localErrors.sessionHours ?? save.error?.fieldMessage('sessionHours')}
          hint="Danach ist eine neue Anmeldung nötig."
          className="field-narrow"
        />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Speichern'}
        </button>
      </div>
    </form>
  );
}

export function SessionPanel() {
  return <WithSettings>{(s) => <SessionForm settings={s} />}</WithSettings>;
}
