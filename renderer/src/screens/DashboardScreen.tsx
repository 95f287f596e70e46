import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { dashboardLinks, queuePath, type DashboardLinkScope, type QueueLinkFilter } from '../../../shared/domain/queue';
import type { Dashboard } from '../../../shared/domain/teams';
import { useApiQuery } from '../api/hooks';
import { useSession } from '../api/session';
import { DayChart, HBarChart, formatCount, type Bar } from '../components/Charts';
import { ServiceFilter, SiteFilter } from '../components/FilterSelects';
import { ErrorMessage } from '../components/forms';
import { formatDateTime, formatDayTime } from '../lib/format';
import { hrefFor } from '../lib/router';
import { useNow } from '../lib/useNow';

const link = (f: QueueLinkFilter) => queuePath(f);

/** A key figure as a link to the queue behind it; its accessible name is "12 überfällig". */
function Figure({ value, label, href, tone }: { value: number; label: string; href: string; tone?: 'danger' | 'warning' }) {
  return (
    <a className={'figure' + (tone && value > 0 ? ` figure-${tone}` : '')} href={hrefFor(href)}>
      <span className="figure-value">{formatCount(value)}</span> <span className="figure-label">{label}</span>
    </a>
  );
}

const SUBMISSION_STATES: Record<string, string> = {
  recorded: 'vermerkt, noch nicht abgerufen',
  downloaded: 'abgerufen, noch nicht übernommen',
  imported: 'übernommen, Bestätigung ausstehend',
  rejecting: 'Zurückweisung wird gesendet',
};

function Charts({ d, scope }: { d: Dashboard; scope: DashboardLinkScope }) {
  const bars = <K extends string>(items: { key: K; label: string; count: number }[], href: (key: K) => QueueLinkFilter): Bar[] =>
    items.map((b) => ({ key: b.key, label: b.label, count: b.count, href: link(href(b.key)) }));
  return (
    <>
      <div className="chart-grid">
        <HBarChart title="Offene Vorgänge nach Status" bars={bars(d.byStatus, (k) => dashboardLinks.status(scope, k))} />
        <HBarChart title="Nach Leistung" bars={bars(d.byService, (k) => dashboardLinks.service(scope, k))} />
        <HBarChart title="Nach Eingangskanal" bars={bars(d.byChannel, (k) => dashboardLinks.channel(scope, k))} />
        <HBarChart title="Nach Standort" bars={bars(d.bySite, (k) => dashboardLinks.site(scope, Number(k)))} />
        <HBarChart
          title="Alter seit Eingang"
          bars={d.ageBuckets.map((b) => ({ key: b.key, label: b.label, count: b.count, href: link(dashboardLinks.age(scope, b)) }))}
        />
        <HBarChart
          title="Erledigt je Sachbearbeitung (30 Tage)"
          bars={d.finishedPerClerk.map((c) => ({
            key: String(c.userId),
            label: c.displayName,
            count: c.count,
            href: link(dashboardLinks.finishedBy(scope, c.userId, d.perDay[0]?.day ?? '', d.perDay[d.perDay.length - 1]?.day ?? '')),
          }))}
          emptyText="In den letzten 30 Tagen nichts erledigt."
          limit={15}
        />
      </div>
      <DayChart
        title="Eingang und Erledigung je Tag (30 Tage)"
        labelA="Eingang"
        labelB="erledigt"
        points={d.perDay.map((p) => ({
          day: p.day,
          a: p.received,
          b: p.finished,
          hrefA: link(dashboardLinks.receivedOn(scope, p.day)),
          hrefB: link(dashboardLinks.finishedOn(scope, p.day)),
        }))}
      />
      <p className="muted small">
        Erledigt: ausgehändigt oder versandt (einmal je Vorgang, am Tag und für die Person dieses Schritts). Ein Klick auf
        einen Balken öffnet die passenden Vorgänge.
      </p>
    </>
  );
}

/** The supervisors' dashboard ("Übersicht"): open cases, due dates, the last 30 days; every figure opens the queue. */
export function DashboardScreen() {
  const { session } = useSession();
  const now = useNow();
  const [siteId, setSiteId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const allowed = session?.user.role === 'supervisor' || session?.user.role === 'admin';
  const scope: DashboardLinkScope = { ...(siteId ? { siteId: Number(siteId) } : {}), ...(serviceId ? { serviceId } : {}) };
  const dash = useApiQuery('dashboard.get', scope, {
    enabled: allowed,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const d = dash.data;

  if (!allowed) {
    return (
      <div className="page">
        <h1>Übersicht</h1>
        <div className="alert alert-error" role="alert">
          Die Übersicht ist der Teamleitung und der Administration vorbehalten.
        </div>
      </div>
    );
  }

  return (
    <div className="page dashboard">
      <div className="page-head">
        <h1>Übersicht</h1>
        <div className="page-head-actions">
          {d ? <span className="muted small dashboard-stamp">Stand {formatDayTime(d.generatedAt, now)}</span> : null}
          <button type="button" className="btn" onClick={() => void dash.refetch()} disabled={dash.isFetching}>
            {dash.isFetching ? 'Aktualisiert …' : 'Aktualisieren'}
          </button>
        </div>
      </div>

      <section className="filters" aria-label="Filter der Übersicht">
        <SiteFilter id="dashboard-site" value={siteId} onChange={setSiteId} />
        <ServiceFilter id="dashboard-service" value={serviceId} onChange={setServiceId} />
      </section>

      <ErrorMessage error={dash.error} />
      {dash.isPending ? <p className="muted">Übersicht wird geladen …</p> : null}

      {d ? (
        <div className="stack" aria-busy={dash.isFetching || undefined}>
          <section aria-label="Kennzahlen" className="figures">
            <Figure value={d.open} label="offene Vorgänge" href={link(dashboardLinks.open(scope))} />
            <Figure value={d.dueToday} label="heute fällig" href={link(dashboardLinks.dueToday(scope))} tone="warning" />
            <Figure value={d.overdue} label="überfällig" href={link(dashboardLinks.overdue(scope))} tone="danger" />
          </section>

          <Charts d={d} scope={scope} />

          <section className="panel" aria-labelledby="dashboard-portal">
            <h2 id="dashboard-portal">Älteste noch nicht abgeschlossene Online-Anträge</h2>
            {d.oldestPortalSubmissions.length === 0 ? (
              <p className="muted">Keine Online-Anträge im Abruf.</p>
            ) : (
              <div className="table-wrap">
                <table className="table table-compact" aria-label="Älteste Online-Anträge im Abruf">
                  <thead>
                    <tr>
                      <th scope="col">Eingang</th>
                      <th scope="col">Einreichung</th>
                      <th scope="col">Stand</th>
                      <th scope="col" className="num">
                        Versuche
                      </th>
                      <th scope="col">Letzter Fehler</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.oldestPortalSubmissions.map((s) => (
                      <tr key={s.submissionId}>
                        <td className="nowrap">{formatDateTime(s.receivedAt)}</td>
                        <td className="mono break-anywhere">{s.submissionId}</td>
                        <td>{SUBMISSION_STATES[s.state] ?? s.state}</td>
                        <td className="num">{s.attempts}</td>
                        <td>{s.lastError ?? <span className="muted">–</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}
