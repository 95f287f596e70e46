import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DispatchLogEntry } from '../../../../shared/domain/dispatch';
import { formatEuro } from '../../../../shared/domain/money';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { useSession } from '../../api/session';
import { DateInput, ErrorMessage } from '../../components/forms';
import { PdfModal } from '../../components/PdfViewer';
import { downloadTextFile } from '../../lib/download';
import { formatDateTime, formatIsoDate, todayBerlin } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { formatRegisteredNumber } from './labels';

/** The Einschreiben number of one registered letter: shown, or edited inline (the API checks the S10 check digit). */
function RegisteredNumberCell({ entry }: { entry: DispatchLogEntry }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(entry.registeredNumber === null);
  const [value, setValue] = useState(entry.registeredNumber ?? '');
  const save = useApiMutation('dispatch.setRegisteredNumber', {
    onSuccess: (updated) => {
      queryClient.setQueryData<DispatchLogEntry[]>(queryKey('dispatch.log', { date: updated.dispatchDate, siteId: updated.siteId }), (list) =>
        list?.map((e) => (e.id === updated.id ? updated : e)),
      );
      setEditing(false);
    },
  });

  // No Einschreiben, or its case was deleted after the retention period (the number went with it).
  if (!entry.registered || entry.caseId === null) return <span className="muted">–</span>;
  if (!editing && entry.registeredNumber) {
    return (
      <span className="reg-number">
        <span className="mono nowrap" data-testid="registered-number">
          {formatRegisteredNumber(entry.registeredNumber)}
        </span>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => {
            save.reset();
            setValue(entry.registeredNumber ?? '');
            setEditing(true);
          }}
          aria-label={`Einschreiben-Nr. von ${entry.reference} ändern`}
        >
          Ändern
        </button>
      </span>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ logId: entry.id, number: value });
  }
  const error = save.error ? (save.error.fieldMessage('number') ?? save.error.message) : undefined;
  const errorId = `reg-err-${entry.id}`;
  return (
    <form className={'reg-form' + (error ? ' field-invalid' : '')} onSubmit={submit} noValidate>
      <div className="reg-form-row">
        <input
          type="text"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="RR 12345678 5 DE"
          aria-label={`Einschreiben-Nr. für ${entry.reference}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={30}
        />
        <button type="submit" className="btn btn-small" disabled={save.isPending}>
          {save.isPending ? '…' : 'Speichern'}
        </button>
        {entry.registeredNumber ? (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(false)} disabled={save.isPending}>
            Zurück
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}

function LogPdf({ date, siteId, siteName, onClose }: { date: string; siteId: number; siteName: string; onClose(): void }) {
  const q = useApiQuery('dispatch.logPdf', { date, siteId }, { staleTime: 0, gcTime: 0, refetchOnWindowFocus: false });
  return (
    <PdfModal
      title={`Postausgangsbuch ${formatIsoDate(date)} – ${siteName}`}
      pdfBase64={q.data?.pdfBase64 ?? null}
      loading={q.isPending}
      error={q.error}
      onClose={onClose}
    />
  );
}

/** "Postausgangsbuch": every letter sent on a day from a site, with totals, as PDF and CSV. */
export function LogTab() {
  const { session } = useSession();
  const sites = useApiQuery('sites.list', {}, { staleTime: 300_000 });
  const [date, setDate] = useState(() => todayBerlin());
  const [dateBad, setDateBad] = useState(false);
  const [siteId, setSiteId] = useState<number | null>(session?.user.siteId ?? null);
  const effectiveSite = siteId ?? sites.data?.[0]?.id ?? null;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && effectiveSite !== null;
  const input = { date, siteId: effectiveSite ?? 0 };
  const log = useApiQuery('dispatch.log', input, { enabled: valid, staleTime: 0 });
  const [pdfOpen, setPdfOpen] = useState(false);
  const csv = useApiMutation('dispatch.logCsv', { onSuccess: (r) => downloadTextFile(r.csv, r.fileName) });
  const entries = log.data ?? [];
  const total = entries.reduce((n, e) => n + e.postageCents, 0);
  const siteName = sites.data?.find((s) => s.id === effectiveSite)?.name ?? '';
  const registeredOpen = entries.filter((e) => e.registered && !e.registeredNumber).length;

  return (
    <div className="stack">
      <section className="filters" aria-label="Auswahl Postausgangsbuch">
        <div className={'field field-date' + (dateBad ? ' field-invalid' : '')}>
          <label htmlFor="log-date">Datum</label>
          <DateInput
            id="log-date"
            value={date}
            onChange={setDate}
            allowEmpty={false}
            onInvalidChange={setDateBad}
            describedBy={dateBad ? 'log-date-error' : undefined}
          />
          {dateBad ? (
            <div className="field-error" id="log-date-error">
              Bitte das Datum als TT.MM.JJJJ eingeben.
            </div>
          ) : null}
        </div>
        <div className="field field-site">
          <label htmlFor="log-site">Standort</label>
          <select id="log-site" value={effectiveSite !== null ? String(effectiveSite) : ''} onChange={(e) => setSiteId(Number(e.target.value))}>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-buttons">
          <span className="field-static-label" aria-hidden="true">
            &nbsp;
          </span>
          <div className="action-buttons">
            <button type="button" className="btn" onClick={() => setPdfOpen(true)} disabled={!valid || dateBad}>
              Als PDF
            </button>
            <button type="button" className="btn" onClick={() => csv.mutate(input)} disabled={!valid || dateBad || csv.isPending}>
              {csv.isPending ? 'Wird exportiert …' : 'CSV exportieren'}
            </button>
          </div>
        </div>
      </section>
      <ErrorMessage error={log.error ?? csv.error} />

      <section className="panel" aria-labelledby="log-title">
        <div className="panel-head">
          <h2 id="log-title">
            Postausgangsbuch {valid ? formatIsoDate(date) : ''}
            {siteName ? ` – ${siteName}` : ''}
          </h2>
          {registeredOpen > 0 ? (
            <span className="badge badge-warning">
              {registeredOpen === 1 ? '1 Einschreiben ohne Nummer' : `${registeredOpen} Einschreiben ohne Nummer`}
            </span>
          ) : null}
        </div>
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Postausgangsbuch" aria-busy={log.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  lfd. Nr.
                </th>
                <th scope="col">Aktenzeichen</th>
                <th scope="col">Empfänger</th>
                <th scope="col">Ort</th>
                <th scope="col">Produkt</th>
                <th scope="col" className="num">
                  Porto
                </th>
                <th scope="col">Einschreiben-Nr.</th>
                <th scope="col">Bearbeitung</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={e.id}>
                  <td className="num">{i + 1}</td>
                  <td className="mono nowrap">
                    {e.caseId === null ? e.reference : <a href={hrefFor(`/vorgang/${e.caseId}`)}>{e.reference}</a>}
                  </td>
                  <td>{e.recipientName}</td>
                  <td className="nowrap">{e.confidential ? <span className="badge badge-sperre-inline">{e.recipientPlace}</span> : e.recipientPlace}</td>
                  <td>{e.product}</td>
                  <td className="num nowrap">{formatEuro(e.postageCents)}</td>
                  <td>
                    <RegisteredNumberCell key={`${e.id}-${e.registeredNumber ?? ''}`} entry={e} />
                  </td>
                  <td>
                    <div>{e.userName}</div>
                    <div className="muted nowrap">{formatDateTime(e.at)}</div>
                  </td>
                </tr>
              ))}
              {valid && !log.isPending && entries.length === 0 ? (
                <tr className="empty">
                  <td colSpan={8}>An diesem Tag wurde von diesem Standort nichts versandt.</td>
                </tr>
              ) : null}
              {valid && log.isPending ? (
                <tr className="empty">
                  <td colSpan={8}>Postausgangsbuch wird geladen …</td>
                </tr>
              ) : null}
            </tbody>
            {entries.length > 0 ? (
              <tfoot>
                <tr className="sum-row" data-testid="log-sum">
                  <th scope="row" colSpan={5}>
                    Summe: {entries.length === 1 ? '1 Brief' : `${entries.length} Briefe`}
                  </th>
                  <td className="num nowrap">{formatEuro(total)}</td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </section>
      {pdfOpen && effectiveSite !== null ? <LogPdf date={date} siteId={effectiveSite} siteName={siteName} onClose={() => setPdfOpen(false)} /> : null}
    </div>
  );
}
