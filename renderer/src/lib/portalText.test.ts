import { describe, expect, it } from 'vitest';
import type { OnlinePayment } from '../../../shared/domain/portal';
import {
  attachmentName,
  attachmentView,
  authenticationText,
  configSourceText,
  onlinePaymentText,
  replyChannelText,
  waitingText,
} from './portalText';
import { humaniseData, humaniseKey, humaniseValue } from './humanise';
import { formatDayTime, formatFileSize } from './format';

const booked: OnlinePayment = {
  status: 'BOOKED',
  method: 'CREDITCARD',
  methodDetail: 'Visa',
  transactionId: 'abc-123',
  transactionReference: 'KZ-4711',
  grossAmountCents: 750,
  at: '2026-03-12T09:42:00Z',
};

describe('online case texts', () => {
  it('describes the payment for clerks', () => {
    expect(onlinePaymentText(booked)).toBe('Online bezahlt: 7,50 € per Kreditkarte (Visa)');
    expect(onlinePaymentText(null)).toBe('Nicht online bezahlt');
    expect(onlinePaymentText({ ...booked, status: 'CANCELED' })).toBe('Nicht bezahlt: Online-Zahlung 7,50 € abgebrochen');
    expect(onlinePaymentText({ ...booked, status: 'FAILED', grossAmountCents: null })).toBe('Nicht bezahlt: Online-Zahlung fehlgeschlagen');
    expect(onlinePaymentText({ ...booked, method: 'SOMETHING', methodDetail: null })).toBe('Online bezahlt: 7,50 € per SOMETHING');
  });
  it('names identification and reply channel', () => {
    expect(authenticationText({ type: 'identificationReport', version: '1.0.0' })).toBe(
      'Nutzerkonto-Nachweis (identificationReport, Version 1.0.0)',
    );
    expect(replyChannelText({ kind: 'eMail', address: 'a@b.de' })).toBe('E-Mail a@b.de');
    expect(replyChannelText(null)).toBe('Kein Rückkanal angegeben');
  });
  it('shows PDFs and JPEG/PNG images only', () => {
    expect(attachmentView('application/pdf')).toBe('pdf');
    expect(attachmentView('image/JPEG')).toBe('image');
    expect(attachmentView('image/png')).toBe('image');
    expect(attachmentView('image/svg+xml')).toBeNull();
    expect(attachmentView('application/xml')).toBeNull();
    expect(attachmentName({ filename: null, description: null, purpose: 'form' })).toBe('Antragsformular');
  });
  it('explains the configuration source', () => {
    expect(configSourceText('environment').text).toBe(
      'Konfiguration aus Umgebungsvariablen – Änderungen hier wirken erst ohne diese Variablen.',
    );
    expect(waitingText(1)).toBe('1 Antrag wartet auf Übernahme');
    expect(waitingText(3)).toBe('3 Anträge warten auf Übernahme');
  });
});

describe('formatDayTime', () => {
  const now = Date.parse('2026-03-12T15:00:00Z');
  it('says heute and gestern in Berlin time', () => {
    expect(formatDayTime('2026-03-12T09:42:00Z', now)).toBe('heute 10:42');
    expect(formatDayTime('2026-03-11T23:30:00Z', now)).toBe('heute 00:30');
    expect(formatDayTime('2026-03-11T15:03:00Z', now)).toBe('gestern 16:03');
    expect(formatDayTime('2026-03-01T15:03:00Z', now)).toBe('01.03.2026, 16:03');
    expect(formatDayTime('2026-03-01T15:03:00Z', Date.parse('2026-03-02T10:00:00Z'))).toBe('gestern 16:03');
    expect(formatDayTime(null)).toBe('–');
  });
  it('writes file sizes', () => {
    expect(formatFileSize(800)).toBe('800 Byte');
    expect(formatFileSize(24 * 1024)).toBe('24 KB');
    expect(formatFileSize(2.3 * 1024 * 1024)).toBe('2,3 MB');
  });
});

describe('humanise', () => {
  it('labels keys', () => {
    expect(humaniseKey('familienname')).toBe('Familienname');
    expect(humaniseKey('previousHoldingFrom')).toBe('Previous holding from');
    expect(humaniseKey('tag_returned_on')).toBe('Tag returned on');
  });
  it('formats values and nests objects', () => {
    expect(humaniseValue(true)).toEqual({ kind: 'text', text: 'ja' });
    expect(humaniseValue('1985-03-14')).toEqual({ kind: 'text', text: '14.03.1985' });
    expect(humaniseValue(1250, 'otherCents')).toEqual({ kind: 'text', text: '12,50 €' });
    expect(humaniseValue(['a', 'b'])).toEqual({ kind: 'text', text: 'a, b' });
    expect(humaniseValue([])).toEqual({ kind: 'text', text: '–' });
    const rows = humaniseData({ dog: { name: 'Bello', birthDate: '2020-05-01' }, missing: undefined, note: null });
    expect(rows.map((r) => r.label)).toEqual(['Hund', 'Note']);
    expect(rows[0]!.value).toEqual({
      kind: 'rows',
      rows: [
        { key: 'name', label: 'Name', value: { kind: 'text', text: 'Bello' } },
        { key: 'birthDate', label: 'Geburtsdatum', value: { kind: 'text', text: '01.05.2020' } },
      ],
    });
    expect(humaniseValue([{ a: 1 }, { a: 2 }]).kind).toBe('list');
  });
});
