/** Small form parts of the Gewerbeanzeigen: paths into the data, dates, numbers, check boxes, addresses. */
import { useState } from 'react';
import { DateInput, FieldShell, TextField } from '../../components/forms';
import type { ApiCallError } from '../../api/client';
import { dataFieldError } from '../types';

export type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

export function getIn(data: unknown, path: Path): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[k as string];
  }
  return cur;
}

/** A copy of `data` with `value` at `path` (objects and arrays along the path are copied, missing ones created). */
export function setIn(data: unknown, path: Path, value: unknown): Obj {
  if (path.length === 0) return value as Obj;
  const [head, ...rest] = path;
  const base: Obj | unknown[] = Array.isArray(data) ? [...data] : { ...((data ?? {}) as Obj) };
  const child = (base as Obj)[head as string];
  (base as Obj)[head as string] = rest.length ? setIn(child ?? (typeof rest[0] === 'number' ? [] : {}), rest, value) : value;
  return base as Obj;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const pathText = (path: Path): string => path.join('.');

/** What every part gets: the whole data, a setter by path, and the create error. */
export interface PartProps {
  data: Obj;
  set(path: Path, value: unknown): void;
  /** Several changes at once (each on the result of the one before). */
  setMany(entries: [Path, unknown][]): void;
  error: ApiCallError | null;
}

export function fieldError(error: ApiCallError | null, path: Path): string | undefined {
  return dataFieldError(error, pathText(path));
}

export function Text({ p, path, label, required, hint, className }: { p: PartProps; path: Path; label: string; required?: boolean; hint?: string; className?: string }) {
  return (
    <TextField
      label={label}
      value={str(getIn(p.data, path))}
      onChange={(v) => p.set(path, v)}
      error={fieldError(p.error, path)}
      required={required}
      hint={hint}
      className={className}
    />
  );
}

export function DateField({ p, path, label, required, hint }: { p: PartProps; path: Path; label: string; required?: boolean; hint?: string }) {
  const error = fieldError(p.error, path);
  return (
    <FieldShell label={label} error={error} required={required} hint={hint ?? 'TT.MM.JJJJ'}>
      {({ id, describedBy }) => (
        <DateInput id={id} value={str(getIn(p.data, path))} onChange={(iso) => p.set(path, iso)} invalid={!!error} describedBy={describedBy} />
      )}
    </FieldShell>
  );
}

export function NumberField({ p, path, label }: { p: PartProps; path: Path; label: string }) {
  const error = fieldError(p.error, path);
  return (
    <FieldShell label={label} error={error}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="number"
          min={0}
          step={1}
          value={String(num(getIn(p.data, path)))}
          onChange={(e) => p.set(path, e.target.value === '' ? 0 : Number(e.target.value))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

export function Check({ p, path, label, onChange }: { p: PartProps; path: Path; label: string; onChange?(checked: boolean): void }) {
  const error = fieldError(p.error, path);
  return (
    // Not a .field: its direct labels are set bold as field labels.
    <div className={error ? 'field-invalid' : undefined} style={{ margin: '0 0 0.7rem' }}>
      <label className="check">
        <input
          type="checkbox"
          checked={getIn(p.data, path) === true}
          onChange={(e) => (onChange ? onChange(e.target.checked) : p.set(path, e.target.checked))}
        />
        {label}
      </label>
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}

export function Select({
  p,
  path,
  label,
  options,
  placeholder,
  onChange,
  hint,
}: {
  p: PartProps;
  path: Path;
  label: string;
  options: readonly { id: string; label: string }[];
  placeholder?: string;
  onChange?(value: string): void;
  hint?: string;
}) {
  const error = fieldError(p.error, path);
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {({ id, describedBy }) => (
        <select
          id={id}
          value={str(getIn(p.data, path))}
          onChange={(e) => (onChange ? onChange(e.target.value) : p.set(path, e.target.value))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export const emptyAddress = (city = ''): Obj => ({ street: '', houseNumber: '', postalCode: '', city, country: 'DE' });

/** Straße, Hausnummer, PLZ, Ort, Staat; labels carry `prefix` ("Betriebsstätte: Straße") so each is unique on the page. */
export function AddressFields({ p, path, prefix }: { p: PartProps; path: Path; prefix: string }) {
  const error = fieldError(p.error, path);
  return (
    <div>
      <div className="grid-4">
        <Text p={p} path={[...path, 'street']} label={`${prefix}: Straße`} required />
        <Text p={p} path={[...path, 'houseNumber']} label={`${prefix}: Hausnummer`} />
        <Text p={p} path={[...path, 'postalCode']} label={`${prefix}: PLZ`} required />
        <Text p={p} path={[...path, 'city']} label={`${prefix}: Ort`} required />
      </div>
      <Text p={p} path={[...path, 'country']} label={`${prefix}: Staat`} hint="Ländercode, z. B. DE, NL, PL" className="field-narrow" />
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}

const splitList = (t: string): string[] =>
  t
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A list of texts typed as one line, separated by commas; the typed text stays as it is while typing. */
export function ListText({ p, path, label, hint }: { p: PartProps; path: Path; label: string; hint?: string }) {
  const value = getIn(p.data, path);
  const list = Array.isArray(value) ? (value as unknown[]).map(str) : [];
  const [text, setText] = useState(list.join(', '));
  // The list changed from outside (a person removed above this one): show it instead of the stale text.
  if (splitList(text).join('\u0000') !== list.join('\u0000')) setText(list.join(', '));
  const error = fieldError(p.error, path) ?? fieldError(p.error, [...path, 0]);
  return (
    <TextField
      label={label}
      value={text}
      hint={hint}
      error={error}
      required
      onChange={(t) => {
        setText(t);
        p.set(path, splitList(t));
      }}
    />
  );
}
