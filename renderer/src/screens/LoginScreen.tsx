import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../api/hooks';
import { useSession } from '../api/session';
import { ErrorMessage, TextField } from '../components/forms';

export function LoginScreen() {
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useApiMutation('auth.login', {
    onSuccess: (info) => {
      setPassword('');
      session.signedIn(info);
    },
    onError: () => setPassword(''),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) return;
    login.mutate({ username: username.trim(), password });
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">BB</span>
          <div>
            <div className="brand-name">Bürgerbüro Desk</div>
            <div className="muted">Stadt Lingen (Ems)</div>
          </div>
        </div>
        <h1 id="login-title">Anmelden</h1>
        <ErrorMessage error={login.error} />
        <TextField label="Benutzername" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
        <TextField label="Passwort" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        <div className="actions">
          <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending || !username.trim() || !password}>
            {login.isPending ? 'Anmeldung läuft …' : 'Anmelden'}
          </button>
        </div>
      </form>
    </div>
  );
}
