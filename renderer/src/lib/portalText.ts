/**
 * Texts for the portal side of online cases and for the portal status, in German for clerks. Pure functions (tested
 * in portalText.test.ts); the screens only lay them out.
 */
import type { OnlineAttachment, OnlineCaseInfo, OnlinePayment, PortalConfigView, PortalKeyInfo } from '../../../shared/domain/portal';
import { formatEuro } from '../../../shared/domain/money';

/** FIT-Connect `paymentMethod` (metadata schema 1.0.0) as a clerk says it. */
const PAYMENT_METHOD_LABELS: Record<string, string> = {
  CREDITCARD: 'Kreditkarte',
  PAYPAL: 'PayPal',
  GIROPAY: 'giropay',
  PAYDIRECT: 'paydirekt',
  INVOICE: 'Rechnung',
  OTHER: 'andere Zahlart',
};

export function paymentMethodLabel(method: string): string {
  return PAYMENT_METHOD_LABELS[method.toUpperCase()] ?? method;
}

/** "per Kreditkarte (Visa)" */
function paidBy(p: OnlinePayment): string {
  if (!p.method) return '';
  return ` per ${paymentMethodLabel(p.method)}${p.methodDetail ? ` (${p.methodDetail})` : ''}`;
}

/**
 * The payment line: "Online bezahlt: 7,50 € per Kreditkarte (Visa)", "Nicht online bezahlt",
 * or why an online payment did not happen.
 */
export function onlinePaymentText(p: OnlinePayment | null): string {
  if (!p) return 'Nicht online bezahlt';
  const amount = p.grossAmountCents !== null ? ` ${formatEuro(p.grossAmountCents)}` : '';
  switch (p.status) {
    case 'BOOKED':
      return `Online bezahlt:${amount}${paidBy(p)}`;
    case 'INITIAL':
      return `Nicht bezahlt: Online-Zahlung${amount} begonnen, aber nicht abgeschlossen`;
    case 'FAILED':
      return `Nicht bezahlt: Online-Zahlung${amount} fehlgeschlagen`;
    case 'CANCELED':
      return `Nicht bezahlt: Online-Zahlung${amount} abgebrochen`;
    default:
      return `Zahlungsstatus ${String(p.status)}`;
  }
}

/** True when the fee was paid through the portal's payment service. */
export function isPaidOnline(online: OnlineCaseInfo | null): boolean {
  return online?.payment?.status === 'BOOKED';
}

const AUTH_LABELS: Record<string, string> = {
  identificationReport: 'Nutzerkonto-Nachweis',
};

/** "Nutzerkonto-Nachweis (identificationReport, Version 1.0.0)" */
export function authenticationText(a: { type: string; version: string }): string {
  const label = AUTH_LABELS[a.type];
  const version = a.version ? `Version ${a.version}` : '';
  if (label) return `${label} (${[a.type, version].filter(Boolean).join(', ')})`;
  return [a.type, version].filter(Boolean).join(', ');
}

/** "E-Mail a@b.de" */
export function replyChannelText(r: OnlineCaseInfo['replyChannel']): string {
  if (!r) return 'Kein Rückkanal angegeben';
  switch (r.kind) {
    case 'eMail':
      return `E-Mail ${r.address}`;
    case 'deMail':
      return `De-Mail ${r.address}`;
    case 'fink':
      return `Postfach im Nutzerkonto (FINK) ${r.address}`;
    case 'elster':
      return `ELSTER-Konto ${r.address}`;
    default:
      return String(r.address);
  }
}

export const ATTACHMENT_PURPOSE_LABELS: Record<OnlineAttachment['purpose'], string> = {
  form: 'Antragsformular',
  attachment: 'Anlage',
  report: 'Bericht',
};

export type AttachmentView = 'pdf' | 'image' | null;

/** How the app shows an attachment: PDFs in the PDF viewer, JPEG and PNG as image, anything else not at all. */
export function attachmentView(mimeType: string): AttachmentView {
  const m = mimeType.toLowerCase().split(';')[0]!.trim();
  if (m === 'application/pdf') return 'pdf';
  if (m === 'image/jpeg' || m === 'image/jpg' || m === 'image/png') return 'image';
  return null;
}

/** The name to show for an attachment (some portals send none). */
export function attachmentName(a: Pick<OnlineAttachment, 'filename' | 'purpose' | 'description'>): string {
  return a.filename || a.description || ATTACHMENT_PURPOSE_LABELS[a.purpose] || 'Anlage';
}

export const KEY_USE_LABELS: Record<PortalKeyInfo['use'], string> = {
  enc: 'Verschlüsselung',
  sig: 'Signatur',
};

/** Where the portal configuration comes from, and what that means for the form. */
export function configSourceText(source: PortalConfigView['source']): { kind: 'info' | 'warning'; text: string } {
  switch (source) {
    case 'environment':
      return {
        kind: 'warning',
        text: 'Konfiguration aus Umgebungsvariablen – Änderungen hier wirken erst ohne diese Variablen.',
      };
    case 'file':
      return {
        kind: 'warning',
        text: 'Konfiguration aus einer Konfigurationsdatei – Änderungen hier wirken erst, wenn die Datei sie nicht mehr festlegt.',
      };
    case 'simulator':
      return {
        kind: 'info',
        text: 'Kein Portal eingerichtet: Bürgerbüro Desk ruft Anträge vom eingebauten Demo-Portal (Simulator) ab.',
      };
    case 'settings':
      return { kind: 'info', text: 'Konfiguration aus den hier gespeicherten Einstellungen.' };
    case 'none':
    default:
      return { kind: 'info', text: 'Das Portal ist noch nicht eingerichtet.' };
  }
}

/** "3 Anträge warten auf Übernahme" */
export function waitingText(n: number): string {
  return n === 1 ? '1 Antrag wartet auf Übernahme' : `${n} Anträge warten auf Übernahme`;
}

/** "2 Einreichungen abgelehnt" */
export function rejectedText(n: number): string {
  return n === 1 ? '1 Einreichung abgelehnt' : `${n} Einreichungen abgelehnt`;
}
