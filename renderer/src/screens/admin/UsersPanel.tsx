import { useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/domain/types';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/domain/roles';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useSession } from '../../api/session';
import { apiFieldError, ErrorMessage, Notice, SelectField, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { newPasswordErrors, PASSWORD_HINT } from '../../lib/validation';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function useSiteOptions() {
  const sites = useApiQuery('sites.list', {}, { staleTime: 300_000 });
  return (sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
}

/** The appointment as Standesbeamtin/Standesbeamter (§ 2 PStG) comes on top of the role. */
function RegistrarCheck({ checked, onChange }: { checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Standesbeamtin/Standesbeamter (bestellt; darf Personenstandsurkunden unterschreiben und siegeln)
    </label>
  );
}

function CreateUserForm() {
  const siteOptions = useSiteOptions();
  const empty = { username: '', displayName: '', role: 'clerk' as Role, siteId: '', password: '', password2: '' };
  const [form, setForm] = useState(empty);
  const [registrar, setRegistrar] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<User | null>(null);
  const create = useApiMutation('users.create');
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const siteId = form.siteId || siteOptions[0]?.value || '';

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors = newPasswordErrors(form.password, form.password2);
    if (!form.username.trim()) errors.username = 'Bitte einen Benutzernamen eingeben.';
    if (!form.displayName.trim()) errors.displayName = 'Bitte einen Namen eingeben.';
    if (!siteId) errors.siteId = 'Bitte einen Standort wählen.';
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    setCreated(null);
    create.mutate(
      { username: form.username.trim(), displayName: form.displayName.trim(), role: form.role, siteId: Number(siteId), password: form.password, registrar },
      {
        onSuccess: (u) => {
          setCreated(u);
          setForm(empty);
          setRegistrar(false);
        },
      },
    );
  }
  const err = (k: string) => localErrors[k] ?? apiFieldError(create.error, k);

  return (
    <section className="panel" aria-labelledby="new-user-title">
      <h2 id="new-user-title">Neuen Benutzer anlegen</h2>
      <form onSubmit={submit} noValidate>
        {created ? (
          <Notice kind="success">
            Benutzer „{created.username}“ ({created.displayName}) wurde angelegt.
          </Notice>
        ) : null}
        <ErrorMessage error={create.error} />
        <div className="grid-3">
          <TextField label="Benutzername" value={form.username} onChange={set('username')} error={err('username')} autoComplete="off" required />
          <TextField label="Name" value={form.displayName} onChange={set('displayName')} error={err('displayName')} autoComplete="off" required />
          <SelectField label="Rolle" value={form.role} onChange={set('role')} options={ROLE_OPTIONS} error={err('role')} />
          <SelectField label="Standort" value={siteId} onChange={set('siteId')} options={siteOptions} error={err('siteId')} />
          <TextField label="Passwort" type="password" value={form.password} onChange={set('password')} error={err('password')} autoComplete="new-password" required hint={`Erstpasswort, ${PASSWORD_HINT.toLowerCase()}`} />
          <TextField label="Passwort wiederholen" type="password" value={form.password2} onChange={set('password2')} error={err('password2')} autoComplete="new-password" required />
        </div>
        <RegistrarCheck checked={registrar} onChange={setRegistrar} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Wird angelegt …' : 'Benutzer anlegen'}
          </button>
        </div>
      </form>
    </section>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: User; onClose(): void }) {
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const reset = useApiMutation('users.resetPassword');

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors = newPasswordErrors(password, password2);
    setLocalError(errors);
    if (Object.keys(errors).length) return;
    reset.mutate({ userId: user.id, password });
  }

  return (
    <Modal title={`Passwort zurücksetzen – ${user.displayName}`} onClose={onClose}>
      {reset.isSuccess ? (
        <>
          <Notice kind="success">Das Passwort von „{user.username}“ wurde neu gesetzt.</Notice>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              Schließen
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={reset.error} />
          <TextField label="Neues Passwort" type="password" value={password} onChange={setPassword} error={localError.password ?? apiFieldError(reset.error, 'password')} autoComplete="new-password" autoFocus required />
          <TextField label="Neues Passwort wiederholen" type="password" value={password2} onChange={setPassword2} error={localError.password2} autoComplete="new-password" required />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={reset.isPending}>
              {reset.isPending ? 'Wird gespeichert …' : 'Passwort setzen'}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={reset.isPending}>
              Abbrechen
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function EditUserDialog({ user, onClose }: { user: User; onClose(): void }) {
  const siteOptions = useSiteOptions();
  const [form, setForm] = useState({ displayName: user.displayName, role: user.role as string, siteId: String(user.siteId) });
  const [registrar, setRegistrar] = useState(user.registrar);
  const update = useApiMutation('users.update');
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate(
      { userId: user.id, displayName: form.displayName.trim(), role: form.role as Role, siteId: Number(form.siteId), registrar },
      { onSuccess: onClose },
    );
  }
  return (
    <Modal title={`Benutzer bearbeiten – ${user.username}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <ErrorMessage error={update.error} />
        <TextField label="Name" value={form.displayName} onChange={set('displayName')} error={apiFieldError(update.error, 'displayName')} autoFocus required />
        <SelectField label="Rolle" value={form.role} onChange={set('role')} options={ROLE_OPTIONS} error={apiFieldError(update.error, 'role')} />
        <SelectField label="Standort" value={form.siteId} onChange={set('siteId')} options={siteOptions} error={apiFieldError(update.error, 'siteId')} />
        <RegistrarCheck checked={registrar} onChange={setRegistrar} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {update.isPending ? 'Wird gespeichert …' : 'Speichern'}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={update.isPending}>
            Abbrechen
          </button>
        </div>
      </form>
    </Modal>
  );
}

function UserStatus({ user }: { user: User }) {
  if (!user.active) return <span className="badge badge-muted">deaktiviert</span>;
  if (user.locked) return <span className="badge badge-danger">gesperrt</span>;
  return (
    <span className="badge badge-ok">
      aktiv{user.failedAttempts > 0 ? ` · ${user.failedAttempts} Fehlversuch${user.failedAttempts > 1 ? 'e' : ''}` : ''}
    </span>
  );
}

export function UsersPanel() {
  const { session } = useSession();
  const users = useApiQuery('users.list', {});
  const unlock = useApiMutation('users.unlock');
  const update = useApiMutation('users.update');
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [editFor, setEditFor] = useState<User | null>(null);
  const busy = unlock.isPending || update.isPending;

  return (
    <div className="stack">
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">Benutzer</h2>
        <ErrorMessage error={users.error ?? unlock.error ?? update.error} />
        <table className="table" aria-label="Benutzer">
          <thead>
            <tr>
              <th scope="col">Benutzername</th>
              <th scope="col">Name</th>
              <th scope="col">Rolle</th>
              <th scope="col">Standort</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Aktionen</span></th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => {
              const self = u.id === session?.user.id;
              return (
                <tr key={u.id} className={u.active ? undefined : 'row-muted'}>
                  <td className="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>
                    {ROLE_LABELS[u.role]}
                    {u.registrar ? <span className="badge badge-muted"> Standesbeamt.</span> : null}
                  </td>
                  <td>{u.siteName}</td>
                  <td>
                    <UserStatus user={u} />
                  </td>
                  <td className="cell-action">
                    <div className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditFor(u)} disabled={busy} aria-label={`${u.username} bearbeiten`}>
                        Bearbeiten
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => setResetFor(u)} disabled={busy} aria-label={`Passwort von ${u.username} zurücksetzen`}>
                        Passwort zurücksetzen
                      </button>
                      {u.locked ? (
                        <button type="button" className="btn btn-small" onClick={() => unlock.mutate({ userId: u.id })} disabled={busy} aria-label={`${u.username} entsperren`}>
                          Entsperren
                        </button>
                      ) : null}
                      {!self ? (
                        <button
                          type="button"
                          className={'btn btn-small' + (u.active ? ' btn-danger-outline' : '')}
                          onClick={() => update.mutate({ userId: u.id, active: !u.active })}
                          disabled={busy}
                          aria-label={`${u.username} ${u.active ? 'deaktivieren' : 'aktivieren'}`}
                        >
                          {u.active ? 'Deaktivieren' : 'Aktivieren'}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
            {users.isPending ? (
              <tr className="empty">
                <td colSpan={6}>Benutzer werden geladen …</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      <CreateUserForm />
      {resetFor ? <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} /> : null}
      {editFor ? <EditUserDialog user={editFor} onClose={() => setEditFor(null)} /> : null}
    </div>
  );
}
