import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/domain/types';
import { ApiCallError, call, onAuthError } from './client';
import { clearPersistentState } from '../lib/persist';
import { navigate } from '../lib/router';

/** `'locked'`: the core says the session is locked but gave no session info. */
type SessionData = SessionInfo | null | 'locked';

export type SessionPhase = 'loading' | 'error' | 'signedOut' | 'active' | 'locked';

export interface SessionContextValue {
  phase: SessionPhase;
  session: SessionInfo | null;
  loadError: ApiCallError | null;
  retry(): void;
  /** After auth.login / setup.createAdmin / auth.unlock answered a SessionInfo. */
  signedIn(info: SessionInfo): void;
  /** Blanks the screen at once and asks the core to lock the session. */
  lockNow(): void;
  /** Updates the running session's info (e.g. the idle time after the settings changed). */
  patchSession(patch: Partial<Omit<SessionInfo, 'user'>>): void;
  signOut(): Promise<void>;
}

const SESSION_KEY = ['auth.session'] as const;
const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchSession(): Promise<SessionData> {
  try {
    return await call('auth.session', {});
  } catch (e) {
    if (e instanceof ApiCallError) {
      if (e.code === 'UNAUTHENTICATED') return null;
      if (e.code === 'SESSION_LOCKED') return 'locked';
    }
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery<SessionData, ApiCallError>({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 60_000,
  });

  const setLocked = useCallback(() => {
    queryClient.setQueryData<SessionData>(SESSION_KEY, (prev) =>
      prev && prev !== 'locked' ? { ...prev, locked: true } : 'locked',
    );
  }, [queryClient]);

  const dropPersonalData = useCallback(() => {
    queryClient.cancelQueries();
    queryClient.removeQueries({
      predicate: (q) => q.queryKey[0] !== 'auth.session' && q.queryKey[0] !== 'setup.status',
    });
    clearPersistentState();
  }, [queryClient]);

  const setSignedOut = useCallback(() => {
    dropPersonalData();
    queryClient.setQueryData<SessionData>(SESSION_KEY, null);
  }, [dropPersonalData, queryClient]);

  useEffect(
    () =>
      onAuthError((error) => {
        if (error.code === 'UNAUTHENTICATED') setSignedOut();
        else if (error.code === 'SESSION_LOCKED') setLocked();
      }),
    [setLocked, setSignedOut],
  );

  const signedIn = useCallback(
    (info: SessionInfo) => {
      const prev = queryClient.getQueryData<SessionData>(SESSION_KEY);
      const sameUser = prev && prev !== 'locked' && prev.user.id === info.user.id;
      if (!sameUser && prev !== 'locked') dropPersonalData();
      queryClient.setQueryData<SessionData>(SESSION_KEY, info);
      // Everything fetched while locked failed; fetch it again.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth.session' });
    },
    [dropPersonalData, queryClient],
  );

  const lockNow = useCallback(() => {
    setLocked();
    call('auth.lock', {}).catch(() => {
      /* The lock screen is up either way; the core also locks on its own clock. */
    });
  }, [setLocked]);

  const patchSession = useCallback(
    (patch: Partial<Omit<SessionInfo, 'user'>>) =>
      queryClient.setQueryData<SessionData>(SESSION_KEY, (prev) => (prev && prev !== 'locked' ? { ...prev, ...patch } : prev)),
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await call('auth.logout', {});
    } catch {
      /* signed out locally in any case */
    }
    setSignedOut();
    navigate('/vorgaenge');
  }, [setSignedOut]);

  const value = useMemo<SessionContextValue>(() => {
    const data = query.data;
    let phase: SessionPhase;
    let session: SessionInfo | null = null;
    if (data === undefined) phase = query.isError ? 'error' : 'loading';
    else if (data === null) phase = 'signedOut';
    else if (data === 'locked') phase = 'locked';
    else {
      session = data;
      phase = data.locked ? 'locked' : 'active';
    }
    return {
      phase,
      session,
      loadError: query.error ?? null,
      retry: () => void query.refetch(),
      signedIn,
      lockNow,
      patchSession,
      signOut,
    };
  }, [query, signedIn, lockNow, patchSession, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
