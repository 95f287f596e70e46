import { useRef, useState, type FormEvent } from 'react';
import { ApiCallError, call } from '../api/client';
import { useApiMutation } from '../api/hooks';
import { useSession } from '../api/session';
import { apiFieldError, ErrorMessage, Notice, TextField } from '../components/forms';
import { Modal } from '../components/Modal';
import { newPasswordErrors, PASSWORD_HINT } from '../lib/validation';

const FIELDS: ReadonlySet<string> = new Set(['currentPassword', 'newPassword']);

/**
 * The signed-in user changes their own password (`auth.changePassword`). A wrong current password answers
 * UNAUTHENTICATED and counts as a failed attempt, but the session goes on (the client does not sign out for this
 * operation); only when the core ended the session (the fifth failure locks the account) does this sign out.
 */
export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { signOut } = useSession();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => setForm({ currentPassword: '', newPassword: '', repeat: '' }),
    onError: (error) => {
      if (error.code !== 'UNAUTHENTICATED') return;
      setForm((f) => ({ ...f, currentPassword: '' }));
      formRef.current?.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')?.focus();
      void endIfSessionGone();
    },
  });

  /** After UNAUTHENTICATED: a wrong password leaves the session alive; an expired or locked-out one does not. */
  async function endIfSessionGone() {
    let alive: boolean;
    try {
      alive = (await call('auth.session', {})) !== null;
    } catch (e) {
      alive = !(e instanceof ApiCallError && e.code === 'UNAUTHENTICATED');
    }
    if (!alive) await signOut();
  }

  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (change.isPending) return;
    const pw = newPasswordErrors(form.newPassword, form.repeat);
    const errors: Record<string, string> = {};
    if (!form.currentPassword) errors.currentPassword = 'Bitte das aktuelle Passwort eingeben.';
    if (pw.password) errors.newPassword = pw.password;
    else if (form.newPassword === form.currentPassword) errors.newPassword = 'Das neue Passwort muss sich vom aktuellen unterscheiden.';
    if (pw.password2) errors.repeat = pw.password2;
    setLocalErrors(errors);
    if (Object.keys(errors).length) {
      change.reset();
      return;
    }
    change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
  }

  // Field errors of the API stand at their fields; the alert carries everything else (e.g. the wrong password).
  const error = change.error;
  const topError = error && !(error.fields.length > 0 && error.fields.every((f) => FIELDS.has(f.path))) ? error : null;
  const err = (k: 'currentPassword' | 'newPassword' | 'repeat') =>
    localErrors[k] ?? (k === 'repeat' ? undefined : apiFieldError(change.error, k));

  return (
    <Modal title="Passwort ändern" onClose={onClose}>
      {change.isSuccess ? (
        <>
          <Notice kind="success">Ihr Passwort wurde geändert. Bitte melden Sie sich künftig mit dem neuen Passwort an.</Notice>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              Schließen
            </button>
          </div>
        </>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate>
          <ErrorMessage error={topError} />
          <TextField
            label="Aktuelles Passwort"
            type="password"
            value={form.currentPassword}
            onChange={set('currentPassword')}
            error={err('currentPassword')}
            autoComplete="current-password"
            required
          />
          <TextField
            label="Neues Passwort"
            type="password"
            value={form.newPassword}
            onChange={set('newPassword')}
            error={err('newPassword')}
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            required
          />
          <TextField
            label="Neues Passwort wiederholen"
            type="password"
            value={form.repeat}
            onChange={set('repeat')}
            error={err('repeat')}
            autoComplete="new-password"
            required
          />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={change.isPending}>
              {change.isPending ? 'Wird geändert …' : 'Passwort ändern'}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={change.isPending}>
              Abbrechen
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
