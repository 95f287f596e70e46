/** Smoke tests of the holder panel: static markup from a seeded session, the texts and buttons per situation. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { CaseDetail, SessionInfo, User } from '../../../../shared/domain/types';
import { SessionProvider } from '../../api/session';
import { HolderPanel } from './HolderPanel';

function user(id: number, displayName: string, role: User['role']): User {
  return { id, username: `u${id}`, displayName, role, siteId: 1, siteName: 'Bürgerbüro', active: true, locked: false, failedAttempts: 0, registrar: false };
}
const MARIA = user(1, 'Maria Müller', 'clerk');
const JONAS = user(2, 'Jonas Becker', 'clerk');
const SABINE = user(3, 'Sabine Schulte', 'supervisor');

function render(me: User, c: Partial<CaseDetail>): string {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(['auth.session'], { user: me, idleLockMinutes: 5, locked: false } as unknown as SessionInfo);
  const detail = { id: 7, reference: 'BB-2026-000007', status: 'in_progress', assigneeId: null, assigneeName: null, assignedAt: null, ...c } as CaseDetail;
  return renderToStaticMarkup(
    <QueryClientProvider client={qc}>
      <SessionProvider>
        <HolderPanel detail={detail} />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const heldByMaria = { assigneeId: 1, assigneeName: 'Maria Müller', assignedAt: '2026-11-25T09:42:00Z' };
const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

describe('HolderPanel', () => {
  it('offers "Übernehmen" on a case nobody holds', () => {
    const html = render(JONAS, {});
    expect(html).toContain('Nicht übernommen');
    expect(buttons(html)).toEqual(['Übernehmen']);
  });

  it('shows the holder and since when, and offers "Freigeben" to the holder', () => {
    const html = render(MARIA, heldByMaria);
    expect(html).toContain('Bearbeitung: <strong>Maria Müller</strong> seit 25.11.2026, 10:42');
    expect(buttons(html)).toEqual(['Freigeben']);
    expect(html).not.toContain('Wird bearbeitet von');
  });

  it('tells another clerk who holds the case, without buttons', () => {
    const html = render(JONAS, heldByMaria);
    expect(html).toContain('Wird bearbeitet von Maria Müller seit 25.11.2026, 10:42.');
    expect(buttons(html)).toEqual([]);
  });

  it('offers the Teamleitung the takeover', () => {
    const html = render(SABINE, heldByMaria);
    expect(html).toContain('Wird bearbeitet von Maria Müller');
    expect(buttons(html)).toEqual(['Übernahme durch Teamleitung']);
  });

  it('offers nothing on a finished case', () => {
    const html = render(MARIA, { ...heldByMaria, status: 'closed' });
    expect(html).toContain('Bearbeitet von <strong>Maria Müller</strong>');
    expect(buttons(html)).toEqual([]);
  });
});
