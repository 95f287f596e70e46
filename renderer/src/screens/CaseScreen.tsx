import { useId, useState, type FormEvent } from 'react';
import type { CaseDetail, DocumentInfo, PrintJob, Resident } from '../../../shared/domain/types';
import { allowedTransitions, isTerminal, REASON_REQUIRED, STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';
import { DELIVERY_LABELS, PAYMENT_LABELS, PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain/channels';
import { formatEuro } from '../../../shared/domain/money';
import { findService } from '../../../shared/services';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { ErrorMessage, Notice, TextAreaField, TextField } from '../components/forms';
import { Modal } from '../components/Modal';
import { PdfModal } from '../components/PdfViewer';
import { ChannelBadge, SperreBadge, StatusBadge } from '../components/StatusBadge';
import { Dl } from '../components/Dl';
import { formatDateTime, formatIsoDate } from '../lib/format';
import { useNow } from '../lib/useNow';
import { legalDeadlineDay } from '../../../shared/domain/deadlines';
import { queueDueState } from '../../../shared/domain/queue';
import { hrefFor } from '../lib/router';
import { isPaidOnline, onlinePaymentText } from '../lib/portalText';
import { describeServiceData, SERVICE_UI, supportsDocuments } from '../services';
import { DataList } from './case/DataList';
import { OnlinePanel } from './case/OnlinePanel';
import { HolderPanel, useHeldByOther } from './case/HolderPanel';
import { StepsPanel } from './case/StepsPanel';
import { useSession } from '../api/session';
import { TasksPanel } from './case/TasksPanel';
import { useSetCaseDetail } from './case/useSetCaseDetail';

type ManualTarget = 'in_progress' | 'waiting' | 'rejected' | 'cancelled';
const MANUAL_TARGETS: readonly ManualTarget[] = ['in_progress', 'waiting', 'rejected', 'cancelled'];

function transitionLabel(from: CaseStatus, to: ManualTarget): string {
  switch (to) {
    case 'in_progress':
      return from === 'new' ? 'In Bearbeitung nehmen' : from === 'waiting' ? 'Bearbeitung fortsetzen' : 'Zurück in Bearbeitung';
    case 'waiting':
      return 'Wartet auf Antragsteller';
    case 'rejected':
      return 'Ablehnen';
    case 'cancelled':
      return 'Stornieren';
  }
}

const DOC_TYPE_LABELS: Record<string, string> = {
  meldebescheinigung: 'Meldebescheinigung',
  personenstandsurkunde: 'Personenstandsurkunde',
  hundesteuerBescheid: 'Hundesteuerbescheid',
  gewerbeEmpfangsbescheinigung: 'Empfangsbescheinigung (Gewerbeanzeige)',
  wahlschein: 'Wahlschein',
  wahlscheinNotice: 'Mitteilung an die Wohnanschrift',
  certificate: 'Bescheinigung',
  letter: 'Anschreiben',
  cover_letter: 'Anschreiben',
  anschreiben: 'Anschreiben',
  envelope: 'Umschlag',
  receipt: 'Quittung',
};

const PRINT_STATE_LABELS: Record<PrintJob['state'], string> = {
  pending: 'Wartet',
  submitted: 'An Drucker übergeben',
  completed: 'Gedruckt',
  failed: 'Fehlgeschlagen',
};

const ACTION_LABELS: Record<string, string> = {
  created: 'Vorgang angelegt',
  create: 'Vorgang angelegt',
  transition: 'Statuswechsel',
  status: 'Statuswechsel',
  payment: 'Zahlung erfasst',
  paid: 'Zahlung erfasst',
  recordpayment: 'Zahlung erfasst',
  issue: 'Dokument ausgestellt',
  issued: 'Dokument ausgestellt',
  print: 'Druckauftrag',
  print_failed: 'Druck fehlgeschlagen',
  printfailed: 'Druck fehlgeschlagen',
  handover: 'Ausgehändigt',
  handed_over: 'Ausgehändigt',
  closed: 'Abgeschlossen',
  close: 'Abgeschlossen',
  assigned: 'Zugewiesen',
  assign: 'Zugewiesen',
  document: 'Dokument erzeugt',
  received: 'Eingang über das Portal',
};

/** History actions are German text from the core; code-like ones ("case.created") are translated. */
function actionLabel(action: string): string {
  if (!/^[a-z_.]+$/.test(action)) return action;
  const key = action.split('.').pop()!.toLowerCase();
  return ACTION_LABELS[key] ?? ACTION_LABELS[action.toLowerCase().replace(/\./g, '')] ?? action;
}

/** Puts a case a mutation answered straight into the cache, so the screen shows it before the refetch. */
function GivenNames({ resident }: { resident: Resident }) {
  if (!resident.callName) return <>{resident.givenNames}</>;
  const parts = resident.givenNames.split(' ');
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 ? ' ' : ''}
          {p === resident.callName ? <u title="gebräuchlicher Vorname">{p}</u> : p}
        </span>
      ))}
    </>
  );
}

