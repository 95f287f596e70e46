import type { ReactNode } from 'react';
import type { Settings } from '../../../../shared/domain/types';
import { useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/forms';

/** Loads the settings and renders the form once they are there (so the form starts from the stored values). */
export function WithSettings({ children }: { children(settings: Settings): ReactNode }) {
  const q = useApiQuery('settings.get', {}, { staleTime: 0, refetchOnWindowFocus: false });
  if (q.isPending) return <p className="muted">Einstellungen werden geladen …</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <>{children(q.data)}</>;
}
