import { hrefFor } from '../../lib/router';
import { UsersPanel } from './UsersPanel';
import { FeesPanel } from './FeesPanel';
import { LetterheadPanel } from './LetterheadPanel';
import { PrintersPanel } from './PrintersPanel';
import { PostalPanel } from './PostalPanel';
import { DeadlinesPanel } from './DeadlinesPanel';
import { SessionPanel } from './SessionPanel';
import { ImportPanel } from './ImportPanel';
import { PortalPanel } from './PortalPanel';
import { RejectedPanel } from './RejectedPanel';
import { AuditPanel } from './AuditPanel';
import { RetentionPanel } from './RetentionPanel';
import { HundesteuerPanel } from './HundesteuerPanel';
import { ElectionsPanel } from './ElectionsPanel';

const TABS = [
  { id: 'benutzer', label: 'Benutzer' },
  { id: 'gebuehren', label: 'Gebühren' },
  { id: 'briefkopf', label: 'Briefkopf' },
  { id: 'drucker', label: 'Drucker' },
  { id: 'postversand', label: 'Postversand' },
  { id: 'fristen', label: 'Fristen' },
  { id: 'sitzung', label: 'Sitzung' },
  { id: 'melderegister', label: 'Melderegister' },
  { id: 'portal', label: 'Portal (FIT-Connect)' },
  { id: 'protokoll', label: 'Protokoll' },
  { id: 'aufbewahrung', label: 'Aufbewahrung' },
  { id: 'hundesteuer', label: 'Hundesteuer' },
  { id: 'wahlen', label: 'Wahlen' },
] as const;

export function AdminScreen({ tab }: { tab: string }) {
  const current = TABS.find((t) => t.id === tab)?.id ?? 'benutzer';
  return (
    <div className="page">
      <div className="page-head">
        <h1>Verwaltung</h1>
      </div>
      <nav className="tabs" aria-label="Verwaltung">
        {TABS.map((t) => (
          <a key={t.id} href={hrefFor(`/verwaltung/${t.id}`)} className={'tab' + (t.id === current ? ' active' : '')} aria-current={t.id === current ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {current === 'benutzer' ? <UsersPanel /> : null}
      {current === 'gebuehren' ? <FeesPanel /> : null}
      {current === 'briefkopf' ? <LetterheadPanel /> : null}
      {current === 'drucker' ? <PrintersPanel /> : null}
      {current === 'postversand' ? <PostalPanel /> : null}
      {current === 'fristen' ? <DeadlinesPanel /> : null}
      {current === 'sitzung' ? <SessionPanel /> : null}
      {current === 'melderegister' ? <ImportPanel /> : null}
      {current === 'portal' ? (
        <div className="stack">
          <PortalPanel />
          <RejectedPanel />
        </div>
      ) : null}
      {current === 'protokoll' ? <AuditPanel /> : null}
      {current === 'aufbewahrung' ? <RetentionPanel /> : null}
      {current === 'hundesteuer' ? <HundesteuerPanel /> : null}
      {current === 'wahlen' ? <ElectionsPanel /> : null}
    </div>
  );
}