function ApplicantPanel({ detail }: { detail: CaseDetail }) {
  const r = detail.resident;
  return (
    <section className="panel" aria-labelledby="applicant-title">
      <div className="panel-head">
        <h2 id="applicant-title">Antragsteller</h2>
        {r?.auskunftssperre ? <SperreBadge /> : null}
      </div>
      {!r ? (
        <p>{detail.applicantName}</p>
      ) : (
        <>
          <Dl
            rows={[
              { label: 'Familienname', value: r.familyName },
              { label: 'Vornamen', value: <GivenNames resident={r} /> },
              ...(r.doctoralDegree ? [{ label: 'Doktorgrad', value: r.doctoralDegree }] : []),
              { label: 'Geburtsdatum', value: formatIsoDate(r.birthDate) },
              ...(r.birthPlace ? [{ label: 'Geburtsort', value: r.birthPlace }] : []),
              ...r.addresses
                .filter((a) => !a.movedOut)
                .map((a, i) => ({
                  label: a.kind === 'haupt' ? 'Hauptwohnung' : `Nebenwohnung${i > 1 ? ` ${i}` : ''}`,
                  value: `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`,
                })),
            ]}
          />
          {r.dateOfDeath ? <Notice kind="warning">Im Melderegister ist ein Sterbedatum eingetragen: {formatIsoDate(r.dateOfDeath)}.</Notice> : null}
          {r.auskunftssperre ? (
            <Notice kind="warning">Auskunftssperre: Bescheinigung nur an die Person selbst; Zustellanschrift prüfen.</Notice>
          ) : null}
        </>
      )}
    </section>
  );
}

