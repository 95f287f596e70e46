import { useId, useState, type FormEvent } from 'react';
import type { ResidentSummary } from '../../../shared/domain/types';
import { DELIVERY_LABELS, type DeliveryMethod } from '../../../shared/domain/channels';
import type { RegisteredMail } from '../../../shared/domain/dispatch';
import { formatEuro } from '../../../shared/domain/money';
import { SERVICES } from '../../../shared/services';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { ErrorMessage, Notice, SelectField, TextField } from '../components/forms';
import { SperreBadge } from '../components/StatusBadge';
import { formatIsoDate, parseGermanDate } from '../lib/format';
import { navigate } from '../lib/router';
import { SERVICE_UI } from '../services';

interface Criteria {
  name?: string;
  birthDate?: string;
  address?: string;
}

const COUNTER_DELIVERY: DeliveryMethod[] = ['counter', 'post'];

const REGISTERED_CHOICES: { value: RegisteredMail | ''; label: string }[] = [
  { value: '', label: 'kein Einschreiben' },
  { value: 'einwurf', label: 'Einwurf' },
  { value: 'uebergabe', label: 'Übergabe' },
  { value: 'rueckschein', label: 'Rückschein' },
];

function ResidentSearch({ onPick }: { onPick(r: ResidentSummary): void }) {
  const [form, setForm] = useState({ name: '', birthDate: '', address: '' });
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [localError, setLocalError] = useState<{ field?: string; message: string } | null>(null);
  const results = useApiQuery('residents.search', { ...(criteria ?? {}), limit: 50 }, { enabled: criteria !== null, staleTime: 0 });

  function submit(e: FormEvent) {
    e.preventDefault();
    const c: Criteria = {};
    if (form.name.trim()) c.name = form.name.trim();
    if (form.address.trim()) c.address = form.address.trim();
    if (form.birthDate.trim()) {
      const iso = parseGermanDate(form.birthDate);
      if (!iso) {
        setLocalError({ field: 'birthDate', message: 'Bitte das Geburtsdatum als TT.MM.JJJJ eingeben.' });
        return;
      }
      c.birthDate = iso;
    }
    if (!c.name && !c.birthDate && !c.address) {
      setLocalError({ message: 'Bitte Name, Geburtsdatum oder Anschrift eingeben.' });
      return;
    }
    setLocalError(null);
    setCriteria(c);
  }

  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const fieldErr = (k: string) => (localError?.field === k ? localError.message : results.error?.fieldMessage(k));

  return (
    <section className="panel" aria-labelledby="search-title">
      <h2 id="search-title">Person im Melderegister suchen</h2>
      <form className="search-form" onSubmit={submit} noValidate role="search">
        <TextField label="Name" value={form.name} onChange={set('name')} error={fieldErr('name')} autoFocus autoComplete="off" hint="Familienname und/oder Vorname" />
        <TextField label="Geburtsdatum" value={form.birthDate} onChange={set('birthDate')} error={fieldErr('birthDate')} placeholder="TT.MM.JJJJ" autoComplete="off" inputMode="numeric" />
        <TextField label="Anschrift" value={form.address} onChange={set('address')} error={fieldErr('address')} autoComplete="off" hint="Straße, Hausnummer oder Ort" />
        <div className="search-submit">
          <button type="submit" className="btn btn-primary" disabled={results.isFetching}>
            {results.isFetching ? 'Sucht …' : 'Suchen'}
          </button>
        </div>
      </form>
      {localError && !localError.field ? <div className="alert alert-error" role="alert">{localError.message}</div> : null}
      <ErrorMessage error={results.error} />
      {criteria && results.data ? (
        results.data.length === 0 ? (
          <p className="muted">Keine Person gefunden. Schreibweise prüfen oder weniger Angaben verwenden.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Suchergebnisse">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Doktorgrad</th>
                  <th scope="col">Geburtsdatum</th>
                  <th scope="col">Anschrift (Hauptwohnung)</th>
                  <th scope="col"><span className="sr-only">Hinweise</span></th>
                  <th scope="col"><span className="sr-only">Aktion</span></th>
                </tr>
              </thead>
              <tbody>
                {results.data.map((r) => (
                  <tr key={r.id} onDoubleClick={() => onPick(r)}>
                    <td className="strong">
                      {r.familyName}, {r.givenNames}
                    </td>
                    <td>{r.doctoralDegree ?? ''}</td>
                    <td>{formatIsoDate(r.birthDate)}</td>
                    <td>{r.mainAddress}</td>
                    <td>{r.auskunftssperre ? <SperreBadge /> : null}</td>
                    <td className="cell-action">
                      <button type="button" className="btn btn-small" onClick={() => onPick(r)} aria-label={`${r.givenNames} ${r.familyName} auswählen`}>
                        Auswählen
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {results.data.length >= 50 ? <p className="muted">Es werden die ersten 50 Treffer angezeigt. Bitte die Suche eingrenzen.</p> : null}
          </div>
        )
      ) : null}
    </section>
  );
}

function NewCaseForm({ resident, onBack }: { resident: ResidentSummary | null; onBack(): void }) {
  // Without a person from the Melderegister only the services that take the applicant from their form.
  const services = SERVICES.filter((s) => s.channels.includes('walk_in') && SERVICE_UI[s.id] && (resident !== null || !s.needsResident));
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [dataByService, setDataByService] = useState<Record<string, Record<string, unknown>>>(() =>
    Object.fromEntries(services.map((s) => [s.id, SERVICE_UI[s.id]!.initialData()])),
  );
  const [delivery, setDelivery] = useState<DeliveryMethod>('counter');
  const [registered, setRegistered] = useState<RegisteredMail | ''>('');
  const settings = useApiQuery('settings.get', {}, { staleTime: 60_000 });
  const create = useApiMutation('cases.createWalkIn', { onSuccess: (c) => navigate(`/vorgang/${c.id}`) });
  const radioName = useId();
  const deliveryName = useId();
  const ui = SERVICE_UI[serviceId];
  const data = dataByService[serviceId] ?? {};
  const deliveryOptions = ui?.postal === false ? COUNTER_DELIVERY.filter((m) => m !== 'post') : COUNTER_DELIVERY;
  const fromData = ui?.deliveryFromData?.(data);
  const effectiveDelivery = fromData ?? (deliveryOptions.includes(delivery) ? delivery : 'counter');
  const surcharges = settings.data?.postage.registered;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!serviceId) return;
    create.mutate({
      serviceId,
      residentId: resident?.id ?? null,
      data,
      deliveryMethod: effectiveDelivery,
      registered: effectiveDelivery === 'post' && registered ? registered : null,
    });
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <section className="panel" aria-labelledby="person-title">
        <div className="panel-head">
          <h2 id="person-title">Antragsteller</h2>
          <button type="button" className="btn btn-ghost" onClick={onBack} disabled={create.isPending}>
            Andere Person wählen
          </button>
        </div>
        {resident ? (
          <div className="person-card">
            <div className="person-name">
              {resident.doctoralDegree ? `${resident.doctoralDegree} ` : ''}
              {resident.givenNames} {resident.familyName}
              {resident.auskunftssperre ? <SperreBadge /> : null}
            </div>
            <div className="muted">
              geboren am {formatIsoDate(resident.birthDate)} · {resident.mainAddress}
            </div>
          </div>
        ) : (
          <p className="muted">Ohne Person aus dem Melderegister – die Angaben zur antragstellenden Person stehen im Formular.</p>
        )}
        {resident?.auskunftssperre ? (
          <Notice kind="warning">
            Für diese Person ist eine Auskunftssperre eingetragen. Bescheinigungen nur an die Person selbst (oder mit
            schriftlicher Vollmacht) ausstellen; bei Versand die Zustellanschrift prüfen.
          </Notice>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="service-title">
        <h2 id="service-title">Leistung</h2>
        <fieldset className="field">
          <legend className="sr-only">Leistung</legend>
          <div className="radio-row">
            {services.map((s) => (
              <label key={s.id} className="check">
                <input type="radio" name={radioName} value={s.id} checked={serviceId === s.id} onChange={() => setServiceId(s.id)} />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        {ui ? (
          <ui.Form
            data={data}
            onChange={(d) => setDataByService((all) => ({ ...all, [serviceId]: d }))}
            error={create.error}
            fees={settings.data?.fees}
            resident={resident}
          />
        ) : null}
        <fieldset className="field" hidden={fromData !== undefined}>
          <legend>Zustellung</legend>
          <div className="radio-row">
            {deliveryOptions.map((m) => (
              <label key={m} className="check">
                <input type="radio" name={deliveryName} value={m} checked={effectiveDelivery === m} onChange={() => setDelivery(m)} />
                {DELIVERY_LABELS[m]}
              </label>
            ))}
          </div>
          {create.error?.fieldMessage('deliveryMethod') ? <div className="field-error">{create.error.fieldMessage('deliveryMethod')}</div> : null}
        </fieldset>
        {effectiveDelivery === 'post' ? (
          <SelectField
            label="Einschreiben"
            value={registered}
            onChange={(v) => setRegistered(v as RegisteredMail | '')}
            options={REGISTERED_CHOICES.map((c) => ({
              value: c.value,
              label: c.value && surcharges ? `${c.label} (Zuschlag ${formatEuro(surcharges[c.value].cents)})` : c.label,
            }))}
            error={create.error?.fieldMessage('registered')}
            hint="Das Dokument geht mit Anschreiben über den Postausgang; das Porto wird dort je Brief ermittelt."
            className="field-narrow"
          />
        ) : null}
      </section>

      <ErrorMessage error={create.error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !serviceId}>
          {create.isPending ? 'Vorgang wird angelegt …' : 'Vorgang anlegen'}
        </button>
        <button type="button" className="btn" onClick={onBack} disabled={create.isPending}>
          Abbrechen
        </button>
      </div>
    </form>
  );
}

/** The counter: find the person in the register, choose the service, fill in the form, create the case. */
export function CounterScreen() {
  // null: still searching; 'none': going on without a person from the Melderegister.
  const [resident, setResident] = useState<ResidentSummary | 'none' | null>(null);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Schalter – Neuer Vorgang</h1>
      </div>
      <ol className="steps" aria-label="Schritte">
        <li className={resident ? 'done' : 'current'}>1. Person suchen</li>
        <li className={resident ? 'current' : undefined}>2. Leistung und Angaben</li>
        <li>3. Vorgang</li>
      </ol>
      {/* The search stays mounted (hidden) so going back keeps the results. */}
      <div hidden={resident !== null}>
        <ResidentSearch onPick={setResident} />
        <p className="muted">
          Gewerbeanzeige, Personenstandsurkunde oder Briefwahl für jemanden, der nicht im Melderegister steht?{' '}
          <button type="button" className="btn btn-small" onClick={() => setResident('none')}>
            Ohne Person aus dem Melderegister fortfahren
          </button>
        </p>
      </div>
      {resident ? (
        <NewCaseForm
          key={resident === 'none' ? 'none' : resident.id}
          resident={resident === 'none' ? null : resident}
          onBack={() => setResident(null)}
        />
      ) : null}
    </div>
  );
}
