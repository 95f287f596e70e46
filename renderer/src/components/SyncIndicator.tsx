import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PortalStatus } from '../../../shared/domain/portal';
import { queryKey, useApiMutation, useApiQuery } from '../api/hooks';
import { formatDayTime } from '../lib/format';
import { rejectedText, waitingText } from '../lib/portalText';
import { hrefFor } from '../lib/router';
import { useNow } from '../lib/useNow';

const POLL_MS = 15_000;
/** While the core syncs, look more often: the clerk waits for the result. */
const POLL_SYNCING_MS = 2_000;

interface Props {
  isAdmin: boolean;
  /** False while the screen is locked: no polling behind the lock screen. */
  enabled: boolean;
}

/**
 * The portal sync at a glance, in the shell beside the navigation (visible on every screen): last successful sync,
 * submissions waiting, the last error in plain German, the next attempt, and "Jetzt abrufen".
 */
export function SyncIndicator({ isAdmin, enabled }: Props) {
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const status = useApiQuery(
    'portal.status',
    {},
    {
      enabled,
      staleTime: 5_000,
      refetchInterval: (q) => (q.state.data?.syncing ? POLL_SYNCING_MS : POLL_MS),
    },
  );
  const sync = useApiMutation('portal.syncNow', {
    onSuccess: (s) => queryClient.setQueryData<PortalStatus>(queryKey('portal.status', {}), s),
  });

  // An automatic sync in the core may have imported cases: refresh the queue when the last success moves on.
  const lastSuccess = status.data?.lastSuccessAt;
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (lastSuccess === undefined) return;
    if (seen.current !== undefined && seen.current !== lastSuccess) {
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
    }
    seen.current = lastSuccess;
  }, [lastSuccess, queryClient]);

  const s = status.data;
  const busy = sync.isPending || Boolean(s?.syncing);

  return (
    <section className="sync-indicator" role="status" aria-label="Portal-Abruf" aria-busy={busy || undefined} data-testid="sync-indicator">
      <div className="sync-title">
        <span>Online-Anträge</span>
        {s?.simulator ? (
          <span className="badge badge-demo" title="Anträge kommen vom eingebauten Demo-Portal, nicht von FIT-Connect">
            Demo-Portal (Simulator)
          </span>
        ) : null}
      </div>

      {!s ? (
        status.isError ? (
          <p className="sync-error">Portal-Status nicht abrufbar: {status.error.message}</p>
        ) : (
          <p className="sync-line muted">Status wird geladen …</p>
        )
      ) : !s.configured ? (
        <>
          <p className="sync-line">Portal nicht eingerichtet</p>
          {isAdmin ? (
            <p className="sync-line">
              <a href={hrefFor('/verwaltung/portal')}>Portal einrichten</a>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="sync-line">
            Zuletzt abgerufen: {s.lastSuccessAt ? formatDayTime(s.lastSuccessAt, now) : 'noch nie'}
          </p>
          {s.waiting > 0 ? <p className="sync-line sync-waiting">{waitingText(s.waiting)}</p> : null}
          {s.errorMessage ? (
            <p className="sync-error">
              <strong>Abruf fehlgeschlagen:</strong> {s.errorMessage}
            </p>
          ) : null}
          {s.nextAttemptAt && !busy ? (
            <p className="sync-line muted">
              {s.failures > 0 ? 'Nächster Versuch' : 'Nächster Abruf'}: {formatDayTime(s.nextAttemptAt, now)}
            </p>
          ) : null}
          {isAdmin && s.rejected > 0 ? (
            <p className="sync-line">
              <a href={hrefFor('/verwaltung/portal')}>{rejectedText(s.rejected)}</a>
            </p>
          ) : null}
          {sync.error ? <p className="sync-error">{sync.error.message}</p> : null}
          {status.isError ? <p className="sync-error">Portal-Status nicht abrufbar: {status.error.message}</p> : null}
          <button type="button" className="btn btn-small btn-block sync-button" onClick={() => sync.mutate({})} disabled={busy}>
            {busy ? (
              <>
                <span className="spinner" aria-hidden="true" /> Wird abgerufen …
              </>
            ) : (
              'Jetzt abrufen'
            )}
          </button>
        </>
      )}
    </section>
  );
}
