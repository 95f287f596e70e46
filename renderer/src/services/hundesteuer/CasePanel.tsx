import { useEffect, useState, type FormEvent } from 'react';
import type { HundesteuerDogInfo } from '../../../../shared/api/ops/hundesteuer';
import { formatEuro } from '../../../../shared/domain/money';
import { DANGEROUS_DOG_LABEL, DOG_POSITION_LABELS, DOG_SEX_LABELS, formatChipNumber, formatDate, formatMonth, REPLACEMENT_TAG_FEE_KEY } from '../../../../shared/services/hundesteuer';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice, SelectField, TextField } from '../../components/forms';
import { formatTimestampDate } from '../../lib/format';
import type { ServiceCasePanelProps } from '../types';

const TAG_STATE_LABELS = { issued: 'ausgegeben', returned: 'zurückgegeben', lost: 'verloren' } as const;

type TagWearing = HundesteuerDogInfo['tags'][number];

/** "Nr. 1001 (zurückgegeben) – getragen 12.01.2026 bis 25.06.2026, Abmeldung: Tod des Hundes" */
function wearingText(t: TagWearing): string {
  const period = t.endedAt ? `getragen ${formatTimestampDate(t.issuedAt)} bis ${formatTimestampDate(t.endedAt)}` : `getragen seit ${formatTimestampDate(t.issuedAt)}`;
  return `Nr. ${t.number} (${TAG_STATE_LABELS[t.state]}) – ${period}${t.reason ? `, ${t.reason}` : ''}`;
}

const END_REASON_LABELS: Record<string, string> = { death: 'Tod des Hundes', sale: 'Abgabe', move: 'Wegzug' };

/** The tag number the case's Bescheid fixed (facts of its first Hundesteuerbescheid), or null before it. */
function factsOf(detail: ServiceCasePanelProps['detail']): Record<string, unknown> | null {
  return detail.documents.find((d) => d.docType === 'hundesteuerBescheid')?.facts ?? null;
}