function PaymentPanel({ detail }: { detail: CaseDetail }) {
  const freeReason = SERVICE_UI[detail.serviceId]?.freeReason?.(detail.data) ?? null;
  const [method, setMethod] = useState<PaymentMethod>(freeReason || detail.feeCents === 0 ? 'free' : 'cash');
  const [reason, setReason] = useState(freeReason ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const pay = useApiMutation('cases.recordPayment', { onSuccess: useSetCaseDetail() });
  // Someone else holds the case: the core would refuse (and say who); the buttons are off.
  const locked = useHeldByOther(detail);
  const name = useId();
  const payment = detail.payments[detail.payments.length - 1];
  const open = detail.status === 'in_progress';
  const postalFeeRequest =
    detail.deliveryMethod === 'post' && detail.feeCents > 0 && ['ready', 'issued', 'dispatched', 'closed'].includes(detail.status);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (method === 'free' && reason.trim().length < 3) {
      setLocalError('Für Gebührenfreiheit bitte den Grund angeben.');
      return;
    }
    setLocalError(null);
    pay.mutate({ caseId: detail.id, method, ...(method === 'free' ? { freeReason: reason.trim() } : {}) });
  }

  return (
    <section className="panel" aria-labelledby="fee-title">
      <h2 id="fee-title">Gebühr und Zahlung</h2>
      <div className="fee-line">
        <span>Gebühr</span>
        <strong className="fee-amount">{formatEuro(detail.feeCents)}</strong>
      </div>
      <p className="field-hint">Gebühr laut Gebührensatzung, einstellbar unter Verwaltung → Gebühren.</p>
      {isPaidOnline(detail.online) && detail.payments.length === 0 ? (
        <Notice kind="warning">
          {onlinePaymentText(detail.online!.payment)} – bitte nicht noch einmal kassieren (siehe „Online-Antrag“).
        </Notice>
      ) : null}
      {detail.payments.length > 0 ? (
        <div className="paid-box" data-testid="payment-info">
          {detail.payments.map((p) => (
            <div key={p.id}>
              <div>
                <strong>
                  {p.method === 'free'
                    ? 'Gebührenfrei'
                    : // Payments of online cases are recorded by the core with method "online" (no clerk).
                      (p.method as string) === 'online'
                      ? `Online bezahlt: ${formatEuro(p.amountCents)}`
                      : `Bezahlt: ${formatEuro(p.amountCents)} (${PAYMENT_LABELS[p.method] ?? p.method})`}
                </strong>{' '}
                <span className="muted">
                  am {formatDateTime(p.at)}
                  {p.userName ? ` · ${p.userName}` : ''}
                </span>
              </div>
              {p.freeReason ? <div className="muted">Grund: {p.freeReason}</div> : null}
              <div className="receipt">Quittungsnummer {p.receiptNumber}</div>
            </div>
          ))}
        </div>
      ) : open ? (
        <form onSubmit={submit} noValidate className="payment-form">
          <fieldset className="field">
            <legend>Zahlungsart</legend>
            <div className="radio-row">
              {PAYMENT_METHODS.map((m) => (
                <label key={m} className="check">
                  <input
                    type="radio"
                    name={name}
                    value={m}
                    checked={method === m}
                    onChange={() => setMethod(m)}
                    disabled={m !== 'free' && detail.feeCents === 0}
                  />
                  {PAYMENT_LABELS[m]}
                </label>
              ))}
            </div>
          </fieldset>
          {method === 'free' ? (
            <TextField
              label="Grund der Gebührenfreiheit"
              value={reason}
              onChange={setReason}
              error={localError ?? pay.error?.fieldMessage('freeReason')}
              required
            />
          ) : null}
          <ErrorMessage error={pay.error} />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={pay.isPending || locked}>
              {pay.isPending
                ? 'Wird gebucht …'
                : method === 'free'
                  ? 'Gebührenfreiheit erfassen'
                  : `${formatEuro(detail.feeCents)} ${method === 'cash' ? 'bar' : 'per EC-Karte'} kassieren`}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">
          Keine Zahlung erfasst.
          {postalFeeRequest
            ? detail.status === 'dispatched' || detail.status === 'closed'
              ? ' Die Gebühr wurde mit dem Anschreiben angefordert.'
              : ' Die Gebühr wird mit dem Anschreiben angefordert.'
            : !isTerminal(detail.status)
              ? ' Die Gebühr kann erfasst werden, solange der Vorgang in Bearbeitung ist.'
              : ''}
        </p>
      )}
      {payment && detail.paidCents < detail.feeCents && payment.method !== 'free' ? (
        <Notice kind="warning">Offener Betrag: {formatEuro(detail.feeCents - detail.paidCents)}</Notice>
      ) : null}
      {open && detail.deliveryMethod === 'post' && detail.payments.length === 0 && supportsDocuments(detail.serviceId) ? (
        <ReleaseForPost detail={detail} />
      ) : null}
      {open && detail.payments.length > 0 && detail.paidCents >= detail.feeCents && supportsDocuments(detail.serviceId) ? (
        <ReleasePaid detail={detail} />
      ) : null}
    </section>
  );
}

