/**
 * Smoke tests of the portal views: rendered to static markup from a seeded query cache (no core, no DOM), they must
 * not crash on the data shapes of the contract and must show the texts clerks and the e2e tests look for.
 */
import { describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { OnlineCaseInfo, PortalConfigView, PortalStatus, RejectedSubmission } from '../../../../shared/domain/portal';
import type { CaseDetail } from '../../../../shared/domain/types';
import { queryKey } from '../../api/hooks';
import { SyncIndicator } from '../../components/SyncIndicator';
import { PortalPanel } from '../admin/PortalPanel';
import { RejectedPanel } from '../admin/RejectedPanel';
import { DataList } from './DataList';
import { OnlinePanel } from './OnlinePanel';

function render(ui: ReactElement, seed: (qc: QueryClient) => void = () => {}): string {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  seed(qc);
  return renderToStaticMarkup(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>);
}

const online: OnlineCaseInfo = {
  submissionId: '5f1c8a8e-3c1e-4b7a-9d55-0c6f9e1d2a10',
  portalCaseId: '7a0e2c44-1d2b-4f3a-8a4e-2b8d7f6c5e31',
  destinationId: 'b1f6e3a2-9c4d-4e5f-8a7b-6c5d4e3f2a1b',
  serviceIdentifier: 'urn:de:fim:leika:leistung:99115003012000',
  receivedAt: '2026-03-12T09:42:00Z',
  applicationDate: '2026-03-12',
  senderReference: 'OZG-4711',
  applicant: {
    familienname: 'Mustermann',
    vornamen: 'Erika',
    geburtsdatum: '1985-03-14',
    anschrift: { strasse: 'Burgstraße', hausnummer: '21a', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    email: 'erika@example.org',
  },
  payment: {
    status: 'BOOKED',
    method: 'CREDITCARD',
    methodDetail: 'Visa',
    transactionId: 'tx-123',
    transactionReference: 'KZ-4711',
    grossAmountCents: 750,
    at: '2026-03-12T09:41:00Z',
  },
  authentication: [{ type: 'identificationReport', version: '1.0.0' }],
  replyChannel: { kind: 'eMail', address: 'erika@example.org' },
  attachments: [
    { attachmentId: 'a1', filename: 'antrag.pdf', mimeType: 'application/pdf', purpose: 'form', description: null, size: 48_000 },
    { attachmentId: 'a2', filename: 'ausweis.jpg', mimeType: 'image/jpeg', purpose: 'attachment', description: 'Ausweis', size: 300_000 },
    { attachmentId: 'a3', filename: 'daten.xml', mimeType: 'application/xml', purpose: 'report', description: null, size: 900 },
  ],
};

const detail = { id: 7, online } as unknown as CaseDetail;

describe('OnlinePanel', () => {
  it('shows the portal side of an online case', () => {
    const html = render(<OnlinePanel detail={detail} />);
    expect(html).toContain('Online-Antrag');
    expect(html).toContain('Online bezahlt: 7,50 € per Kreditkarte (Visa)');
    expect(html).toContain('Transaktion tx-123');
    expect(html).toContain('Nutzerkonto-Nachweis (identificationReport, Version 1.0.0)');
    expect(html).toContain('E-Mail erika@example.org');
    expect(html).toContain('Burgstraße 21a, 49808 Lingen (Ems)');
    expect(html).toContain('aria-label="antrag.pdf öffnen"');
    expect(html).toContain('aria-label="ausweis.jpg öffnen"');
    expect(html).not.toContain('aria-label="daten.xml öffnen"');
    expect(html).toContain('Antragsformular');
    expect(html).toContain('47 KB');
  });
  it('renders nothing for other cases and copes with sparse data', () => {
    expect(render(<OnlinePanel detail={{ ...detail, online: null }} />)).toBe('');
    const sparse = { ...online, applicant: null, payment: null, replyChannel: null, authentication: [], attachments: [], applicationDate: null, senderReference: null };
    const html = render(<OnlinePanel detail={{ ...detail, online: sparse }} />);
    expect(html).toContain('Nicht online bezahlt');
    expect(html).toContain('Keine Anlagen.');
  });
});

describe('DataList', () => {
  it('shows nested case data of services without a view', () => {
    const html = render(
      <DataList
        data={{ dog: { name: 'Bello', birthDate: '2020-05-01', dangerous: false }, persons: [{ familyName: 'A' }, { familyName: 'B' }] }}
        leading={[{ label: 'Leistung', value: 'Hundesteuer' }]}
      />,
    );
    expect(html).toContain('Hund');
    expect(html).toContain('01.05.2020');
    expect(html).toContain('nein');
    expect(html).toContain('Hundesteuer');
  });
});

const status: PortalStatus = {
  configured: true,
  simulator: true,
  syncing: false,
  lastAttemptAt: '2026-03-12T09:42:00Z',
  lastSuccessAt: '2026-03-12T09:42:00Z',
  waiting: 2,
  rejected: 1,
  errorMessage: 'Das Portal ist nicht erreichbar.',
  nextAttemptAt: '2026-03-12T09:50:00Z',
  failures: 1,
  pollMinutes: 5,
};

describe('SyncIndicator', () => {
  it('shows the sync state with its button', () => {
    const html = render(<SyncIndicator isAdmin enabled />, (qc) => qc.setQueryData(queryKey('portal.status', {}), status));
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-label="Portal-Abruf"');
    expect(html).toContain('Demo-Portal (Simulator)');
    expect(html).toContain('2 Anträge warten auf Übernahme');
    expect(html).toContain('Das Portal ist nicht erreichbar.');
    expect(html).toContain('Nächster Versuch');
    expect(html).toContain('Jetzt abrufen');
    expect(html).toContain('1 Einreichung abgelehnt');
  });
  it('says when the portal is not set up', () => {
    const html = render(<SyncIndicator isAdmin={false} enabled />, (qc) =>
      qc.setQueryData(queryKey('portal.status', {}), { ...status, configured: false, simulator: false }),
    );
    expect(html).toContain('Portal nicht eingerichtet');
    expect(html).not.toContain('Portal einrichten');
    expect(html).not.toContain('Jetzt abrufen');
  });
});

describe('admin portal panels', () => {
  it('shows the configuration, its source and the keys', () => {
    const config: PortalConfigView = {
      tokenUrl: 'https://auth.example/token',
      apiUrl: 'https://api.example',
      clientId: 'client',
      hasClientSecret: true,
      destinationId: 'b1f6e3a2-9c4d-4e5f-8a7b-6c5d4e3f2a1b',
      pollMinutes: 5,
      source: 'environment',
      keys: [{ kid: 'k-enc', use: 'enc', alg: 'RSA-OAEP-256', createdAt: '2026-03-12T09:42:00Z' }],
    };
    const html = render(<PortalPanel />, (qc) => qc.setQueryData(queryKey('portal.getConfig', {}), config));
    expect(html).toContain('Konfiguration aus Umgebungsvariablen – Änderungen hier wirken erst ohne diese Variablen.');
    expect(html).toContain('placeholder="gespeichert – leer lassen, um es zu behalten"');
    expect(html).toContain('Verschlüsselung');
    expect(html).toContain('Schlüssel erzeugen');
    expect(html).toContain('Öffentliche Schlüssel exportieren');
    expect(html).toContain('Verbindung testen');
  });
  it('lists rejected submissions newest first', () => {
    const rejected: RejectedSubmission[] = [
      { submissionId: 'old', portalCaseId: 'c1', serviceIdentifier: null, receivedAt: '2026-03-10T08:00:00Z', rejectedAt: '2026-03-10T08:01:00Z', state: 'rejected', problems: [{ type: 'x', title: 'Fehler A', detail: 'Detail A' }] },
      { submissionId: 'new', portalCaseId: 'c2', serviceIdentifier: 'urn:x:y', receivedAt: '2026-03-12T08:00:00Z', rejectedAt: null, state: 'rejecting', problems: [] },
    ];
    const html = render(<RejectedPanel />, (qc) => qc.setQueryData(queryKey('portal.rejected', { limit: 100 }), rejected));
    expect(html.indexOf('>new<')).toBeGreaterThan(0);
    expect(html.indexOf('>new<')).toBeLessThan(html.indexOf('>old<'));
    expect(html).toContain('Wird abgelehnt');
    expect(html).toContain('Fehler A');
  });
});
