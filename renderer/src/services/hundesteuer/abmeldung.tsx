import { ABMELDUNG_REASONS, formatDate, isIsoDate } from '../../../../shared/services/hundesteuer';
import { CheckField, SelectField, TextField } from '../../components/forms';
import { todayBerlin } from '../../lib/format';
import { dataFieldError, type ServiceFormProps } from '../types';
import { DateField, obj, str } from './fields';

type Data = Record<string, unknown>;

export function initialAbmeldung(): Data {
  return { tagNumber: '', reason: 'tod', endedOn: '', reportedOn: todayBerlin(), reasonDetails: '', newOwner: null, newAddress: null, tagReturned: true };
}

const emptyAddress = () => ({ street: '', postalCode: '', city: '', country: 'DE' });

function AddressFields({ prefix, value, onChange, error }: { prefix: string; value: Data; onChange(v: Data): void; error: ServiceFormProps['error'] }) {
  return (
    <div className="grid-3">
      <TextField label="Straße und Hausnummer" value={str(value.street)} onChange={(v) => onChange({ ...value, street: v })} error={dataFieldError(error, `${prefix}.street`)} />
      <TextField label="Postleitzahl" value={str(value.postalCode)} onChange={(v) => onChange({ ...value, postalCode: v })} error={dataFieldError(error, `${prefix}.postalCode`)} />
      <TextField label="Ort" value={str(value.city)} onChange={(v) => onChange({ ...value, city: v })} error={dataFieldError(error, `${prefix}.city`)} />
    </div>
  );
}

export function AbmeldungForm({ data, onChange, error }: ServiceFormProps) {
  const set = (patch: Data) => onChange({ ...data, ...patch });
  const err = (f: string) => dataFieldError(error, f);
  const reason = str(data.reason);
  const newOwner = obj(data.newOwner);
  const newAddress = obj(data.newAddress);
  return (
    <div className="service-form stack">
      <div className="grid-3">
        <TextField label="Nummer der Hundesteuermarke" value={str(data.tagNumber)} onChange={(v) => set({ tagNumber: v })} error={err('tagNumber')} inputMode="numeric" required />
        <SelectField
          label="Grund der Abmeldung"
          value={reason}
          onChange={(v) =>
            set({
              reason: v,
              newOwner: v === 'abgabe' ? (newOwner ?? { name: '', address: emptyAddress() }) : null,
              newAddress: v === 'wegzug' ? (newAddress ?? emptyAddress()) : null,
            })
          }
          options={ABMELDUNG_REASONS.map((r) => ({ value: r.id, label: r.label }))}
          error={err('reason')}
        />
      </div>
      <div className="grid-3">
        <DateField label="Ende der Hundehaltung" value={str(data.endedOn)} onChange={(v) => set({ endedOn: v })} error={err('endedOn')} hint="Todestag, Tag der Abgabe oder des Wegzugs" required />
        <DateField label="Datum der Abmeldung" value={str(data.reportedOn)} onChange={(v) => set({ reportedOn: v })} error={err('reportedOn')} required />
      </div>
      {reason === 'sonstiges' ? (
        <TextField label="Erläuterung" value={str(data.reasonDetails)} onChange={(v) => set({ reasonDetails: v })} error={err('reasonDetails')} hint="z. B. entlaufen seit …" />
      ) : null}
      {reason === 'abgabe' ? (
        <fieldset className={'field' + (err('newOwner') ? ' field-invalid' : '')}>
          <legend>Neue Halterin / neuer Halter</legend>
          <TextField label="Name der neuen Halterin / des neuen Halters" value={str(newOwner?.name)} onChange={(v) => set({ newOwner: { ...(newOwner ?? { address: emptyAddress() }), name: v } })} error={err('newOwner.name')} />
          <AddressFields prefix="newOwner.address" value={obj(newOwner?.address) ?? emptyAddress()} onChange={(a) => set({ newOwner: { ...(newOwner ?? { name: '' }), address: a } })} error={error} />
          {err('newOwner') ? <div className="field-error">{err('newOwner')}</div> : null}
        </fieldset>
      ) : null}
      {reason === 'wegzug' ? (
        <fieldset className="field">
          <legend>Neue Anschrift</legend>
          <AddressFields prefix="newAddress" value={newAddress ?? emptyAddress()} onChange={(a) => set({ newAddress: a })} error={error} />
        </fieldset>
      ) : null}
      <CheckField
        label="Hundesteuermarke zurückgegeben"
        checked={data.tagReturned === true}
        onChange={(v) => set({ tagReturned: v })}
        hint="Nicht zurückgegebene Marken werden mit dem Schlussbescheid als verloren erfasst."
      />
      <p className="fee-preview">
        Gebühr: <strong>gebührenfrei</strong> <span className="muted">(der Schlussbescheid setzt die Steuer bis zum Ende der Haltung fest)</span>
      </p>
    </div>
  );
}

export function describeAbmeldung(data: Data): { label: string; value: string }[] {
  const rows = [
    { label: 'Hundesteuermarke', value: `Nr. ${str(data.tagNumber)}` },
    { label: 'Grund', value: ABMELDUNG_REASONS.find((r) => r.id === data.reason)?.label ?? str(data.reason) },
    { label: 'Ende der Haltung', value: isIsoDate(str(data.endedOn)) ? formatDate(str(data.endedOn)) : '–' },
    { label: 'Abmeldung vom', value: isIsoDate(str(data.reportedOn)) ? formatDate(str(data.reportedOn)) : '–' },
  ];
  if (str(data.reasonDetails)) rows.push({ label: 'Erläuterung', value: str(data.reasonDetails) });
  const o = obj(data.newOwner);
  const addr = (a: Data | null) => (a ? `${str(a.street)}, ${str(a.postalCode)} ${str(a.city)}` : '');
  if (o) rows.push({ label: 'Neue Halterin/neuer Halter', value: `${str(o.name)}, ${addr(obj(o.address))}` });
  if (obj(data.newAddress)) rows.push({ label: 'Neue Anschrift', value: addr(obj(data.newAddress)) });
  rows.push({ label: 'Marke zurückgegeben', value: data.tagReturned === true ? 'ja' : 'nein' });
  return rows;
}
