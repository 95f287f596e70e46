import { useState, type ReactNode } from 'react';
import { formatEuro } from '../../../../shared/domain/money';
import { DateInput, FieldShell } from '../../components/forms';

/** A date typed the German way; value and onChange are ISO ("2026-11-25"), '' for none. */
export function DateField({ label, value, onChange, error, hint, required }: { label: string; value: string; onChange(v: string): void; error?: string | undefined; hint?: ReactNode; required?: boolean }) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required} >
      {({ id, describedBy }) => <DateInput id={id} value={value} onChange={onChange} invalid={!!error} describedBy={describedBy} />}
    </FieldShell>
  );
}

/** An amount in euros ("500.000" or "500.000,00"); reports cents, or NaN while the text is no amount (the core refuses it). */
export function EuroField({ label, cents, onChange, error, hint }: { label: string; cents: number; onChange(c: number): void; error?: string | undefined; hint?: ReactNode }) {
  const [text, setText] = useState(() => (Number.isFinite(cents) ? formatEuro(cents).replace(/\s*€$/, '') : ''));
  return (
    <FieldShell label={label} error={error} hint={hint} >
      {({ id, describedBy }) => (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseAmount(e.target.value));
          }}
        />
      )}
    </FieldShell>
  );
}

/** "500.000", "500.000,00", "1000000" → cents; NaN when it is no amount. */
export function parseAmount(text: string): number {
  const t = text.replace(/€|EUR|\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(t)) return Number.NaN;
  const [euros, cents = ''] = t.replace(/\./g, '').split(',');
  return Number(euros) * 100 + Number(cents.padEnd(2, '0'));
}

/** Reads a nested object of the form data (or null). */
export function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
