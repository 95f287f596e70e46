import { useId } from 'react';
import { EXTENDED_ITEMS, PURPOSES, feeKeyFor, type MeldebescheinigungData } from '../../../shared/services/meldebescheinigung';
import { formatEuro } from '../../../shared/domain/money';
import { SelectField } from '../components/forms';
import { dataFieldError, type ServiceFormProps, type ServiceUi } from './types';

type Data = Pick<MeldebescheinigungData, 'kind' | 'purpose' | 'extendedItems'>;

function read(data: Record<string, unknown>): Data {
  return {
    kind: data.kind === 'erweitert' ? 'erweitert' : 'einfach',
    purpose: (PURPOSES.find((p) => p.id === data.purpose)?.id ?? 'allgemein') as Data['purpose'],
    extendedItems: Array.isArray(data.extendedItems) ? (data.extendedItems as Data['extendedItems']) : [],
  };
}

function MeldebescheinigungForm({ data, onChange, error, fees }: ServiceFormProps) {
  const d = read(data);
  const kindName = useId();
  const set = (patch: Partial<Data>) => onChange({ ...data, ...d, ...patch });
  const purpose = PURPOSES.find((p) => p.id === d.purpose);
  const fee = fees?.[feeKeyFor({ ...d, copies: 1 })];
  const kindError = dataFieldError(error, 'kind');
  const itemsError = dataFieldError(error, 'extendedItems');

  return (
    <div className="service-form">
      <fieldset className={'field' + (kindError ? ' field-invalid' : '')}>
        <legend>Art der Meldebescheinigung</legend>
        <div className="radio-row">
          <label className="check">
            <input type="radio" name={kindName} value="einfach" checked={d.kind === 'einfach'} onChange={() => set({ kind: 'einfach', extendedItems: [] })} />
            einfach
          </label>
          <label className="check">
            <input type="radio" name={kindName} value="erweitert" checked={d.kind === 'erweitert'} onChange={() => set({ kind: 'erweitert' })} />
            erweitert
          </label>
        </div>
        <div className="field-hint">
          Einfach: Familienname, Vornamen, Doktorgrad, Geburtsdatum, derzeitige Anschriften. Erweitert: zusätzlich die
          gewählten Angaben nach § 18 Abs. 2 BMG.
        </div>
        {kindError ? <div className="field-error">{kindError}</div> : null}
      </fieldset>

      {d.kind === 'erweitert' ? (
        <fieldset className={'field' + (itemsError ? ' field-invalid' : '')}>
          <legend>Weitere Angaben</legend>
          <div className="check-grid">
            {EXTENDED_ITEMS.map((item) => (
              <label key={item.id} className="check">
                <input
                  type="checkbox"
                  checked={d.extendedItems.includes(item.id)}
                  onChange={(e) =>
                    set({
                      extendedItems: e.target.checked
                        ? [...d.extendedItems, item.id]
                        : d.extendedItems.filter((x) => x !== item.id),
                    })
                  }
                />
                {item.label}
              </label>
            ))}
          </div>
          {itemsError ? <div className="field-error">{itemsError}</div> : null}
        </fieldset>
      ) : null}

      <SelectField
        label="Verwendungszweck"
        value={d.purpose}
        onChange={(v) => set({ purpose: v as Data['purpose'] })}
        options={PURPOSES.map((p) => ({ value: p.id, label: p.free ? `${p.label} (gebührenfrei)` : p.label }))}
        error={dataFieldError(error, 'purpose')}
      />

      <p className="fee-preview">
        Gebühr:{' '}
        <strong>{purpose?.free ? 'gebührenfrei' : fee !== undefined ? formatEuro(fee) : '…'}</strong>
        {purpose?.free ? <span className="muted"> ({purpose.label})</span> : null}
      </p>
    </div>
  );
}

export const meldebescheinigungUi: ServiceUi = {
  initialData: () => ({ kind: 'einfach', purpose: 'allgemein', extendedItems: [], copies: 1 }),
  Form: MeldebescheinigungForm,
  postal: true,
  printable: true,
  describe(data) {
    const d = read(data);
    const rows = [
      { label: 'Art', value: d.kind === 'einfach' ? 'einfache Meldebescheinigung' : 'erweiterte Meldebescheinigung' },
      { label: 'Verwendungszweck', value: PURPOSES.find((p) => p.id === d.purpose)?.label ?? String(data.purpose ?? '–') },
    ];
    if (d.kind === 'erweitert') {
      rows.push({
        label: 'Weitere Angaben',
        value: d.extendedItems.map((id) => EXTENDED_ITEMS.find((i) => i.id === id)?.label ?? id).join(', ') || '–',
      });
    }
    if (typeof data.copies === 'number' && data.copies > 1) rows.push({ label: 'Ausfertigungen', value: String(data.copies) });
    return rows;
  },
  freeReason(data) {
    const p = PURPOSES.find((x) => x.id === data.purpose);
    return p?.free ? `Gebührenfrei: ${p.label}` : null;
  },
};