function Replacement({ caseId }: { caseId: number }) {
  const settings = useApiQuery('settings.get', {}, { staleTime: 60_000 });
  const fee = settings.data?.fees[REPLACEMENT_TAG_FEE_KEY];
  const [method, setMethod] = useState<'cash' | 'ec'>('cash');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const replace = useApiMutation('hundesteuer.replaceTag', { invalidates: ['hundesteuer.caseDog', 'cases.get', 'hundesteuer.tagStock'] });
  function submit(e: FormEvent) {
    e.preventDefault();
    replace.mutate({ caseId, method, reason: reason.trim() }, { onSuccess: () => { setOpen(false); setReason(''); } });
  }
  return (
    <div className="stack">
      {replace.isSuccess ? (
        <Notice kind="success">
          Ersatzmarke Nr. {replace.data.tagNumber} ausgegeben, Gebühr {formatEuro(replace.data.feeCents)} (Quittung {replace.data.receiptNumber}).
        </Notice>
      ) : null}
      {!open ? (
        <div className="actions">
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Ersatzmarke ausgeben{fee !== undefined ? ` (${formatEuro(fee)})` : ''}
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="stack" aria-label="Ersatzmarke">
          <div className="grid-2">
            <TextField label="Grund der Ersatzmarke" value={reason} onChange={setReason} error={replace.error?.fieldMessage('reason')} hint="z. B. Marke verloren" />
            <SelectField label="Zahlung der Ersatzmarke" value={method} onChange={(v) => setMethod(v as 'cash' | 'ec')} options={[{ value: 'cash', label: 'bar' }, { value: 'ec', label: 'EC-Karte' }]} />
          </div>
          <ErrorMessage error={replace.error} />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={replace.isPending}>
              {replace.isPending ? 'Wird ausgegeben …' : `Ersatzmarke gegen ${fee !== undefined ? formatEuro(fee) : 'Gebühr'} ausgeben`}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Abbrechen
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function HundesteuerCasePanel({ detail }: ServiceCasePanelProps) {
  const q = useApiQuery('hundesteuer.caseDog', { caseId: detail.id });
  // The Bescheid registers (or deregisters) the dog: read it again when a document or the status changes.
  const { refetch } = q;
  useEffect(() => {
    void refetch();
  }, [refetch, detail.documents.length, detail.status]);
  const facts = factsOf(detail);
  const anmeldung = detail.serviceId === 'hundesteuer-anmeldung';
  const dog = q.data;
  const tagNumber = facts ? String(facts.tagNumber ?? '') : null;
  return (
    <section className="panel" aria-labelledby="hst-title">
      <h2 id="hst-title">Hund und Hundesteuermarke</h2>
      {anmeldung && tagNumber && dog?.currentTag != null && String(dog.currentTag) !== tagNumber ? (
        <p className="hst-tag" data-testid="ersatzmarke">
          Getragene Marke: <strong>Nr. {dog.currentTag}</strong> (Ersatzmarke für Nr. {tagNumber})
        </p>
      ) : null}
      {tagNumber ? (
        <p className="hst-tag" data-testid="hundemarke">
          Hundesteuermarke <strong>Nr. {tagNumber}</strong>
          {anmeldung
            ? detail.deliveryMethod === 'post'
              ? detail.dispatchedAt
                ? ' – mit dem Bescheid versandt'
                : ' – wird mit dem Bescheid versandt'
              : ['handed_over', 'closed'].includes(detail.status)
                ? ' – mit dem Bescheid ausgehändigt'
                : ' – bitte mit dem Bescheid aushändigen'
            : facts?.tagState === 'returned'
              ? ' – zurückgegeben (wieder im Bestand)'
              : ' – als verloren erfasst'}
        </p>
      ) : (
        <p className="muted">
          {anmeldung ? 'Die Hundesteuermarke wird vergeben, wenn der Bescheid gedruckt wird (nächste freie Nummer aus dem Bestand).' : 'Die Marke wird mit dem Schlussbescheid zurückgenommen.'}
        </p>
      )}
      {q.isError ? <ErrorMessage error={q.error} /> : null}
      {dog ? (
        <dl className="dl">
          <div className="dl-row">
            <dt>Hund</dt>
            <dd>
              {dog.name}, {dog.breed}
              {dog.colour ? `, ${dog.colour}` : ''}
              {dog.sex ? `, ${DOG_SEX_LABELS[dog.sex]}` : ''}
              {dog.birthDate ? `, geboren ${formatDate(dog.birthDate)}` : ''}
            </dd>
          </div>
          <div className="dl-row">
            <dt>Chipnummer</dt>
            <dd>{dog.chipNumber ? formatChipNumber(dog.chipNumber) : '–'}</dd>
          </div>
          <div className="dl-row">
            <dt>Halter/in</dt>
            <dd>
              {dog.ownerName}, {dog.ownerAddress}
            </dd>
          </div>
          {dog.registration ? (
            <div className="dl-row">
              <dt>Steueranmeldung</dt>
              <dd>
                {dog.registration.category === 'dangerous' ? DANGEROUS_DOG_LABEL : DOG_POSITION_LABELS[dog.registration.category]}, {formatEuro(dog.registration.yearlyCents)} im Jahr,
                steuerpflichtig ab {formatMonth(dog.registration.liableFrom)}
                {dog.registration.liableUntil ? ` bis ${formatMonth(dog.registration.liableUntil)}` : ''}
                {dog.registration.endReason ? ` (abgemeldet: ${END_REASON_LABELS[dog.registration.endReason] ?? dog.registration.endReason})` : ''}
                {dog.registration.mandateReference ? ` · Mandatsreferenz ${dog.registration.mandateReference}` : ' · Zahlung per Überweisung'}
              </dd>
            </div>
          ) : null}
          <div className="dl-row">
            <dt>Hundesteuermarken</dt>
            <dd>
              {dog.tags.length === 0 ? (
                '–'
              ) : (
                <ul className="problem-list" data-testid="tag-history">
                  {dog.tags.map((t) => (
                    <li key={`${t.number}-${t.issuedAt}`}>{wearingText(t)}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      ) : null}
      {anmeldung && dog?.registration && !dog.registration.toDate && dog.currentTag !== null ? <Replacement caseId={detail.id} /> : null}
    </section>
  );
}
