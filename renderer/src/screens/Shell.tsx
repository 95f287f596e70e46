import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/domain/types';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useSession } from '../api/session';
import { hrefFor, useRoute, type Route } from '../lib/router';
import { useIdleLock } from '../lib/useIdleLock';
import { QueueScreen } from './QueueScreen';
import { DashboardScreen } from './DashboardScreen';
import { CounterScreen } from './CounterScreen';
import { CaseScreen } from './CaseScreen';
import { AdminScreen } from './admin/AdminScreen';
import { DispatchScreen } from './dispatch/DispatchScreen';
import { BriefwahlScreen } from './BriefwahlScreen';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { SyncIndicator } from '../components/SyncIndicator';

interface Props {
  session: SessionInfo;
  /** True while the lock screen is up: the content stays mounted (no typed data is lost) but is not rendered visibly. */
  hidden: boolean;
}

function NavLink({ href, active, children }: { href: string; active: boolean; children: string }) {
  return (
    <a href={hrefFor(href)} className={'nav-link' + (active ? ' active' : '')} aria-current={active ? 'page' : undefined}>
      {children}
    </a>
  );
}

function Content({ route, session }: { route: Route; session: SessionInfo }) {
  switch (route.name) {
    case 'queue':
      return <QueueScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'counter':
      return <CounterScreen />;
    case 'case':
      return <CaseScreen key={route.caseId} caseId={route.caseId} />;
    case 'dispatch':
      return <DispatchScreen tab={route.tab} runId={route.runId} />;
    case 'briefwahl':
      return <BriefwahlScreen />;
    case 'admin':
      return session.user.role === 'admin' ? (
        <AdminScreen tab={route.tab} />
      ) : (
        <div className="page">
          <h1>Verwaltung</h1>
          <div className="alert alert-error" role="alert">
            Dieser Bereich ist der Administration vorbehalten.
          </div>
        </div>
      );
  }
}

export function Shell({ session, hidden }: Props) {
  const ctx = useSession();
  const route = useRoute();
  useIdleLock(session.idleLockMinutes, !hidden, ctx.lockNow);
  const isAdmin = session.user.role === 'admin';
  const isSupervisor = session.user.role === 'supervisor' || isAdmin;
  const [changingPassword, setChangingPassword] = useState(false);
  // A modal dialog would stay in the top layer above the lock screen (and make it inert): locking closes it.
  useEffect(() => {
    if (hidden) setChangingPassword(false);
  }, [hidden]);

  return (
    <div className={'shell' + (hidden ? ' shell-hidden' : '')} aria-hidden={hidden || undefined} inert={hidden || undefined}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">BB</span>
          <span className="brand-name">Bürgerbüro Desk</span>
          <span className="brand-sub">Stadt Lingen (Ems)</span>
        </div>
        <div className="topbar-user" data-testid="current-user">
          <span className="user-name">{session.user.displayName}</span>
          <span className="user-meta">
            {ROLE_LABELS[session.user.role]} · {session.user.siteName}
          </span>
        </div>
        <div className="topbar-actions">
          <button type="button" className="btn btn-topbar" onClick={() => setChangingPassword(true)} aria-haspopup="dialog">
            Passwort ändern
          </button>
          <button type="button" className="btn btn-topbar" onClick={ctx.lockNow} title="Bildschirm sperren (bei Abwesenheit)">
            Sperren
          </button>
          <button type="button" className="btn btn-topbar" onClick={() => void ctx.signOut()}>
            Abmelden
          </button>
        </div>
      </header>
      <div className="shell-body">
        <div className="sidenav">
          <div className="sidenav-inner">
            <nav className="sidenav-links" aria-label="Hauptnavigation">
              <NavLink href="/vorgaenge" active={route.name === 'queue' || route.name === 'case'}>
                Vorgänge
              </NavLink>
              <NavLink href="/schalter" active={route.name === 'counter'}>
                Neuer Vorgang
              </NavLink>
              <NavLink href="/postausgang" active={route.name === 'dispatch'}>
                Postausgang
              </NavLink>
              <NavLink href="/briefwahl" active={route.name === 'briefwahl'}>
                Briefwahl
              </NavLink>
              {isSupervisor ? (
                <NavLink href="/dashboard" active={route.name === 'dashboard'}>
                  Übersicht
                </NavLink>
              ) : null}
              {isAdmin ? (
                <NavLink href="/verwaltung/benutzer" active={route.name === 'admin'}>
                  Verwaltung
                </NavLink>
              ) : null}
            </nav>
            <SyncIndicator isAdmin={isAdmin} enabled={!hidden} />
          </div>
        </div>
        <main className="content">
          <Content route={route} session={session} />
        </main>
      </div>
      {changingPassword && !hidden ? <ChangePasswordDialog onClose={() => setChangingPassword(false)} /> : null}
    </div>
  );
}
