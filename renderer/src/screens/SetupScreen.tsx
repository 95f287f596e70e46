import { useState, type FormEvent } from 'react';
import type { Site } from '../../../shared/domain/types';
import { useApiMutation } from '../api/hooks';
import { useSession } from '../api/session';
import { apiFieldError, ErrorMessage, Notice, SelectField, TextField } from '../components/forms';
import { newPasswordErrors, PASSWORD_HINT } from '../lib/validation';

interface Props {
  status: { needsAdmin: boolean; residentCount: number; sites: Site[] };
  onAdminCreated(): void;
  onFinished(): void;
}

/** First start: create the first administrator, then optionally load the demo register. */
export function SetupScreen({ status, onAdminCreated, onFinished }: Props) {
  const session = useSession();
  const [step, setStep] = useState<'admin' | 'demo'>(status.needsAdmin ? 'admin' : 'demo');
  const defaultSite = status.sites.find((s) => s.kind === 'buergerbuero') ?? status.sites[0];
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    siteId: defaultSite ? String(defaultSite.id) : '',
    password: '',
    password2: '',
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Hook-level callbacks: they run before the invalidations of setup.status (which end needsAdmin).
  const createAdmin = useApiMutation('setup.createAdmin', {
    onSuccess: (info) => {
      onAdminCreated();
      session.signedIn(info);
      if (status.residentCount === 0) setStep('demo');
      else onFinished();
    },
  });
  const loadDemo = useApiMutation('setup.loadDemoData');

  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors = newPasswordErrors(form.password, form.password2);
    if (!form.username.trim()) errors.username = 'Bitte einen Benutzernamen eingeben.';
    if (!form.displayName.trim()) errors.displayName = 'Bitte einen Namen eingeben.';
    if (!form.siteId) errors.siteId = 'Bitte einen Standort wählen.';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    createAdmin.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        siteId: Number(form.siteId),
        password: form.password,
      },
    );
  }

  const err = (k: string) => localErrors[k] ?? apiFieldError(createAdmin.error, k);

  if (step === 'demo') {
    return (
      <div className="auth-page">
        <div className="auth-card auth-card-wide">
          <h1>Ersteinrichtung</h1>
          <p className="lead">Das Administratorkonto ist angelegt. Das Melderegister ist noch leer.</p>
          {loadDemo.isSuccess ? (
            <>
              <Notice kind="success">{loadDemo.data.residents} fiktive Einwohner wurden geladen.</Notice>
              <div className="actions">
                <button type="button" className="btn btn-primary" onClick={onFinished} autoFocus>
                  Weiter zur Anwendung
                </button>
              </div>
            </>
          ) : (
            <>
              <p>
                Zum Kennenlernen und für Schulungen können Sie ein Demo-Register mit fiktiven Personen laden. Für den
                Echtbetrieb überspringen Sie diesen Schritt und importieren das Melderegister unter Verwaltung.
              </p>
              <ErrorMessage error={loadDemo.error} />
              <div className="actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={loadDemo.isPending}
                  onClick={() => loadDemo.mutate({})}
                >
                  {loadDemo.isPending ? 'Demodaten werden geladen …' : 'Demodaten laden (600 fiktive Einwohner)'}
                </button>
                <button type="button" className="btn" disabled={loadDemo.isPending} onClick={onFinished}>
                  Überspringen
                </button>
              </div>
            </>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="auth-page">
      <form className="auth-card auth-card-wide" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <h1 id="setup-title">Ersteinrichtung</h1>
        <p className="lead">
          Willkommen bei Bürgerbüro Desk. Legen Sie zuerst das Konto der ersten Administratorin bzw. des ersten
          Administrators an. Es gibt keine voreingestellten Passwörter.
        </p>
        <ErrorMessage error={createAdmin.error} />
        <div className="grid-2">
          <TextField label="Benutzername" value={form.username} onChange={set('username')} error={err('username')} autoComplete="username" required autoFocus hint="Kleinbuchstaben, Ziffern, Punkt, Binde- und Unterstrich" />
          <TextField label="Name" value={form.displayName} onChange={set('displayName')} error={err('displayName')} autoComplete="name" required hint="Wird in Vorgängen und auf Bescheinigungen angezeigt" />
        </div>
        <SelectField
          label="Standort"
          value={form.siteId}
          onChange={set('siteId')}
          options={status.sites.map((s) => ({ value: String(s.id), label: s.name }))}
          placeholder={status.sites.length === 0 ? 'Keine Standorte vorhanden' : undefined}
          error={err('siteId')}
          required
        />
        <div className="grid-2">
          <TextField label="Passwort" type="password" value={form.password} onChange={set('password')} error={err('password')} autoComplete="new-password" required hint={PASSWORD_HINT} />
          <TextField label="Passwort wiederholen" type="password" value={form.password2} onChange={set('password2')} error={err('password2')} autoComplete="new-password" required />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={createAdmin.isPending}>
            {createAdmin.isPending ? 'Wird angelegt …' : 'Administrator anlegen'}
          </button>
        </div>
      </form>
    </div>
  );
}