/** A postal case may go out with the fee still open: the cover letter asks for payment (bank account from the settings). */
function ReleaseForPost({ detail }: { detail: CaseDetail }) {
  const release = useApiMutation('cases.markReadyForPost', { onSuccess: useSetCaseDetail() });
  const locked = useHeldByOther(detail);
  return (
    <div className="post-release">
      <p className="field-hint">
        Versand per Post: Wer nicht am Schalter zahlt, erhält die Gebühr von {formatEuro(detail.feeCents)} mit dem Anschreiben
        angefordert (Bankverbindung aus Verwaltung → Postversand).
      </p>
      <ErrorMessage error={release.error} />
      <button type="button" className="btn" onClick={() => release.mutate({ caseId: detail.id })} disabled={release.isPending || locked}>
        {release.isPending ? 'Wird freigegeben …' : 'Ohne Zahlung zum Postversand freigeben (Gebühr wird angefordert)'}
      </button>
    </div>
  );
}

/** A case paid before it was taken into work (online payment): the clerk checks the application, then releases it. */
function ReleasePaid({ detail }: { detail: CaseDetail }) {
  const release = useApiMutation('cases.markReadyForPost', { onSuccess: useSetCaseDetail() });
  const locked = useHeldByOther(detail);
  return (
    <div className="post-release">
      <ErrorMessage error={release.error} />
      <button type="button" className="btn btn-primary" onClick={() => release.mutate({ caseId: detail.id })} disabled={release.isPending || locked}>
        {release.isPending ? 'Wird freigegeben …' : 'Zur Ausstellung freigeben (Gebühr bezahlt)'}
      </button>
    </div>
  );
}

/** The dispatch of a case as its history records it (the case detail has no dispatch fields of its own). */
function dispatchInfo(detail: CaseDetail): { at: string; postageCents: number | null; product: string | null; runId: number | null } | null {
  const entry = [...detail.history].reverse().find((h) => h.toStatus === 'dispatched');
  if (!entry) return null;
  const d = entry.details ?? {};
  return {
    at: entry.at,
    postageCents: typeof d.postageCents === 'number' ? d.postageCents : null,
    product: typeof d.product === 'string' ? d.product : null,
    runId: typeof d.runId === 'number' ? d.runId : null,
  };
}

function DispatchedInfo({ detail }: { detail: CaseDetail }) {
  const info = dispatchInfo(detail);
  if (!info) return null;
  return (
    <div className="dispatch-info" data-testid="dispatch-info">
      <Dl
        rows={[
          { label: 'Versandt am', value: formatDateTime(info.at) },
          ...(info.product ? [{ label: 'Produkt', value: info.product }] : []),
          ...(info.postageCents !== null ? [{ label: 'Porto', value: formatEuro(info.postageCents) }] : []),
          ...(info.runId !== null
            ? [{ label: 'Druckauftrag', value: <a href={hrefFor(`/postausgang/druckauftraege/${info.runId}`)}>Nr. {info.runId}</a> }]
            : []),
        ]}
      />
    </div>
  );
}

