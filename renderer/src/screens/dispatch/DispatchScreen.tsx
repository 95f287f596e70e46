import { DISPATCH_TAB_PATHS, hrefFor, type DispatchTab } from '../../lib/router';
import { LogTab } from './LogTab';
import { ReadyTab } from './ReadyTab';
import { RunsTab } from './RunsTab';

const TABS: { id: DispatchTab; label: string }[] = [
  { id: 'ready', label: 'Versandbereit' },
  { id: 'runs', label: 'Druckaufträge' },
  { id: 'log', label: 'Postausgangsbuch' },
];

/** "Postausgang": postal dispatch — the ready list, print runs and the Postausgangsbuch. */
export function DispatchScreen({ tab, runId }: { tab: DispatchTab; runId: number | null }) {
  return (
    <div className="page">
      <div className="page-head">
        <h1>Postausgang</h1>
      </div>
      <nav className="tabs" aria-label="Postausgang">
        {TABS.map((t) => (
          <a
            key={t.id}
            href={hrefFor(DISPATCH_TAB_PATHS[t.id])}
            className={'tab' + (t.id === tab ? ' active' : '')}
            aria-current={t.id === tab ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'ready' ? <ReadyTab /> : null}
      {tab === 'runs' ? <RunsTab runId={runId} /> : null}
      {tab === 'log' ? <LogTab /> : null}
    </div>
  );
}
