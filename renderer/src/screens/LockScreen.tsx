import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/domain/types';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useApiMutation } from '../api/hooks';
import { useSession } from '../api/session';
import { ErrorMessage, TextField } from '../components/forms';

/** Covers everything (the content underneath is hidden) and only asks for the password. */
export function LockScreen({ session }: { session: SessionInfo | null }) {
  const ctx = useSession();
  const [password, setPassword] = useState('');
  const unlock = useApiMutation('auth.unlock', {
    onSuccess: (info) => {
      setPassword('');
      ctx.signedIn(info);
    },
    onError: (error) => {
      setPassword('');
      // The session may have ended meanwhile (expired, account locked): ask the core.
      if (error.code === 'UNAUTHENTICATED') ctx.retry();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) return;
    unlock.mutate({ password });
  }

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="auth-card" onSubmit={submit}>
        <div className="lock-icon" aria-hidden="true">
          <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <rect x="4" y="11" width="16" height="10" rx="2" />
            <path d="M8 11V7a4 4 0 0 1 8 0v4" />
          </svg>
        </div>
        <h1 id="lock-title">Bildschirm gesperrt</h1>
        {session ? (
          <p className="lead">
            Angemeldet: <strong>{session.user.displayName}</strong> ({session.user.username},{' '}
            {ROLE_LABELS[session.user.role]})
          </p>
        ) : (
          <p className="lead">Die Sitzung ist gesperrt.</p>
        )}
        <ErrorMessage error={unlock.error} />
        <TextField label="Passwort" type="password" value={password} onChange={setPassword} autoComplete="current-password" autoFocus required />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={unlock.isPending || !password}>
            {unlock.isPending ? 'Wird entsperrt …' : 'Entsperren'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => void ctx.signOut()} disabled={unlock.isPending}>
            Abmelden
          </button>
        </div>
      </form>
    </div>
  );
}