function TransitionDialog({ detail, to, onClose }: { detail: CaseDetail; to: ManualTarget; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const transition = useApiMutation('cases.transition');
  const needsReason = REASON_REQUIRED.includes(to);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needsReason && reason.trim().length < 3) {
      setLocalError('Bitte einen Grund angeben (mindestens 3 Zeichen).');
      return;
    }
    setLocalError(null);
    transition.mutate(
      { caseId: detail.id, to, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: onClose },
    );
  }

  const label = transitionLabel(detail.status, to);
  return (
    <Modal title={`${label} – ${detail.reference}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          Status: {STATUS_LABELS[detail.status]} → <strong>{STATUS_LABELS[to]}</strong>
        </p>
        <TextAreaField
          label={needsReason ? 'Grund' : 'Grund (optional)'}
          value={reason}
          onChange={setReason}
          error={localError ?? transition.error?.fieldMessage('reason')}
          required={needsReason}
          rows={3}
          autoFocus
        />
        <ErrorMessage error={transition.error} />
        <div className="actions">
          <button type="submit" className={'btn ' + (to === 'cancelled' || to === 'rejected' ? 'btn-danger' : 'btn-primary')} disabled={transition.isPending}>
            {transition.isPending ? 'Wird gespeichert …' : label}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={transition.isPending}>
            Abbrechen
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DocumentViewer({ doc, onClose }: { doc: DocumentInfo; onClose(): void }) {
  const q = useApiQuery('documents.get', { documentId: doc.id }, { staleTime: Infinity, gcTime: 0 });
  return (
    <PdfModal
      title={`Dokument ${q.data?.number ?? doc.number}`}
      pdfBase64={q.data?.pdfBase64 ?? null}
      loading={q.isPending}
      error={q.error}
      onClose={onClose}
    />
  );
}

function PreviewViewer({ detail, onClose }: { detail: CaseDetail; onClose(): void }) {
  const q = useApiQuery('cases.previewDocument', { caseId: detail.id }, { staleTime: 0, gcTime: 0, refetchOnWindowFocus: false });
  return (
    <PdfModal
      title={`Vorschau – ${detail.reference}`}
      pdfBase64={q.data?.pdfBase64 ?? null}
      loading={q.isPending}
      error={q.error}
      onClose={onClose}
    />
  );
}

function ActionsPanel({ detail }: { detail: CaseDetail }) {
  const [preview, setPreview] = useState(false);
  const [dialog, setDialog] = useState<ManualTarget | null>(null);
  const setDetail = useSetCaseDetail();
  const issue = useApiMutation('cases.issue', { onSuccess: setDetail });
  const handOver = useApiMutation('cases.handOver', { onSuccess: setDetail });
  const transition = useApiMutation('cases.transition', { onSuccess: setDetail });
  const busy = issue.isPending || handOver.isPending || transition.isPending;
  // Someone else holds the case: changes are off (the core would refuse them and say who holds it).
  const locked = useHeldByOther(detail);

  const terminal = isTerminal(detail.status);
  const settled = detail.payments.length > 0;
  // The core issues only from "ready" (fee recorded); before that the button is shown disabled.
  const canIssue = ['new', 'in_progress', 'ready'].includes(detail.status);
  const targets = allowedTransitions(detail.status).filter((s): s is ManualTarget => (MANUAL_TARGETS as readonly string[]).includes(s));
  const forwardTargets = targets.filter((t) => t === 'in_progress' || t === 'waiting');
  const endTargets = targets.filter((t) => t === 'rejected' || t === 'cancelled');
  const canHandOver = detail.status === 'issued' && detail.deliveryMethod !== 'post';
  const awaitsSignature = detail.steps.signatureRequired && !detail.steps.signedAt;
  const issueLabel = SERVICE_UI[detail.serviceId]?.issueLabel ?? 'Drucken und ausstellen';
  // Services without document support in the core: no preview, print or postal release (the core would refuse).
  const printable = supportsDocuments(detail.serviceId);

  return (
    <section className="panel panel-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{printable ? 'Ausstellung' : 'Bearbeitung'}</h2>
      {issue.isPending ? (
        <div className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Wird gedruckt …
        </div>
      ) : null}
      <ErrorMessage error={issue.error} title="Drucken fehlgeschlagen" />
      <ErrorMessage error={handOver.error} />
      {!terminal && !printable ? (
        <Notice kind="info">
          Für diese Leistung erstellt Bürgerbüro Desk noch kein Dokument – Vorschau, Druck und Ausstellung sind hier nicht
          möglich. Bitte den Antrag wie bisher bearbeiten und den Stand hier über den Status festhalten.
        </Notice>
      ) : !terminal ? (
        <div className="action-buttons">
          <button type="button" className="btn" onClick={() => setPreview(true)} disabled={busy}>
            Vorschau
          </button>
          {canIssue ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => issue.mutate({ caseId: detail.id })}
              disabled={busy || locked || detail.status !== 'ready'}
              title={detail.status === 'ready' ? undefined : 'Erst nach Erfassung der Gebühr möglich'}
            >
              {issueLabel}
            </button>
          ) : null}
          {canHandOver ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => handOver.mutate({ caseId: detail.id })}
              disabled={busy || locked || awaitsSignature}
              title={awaitsSignature ? 'Erst nach Unterschrift und Siegel der Standesbeamtin/des Standesbeamten' : undefined}
            >
              {handOver.isPending ? 'Wird gespeichert …' : 'Ausgehändigt'}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="muted">Der Vorgang ist beendet ({STATUS_LABELS[detail.status]}).</p>
      )}
      {printable && canIssue && detail.status !== 'ready' ? (
        <p className="field-hint">
          {settled
            ? 'Drucken ist möglich, sobald der Vorgang bereit zur Ausstellung ist.'
            : detail.deliveryMethod === 'post'
              ? 'Drucken ist nach Erfassung der Gebühr möglich – oder ohne Zahlung zum Postversand freigeben (unter „Gebühr und Zahlung“).'
              : 'Drucken ist nach Erfassung der Gebühr möglich.'}
        </p>
      ) : null}
      {printable && (detail.status === 'ready' || detail.status === 'issued') && detail.deliveryMethod === 'post' && awaitsSignature ? (
        <Notice kind="info">
          {detail.status === 'ready' ? 'Die Urkunde wird hier gedruckt und' : 'Die Urkunde wird'} von der Standesbeamtin oder dem Standesbeamten
          unterschrieben und gesiegelt; danach geht sie mit dem nächsten Druckauftrag im Postausgang hinaus.
        </Notice>
      ) : printable && (detail.status === 'ready' || detail.status === 'issued') && detail.deliveryMethod === 'post' ? (
        <Notice kind="info">
          Wird mit dem nächsten Druckauftrag im Postausgang versandt.{' '}
          {detail.status === 'issued' ? 'Das gedruckte Dokument wird dem Anschreiben beigelegt. ' : ''}
          <a href={hrefFor('/postausgang')}>Zum Postausgang</a>
        </Notice>
      ) : null}
      {detail.status === 'dispatched' || (detail.deliveryMethod === 'post' && detail.status === 'closed') ? <DispatchedInfo detail={detail} /> : null}

      {forwardTargets.length + endTargets.length > 0 ? (
        <>
          <h3>Status</h3>
          <div className="action-buttons">
            {forwardTargets.map((t) => (
              <button
                key={t}
                type="button"
                className="btn"
                disabled={busy || locked}
                onClick={() => (REASON_REQUIRED.includes(t) ? setDialog(t) : transition.mutate({ caseId: detail.id, to: t }))}
              >
                {transitionLabel(detail.status, t)}
              </button>
            ))}
            {endTargets.map((t) => (
              <button key={t} type="button" className="btn btn-danger-outline" disabled={busy || locked} onClick={() => setDialog(t)}>
                {transitionLabel(detail.status, t)}
              </button>
            ))}
          </div>
          <ErrorMessage error={transition.error} />
        </>
      ) : null}

      {preview ? <PreviewViewer detail={detail} onClose={() => setPreview(false)} /> : null}
      {dialog ? <TransitionDialog detail={detail} to={dialog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function DocumentsPanel({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState<DocumentInfo | null>(null);
  return (
    <section className="panel" aria-labelledby="docs-title">
      <h2 id="docs-title">Dokumente</h2>
      {detail.documents.length === 0 ? (
        <p className="muted">Noch keine Dokumente ausgestellt.</p>
      ) : (
        <table className="table table-compact" aria-label="Dokumente">
          <thead>
            <tr>
              <th scope="col">Nummer</th>
              <th scope="col">Art</th>
              <th scope="col">Erstellt</th>
              <th scope="col"><span className="sr-only">Aktion</span></th>
            </tr>
          </thead>
          <tbody>
            {detail.documents.map((d) => (
              <tr key={d.id}>
                <td className="mono nowrap">{d.number}</td>
                <td>
                  {DOC_TYPE_LABELS[d.docType] ?? d.docType}{' '}
                  <span className="muted nowrap">({d.pages === 1 ? '1 Seite' : `${d.pages} Seiten`})</span>
                </td>
                <td title={d.userName}>{formatDateTime(d.createdAt)}</td>
                <td className="cell-action">
                  <button type="button" className="btn btn-small" onClick={() => setOpen(d)} aria-label={`Dokument ${d.number} öffnen`}>
                    Öffnen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.printJobs.length > 0 ? (
        <>
          <h3>Druckaufträge</h3>
          <table className="table table-compact" aria-label="Druckaufträge">
            <thead>
              <tr>
                <th scope="col">Zeit</th>
                <th scope="col">Drucker</th>
                <th scope="col">Status</th>
                <th scope="col">Fehler</th>
              </tr>
            </thead>
            <tbody>
              {detail.printJobs.map((j) => (
                <tr key={j.id} className={j.state === 'failed' ? 'row-error' : undefined}>
                  <td className="nowrap">{formatDateTime(j.updatedAt || j.createdAt)}</td>
                  <td>{j.adapter === 'folder' ? 'Ablageordner' : j.printerName || 'Systemdrucker'}</td>
                  <td>
                    <span className={'badge print-' + j.state}>{PRINT_STATE_LABELS[j.state] ?? j.state}</span>
                  </td>
                  <td>{j.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {open ? <DocumentViewer doc={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function HistoryPanel({ detail }: { detail: CaseDetail }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Verlauf</h2>
      <table className="table table-compact" aria-label="Verlauf">
        <thead>
          <tr>
            <th scope="col">Zeit</th>
            <th scope="col">Benutzer</th>
            <th scope="col">Aktion</th>
            <th scope="col">Status</th>
            <th scope="col">Grund</th>
          </tr>
        </thead>
        <tbody>
          {detail.history.map((h) => (
            <tr key={h.id}>
              <td className="nowrap">{formatDateTime(h.at)}</td>
              <td>{h.userName ?? <span className="muted">System</span>}</td>
              <td>{actionLabel(h.action)}</td>
              <td>
                {h.fromStatus || h.toStatus ? (
                  <>
                    {h.fromStatus ? STATUS_LABELS[h.fromStatus] : '–'} → {h.toStatus ? STATUS_LABELS[h.toStatus] : '–'}
                  </>
                ) : null}
              </td>
              <td>{h.reason ?? ''}</td>
            </tr>
          ))}
          {detail.history.length === 0 ? (
            <tr className="empty">
              <td colSpan={5}>Keine Einträge.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

/** The service's own view of the case data where there is one; otherwise every field, humanised. */
function ServiceData({ detail, serviceName }: { detail: CaseDetail; serviceName: string }) {
  let rows: { label: string; value: string }[] | null = null;
  try {
    rows = describeServiceData(detail.serviceId, detail.data ?? {});
  } catch {
    // Data a service view does not expect (e.g. an older online schema): show it raw rather than fail.
    rows = null;
  }
  if (rows) return <Dl rows={[{ label: 'Leistung', value: serviceName }, ...rows]} />;
  return <DataList data={detail.data ?? {}} leading={[{ label: 'Leistung', value: serviceName }]} />;
}

/**
 * A date of the case head: the target date or the legal deadline (ends 24:00 Berlin of its last day), red with
 * "überfällig" once passed, "heute fällig" on the day; while the case waits for the applicant the dates rest.
 */
function DeadlineValue({ detail, kind }: { detail: CaseDetail; kind: 'target' | 'legal' }) {
  const now = useNow();
  const dates = kind === 'target' ? { targetDate: detail.targetDate, legalDeadlineAt: null } : { targetDate: null, legalDeadlineAt: detail.legalDeadlineAt };
  const state = queueDueState({ ...dates, status: detail.status, waitingSince: detail.waitingSince }, new Date(now));
  const text =
    kind === 'target' ? formatIsoDate(detail.targetDate) : `${formatIsoDate(legalDeadlineDay(detail.legalDeadlineAt!))}, 24:00 Uhr`;
  return (
    <span className={state === 'overdue' ? 'field-error' : undefined}>
      {text}
      {state === 'overdue' ? <> <span className="badge badge-danger">überfällig</span></> : null}
      {state === 'today' ? <> <span className="badge badge-warning">heute fällig</span></> : null}
      {detail.status === 'waiting' && detail.waitingSince ? <span className="muted"> (ruht seit {formatDateTime(detail.waitingSince)})</span> : null}
    </span>
  );
}

export function CaseScreen({ caseId }: { caseId: number }) {
  const q = useApiQuery('cases.get', { caseId });
  const me = useSession().session?.user ?? null;
  if (q.isPending) {
    return (
      <div className="page">
        <p className="muted">Vorgang wird geladen …</p>
      </div>
    );
  }
  if (q.isError) {
    return (
      <div className="page">
        <p>
          <a href={hrefFor('/vorgaenge')}>← Vorgänge</a>
        </p>
        <ErrorMessage error={q.error} />
      </div>
    );
  }
  const d = q.data;
  const service = findService(d.serviceId);
  const ServicePanel = SERVICE_UI[d.serviceId]?.CasePanel;
  const editable = !isTerminal(d.status) && (d.assigneeId === null || d.assigneeId === me?.id);
  return (
    <div className="page page-case">
      <p className="breadcrumb">
        <a href={hrefFor('/vorgaenge')}>← Vorgänge</a>
      </p>
      <header className="case-head">
        <div>
          <h1>Vorgang {d.reference}</h1>
          <div className="case-sub">
            <span>{d.serviceName || service?.name}</span>
            <StatusBadge status={d.status} />
          </div>
        </div>
        <Dl
          rows={[
            { label: 'Kanal', value: <ChannelBadge channel={d.channel} /> },
            { label: 'Standort', value: d.siteName },
            { label: 'Eingang', value: formatDateTime(d.createdAt) },
            ...(d.targetDate ? [{ label: 'Bearbeitungsziel', value: <DeadlineValue detail={d} kind="target" /> }] : []),
            ...(d.legalDeadlineAt ? [{ label: 'Gesetzliche Frist', value: <DeadlineValue detail={d} kind="legal" /> }] : []),
            { label: 'Bearbeiter', value: d.assigneeName ?? '–' },
            { label: 'Zustellung', value: DELIVERY_LABELS[d.deliveryMethod] ?? d.deliveryMethod },
          ]}
        />
      </header>
      <HolderPanel detail={d} />
      <OnlinePanel detail={d} />
      <StepsPanel detail={d} />
      <div className="case-grid">
        <div className="stack">
          <ApplicantPanel detail={d} />
          <section className="panel" aria-labelledby="service-data-title">
            <h2 id="service-data-title">Angaben zur Leistung</h2>
            <ServiceData detail={d} serviceName={service?.name ?? d.serviceName} />
          </section>
          {ServicePanel ? <ServicePanel detail={d} editable={editable} /> : null}
          <PaymentPanel key={`${d.id}-${d.payments.length}`} detail={d} />
        </div>
        <div className="stack">
          <ActionsPanel detail={d} />
          <DocumentsPanel detail={d} />
        </div>
      </div>
      <TasksPanel detail={d} />
      <HistoryPanel detail={d} />
    </div>
  );
}
