import { useState } from 'react';
import type { OnlineAttachment, OnlineCaseInfo } from '../../../../shared/domain/portal';
import type { CaseDetail } from '../../../../shared/domain/types';
import { useApiQuery } from '../../api/hooks';
import { Dl } from '../../components/Dl';
import { Modal } from '../../components/Modal';
import { PdfModal } from '../../components/PdfViewer';
import { formatDateTime, formatFileSize, formatIsoDate } from '../../lib/format';
import {
  ATTACHMENT_PURPOSE_LABELS,
  attachmentName,
  attachmentView,
  authenticationText,
  isPaidOnline,
  onlinePaymentText,
  replyChannelText,
} from '../../lib/portalText';

/** A date that may come with a time ("2026-03-12" or an ISO timestamp). */
function formatDateOrTimestamp(value: string | null): string {
  if (!value) return '–';
  return value.length > 10 ? formatDateTime(value) : formatIsoDate(value);
}

function PaymentValue({ online }: { online: OnlineCaseInfo }) {
  const p = online.payment;
  const paid = isPaidOnline(online);
  const details = p
    ? [
        p.transactionId ? `Transaktion ${p.transactionId}` : '',
        p.transactionReference ? `Verwendungszweck ${p.transactionReference}` : '',
        p.at ? `am ${formatDateTime(p.at)}` : '',
      ].filter(Boolean)
    : [];
  return (
    <div data-testid="online-payment">
      <span className={paid ? 'online-paid' : p ? 'online-unpaid' : undefined}>{onlinePaymentText(p)}</span>
      {details.length > 0 ? <div className="muted small">{details.join(' · ')}</div> : null}
    </div>
  );
}

function ApplicantRows({ online }: { online: OnlineCaseInfo }) {
  const a = online.applicant;
  if (!a) return <p className="muted">Der Online-Antrag enthält keine Angaben zur Person.</p>;
  const street = `${a.anschrift.strasse} ${a.anschrift.hausnummer}`.trim();
  return (
    <Dl
      rows={[
        { label: 'Familienname', value: a.familienname },
        { label: 'Vornamen', value: a.vornamen },
        { label: 'Geburtsdatum', value: formatIsoDate(a.geburtsdatum) },
        { label: 'Anschrift', value: `${street}, ${a.anschrift.postleitzahl} ${a.anschrift.ort}` },
        ...(a.email ? [{ label: 'E-Mail', value: a.email }] : []),
        ...(a.telefon ? [{ label: 'Telefon', value: a.telefon }] : []),
      ]}
    />
  );
}

function AttachmentViewer({ caseId, attachment, onClose }: { caseId: number; attachment: OnlineAttachment; onClose(): void }) {
  const q = useApiQuery(
    'cases.attachment',
    { caseId, attachmentId: attachment.attachmentId },
    { staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false },
  );
  const name = q.data?.filename || attachmentName(attachment);
  const mimeType = q.data?.mimeType ?? attachment.mimeType;
  const view = attachmentView(mimeType);

  if (view === 'pdf') {
    return (
      <PdfModal
        title={name}
        pdfBase64={q.data?.base64 ?? null}
        loading={q.isPending}
        loadingText="Anlage wird geladen …"
        error={q.error}
        onClose={onClose}
      />
    );
  }
  const imageMime = mimeType.toLowerCase() === 'image/png' ? 'image/png' : 'image/jpeg';
  return (
    <Modal
      title={name}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Schließen
        </button>
      }
    >
      {q.isPending ? <p className="muted">Anlage wird geladen …</p> : null}
      {q.error ? (
        <div className="alert alert-error" role="alert">
          {q.error.message}
        </div>
      ) : null}
      {q.data && view === 'image' ? (
        <div className="attachment-image-wrap">
          <img className="attachment-image" src={`data:${imageMime};base64,${q.data.base64}`} alt={name} />
        </div>
      ) : null}
      {q.data && view === null ? (
        <p className="muted">Diese Dateiart ({mimeType}) kann Bürgerbüro Desk nicht anzeigen.</p>
      ) : null}
    </Modal>
  );
}

function AttachmentsTable({ detail, online }: { detail: CaseDetail; online: OnlineCaseInfo }) {
  const [open, setOpen] = useState<OnlineAttachment | null>(null);
  if (online.attachments.length === 0) return <p className="muted">Keine Anlagen.</p>;
  return (
    <>
      <table className="table table-compact" aria-label="Anlagen">
        <thead>
          <tr>
            <th scope="col">Datei</th>
            <th scope="col">Art</th>
            <th scope="col" className="num">
              Größe
            </th>
            <th scope="col">
              <span className="sr-only">Aktion</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {online.attachments.map((a) => {
            const name = attachmentName(a);
            const viewable = attachmentView(a.mimeType) !== null;
            return (
              <tr key={a.attachmentId}>
                <td className="wrap">
                  <span className="attachment-name">{name}</span>
                  {a.description && a.description !== name ? <div className="muted small">{a.description}</div> : null}
                </td>
                <td className="nowrap">{ATTACHMENT_PURPOSE_LABELS[a.purpose] ?? a.purpose}</td>
                <td className="num nowrap">{formatFileSize(a.size)}</td>
                <td className="cell-action">
                  {viewable ? (
                    <button type="button" className="btn btn-small" onClick={() => setOpen(a)} aria-label={`${name} öffnen`} aria-haspopup="dialog">
                      Öffnen
                    </button>
                  ) : (
                    <span className="muted small">Dateiart {a.mimeType} – Anzeige nicht möglich</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open ? <AttachmentViewer caseId={detail.id} attachment={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The portal side of an online case: what arrived through FIT-Connect, beside the case data. */
export function OnlinePanel({ detail }: { detail: CaseDetail }) {
  const online = detail.online;
  if (!online) return null;
  return (
    <section className="panel online-panel" aria-labelledby="online-title">
      <div className="panel-head">
        <h2 id="online-title">Online-Antrag</h2>
        <span className="badge channel-online">Online</span>
      </div>
      <div className="online-grid">
        <div>
          <h3>Eingang</h3>
          <Dl
            rows={[
              { label: 'Eingegangen am', value: formatDateTime(online.receivedAt) },
              { label: 'Antragsdatum', value: formatDateOrTimestamp(online.applicationDate) },
              ...(online.senderReference ? [{ label: 'Referenz des Onlinedienstes', value: online.senderReference }] : []),
              { label: 'Zahlung', value: <PaymentValue online={online} /> },
              {
                label: 'Identifiziert über',
                value:
                  online.authentication.length === 0 ? (
                    <span className="muted">kein Identifikationsnachweis</span>
                  ) : (
                    online.authentication.map((a, i) => <div key={i}>{authenticationText(a)}</div>)
                  ),
              },
              { label: 'Antwort an', value: replyChannelText(online.replyChannel) },
              {
                label: 'Einreichungs-ID',
                value: (
                  <span className="mono small break-anywhere" title={`Vorgang im Portal: ${online.portalCaseId}`}>
                    {online.submissionId}
                  </span>
                ),
              },
            ]}
          />
        </div>
        <div>
          <h3>Antragsteller laut Online-Antrag</h3>
          <ApplicantRows online={online} />
        </div>
      </div>
      <h3>Anlagen</h3>
      <AttachmentsTable detail={detail} online={online} />
    </section>
  );
}
