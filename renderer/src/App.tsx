import { useState } from 'react';
import { useApiQuery } from './api/hooks';
import { useSession } from './api/session';
import { ErrorMessage } from './components/forms';
import { SetupScreen } from './screens/SetupScreen';
import { LoginScreen } from './screens/LoginScreen';
import { LockScreen } from './screens/LockScreen';
import { Shell } from './screens/Shell';

function Splash({ text = 'Bürgerbüro Desk wird geladen …' }: { text?: string }) {
  return (
    <div className="splash" aria-busy="true">
      <p>{text}</p>
    </div>
  );
}

function Unavailable({ error, onRetry }: { error: Error | null; onRetry(): void }) {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <h1>Bürgerbüro Desk</h1>
        <ErrorMessage error={error ?? new Error('Der Dienst antwortet nicht.')} />
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          Erneut versuchen
        </button>
      </div>
    </div>
  );
}

export function App() {
  const setup = useApiQuery('setup.status', {}, { staleTime: Infinity, refetchOnWindowFocus: false });
  const session = useSession();
  const [inSetup, setInSetup] = useState(false);

  if (setup.isPending) return <Splash />;
  if (setup.isError) return <Unavailable error={setup.error} onRetry={() => void setup.refetch()} />;

  if (setup.data.needsAdmin || inSetup) {
    return (
      <SetupScreen
        status={setup.data}
        onAdminCreated={() => setInSetup(true)}
        onFinished={() => {
          setInSetup(false);
          void setup.refetch();
        }}
      />
    );
  }

  switch (session.phase) {
    case 'loading':
      return <Splash />;
    case 'error':
      return <Unavailable error={session.loadError} onRetry={session.retry} />;
    case 'signedOut':
      return <LoginScreen />;
    case 'locked':
    case 'active':
      return (
        <>
          {session.session ? <Shell session={session.session} hidden={session.phase === 'locked'} /> : null}
          {session.phase === 'locked' ? <LockScreen session={session.session} /> : null}
        </>
      );
  }
}
