import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { ApiCallError } from '../api/client';
import { formatIsoDate, parseGermanDate } from '../lib/format';

interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean | undefined;
  className?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}

/** Label, control, hint and the field's error message (from the API or the form itself). */
export function FieldShell({ label, error, hint, required, className, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? id + '-hint' : '';
  const errId = error ? id + '-err' : '';
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (error ? ' field-invalid' : '') + (className ? ' ' + className : '')}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label, so the field's accessible name is exactly its label. */}
        {required ? (
          <span className="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children({ id, describedBy })}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
};

export function TextField({ label, value, onChange, error, hint, required, className, ...rest }: InputProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required} className={className}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
};

export function TextAreaField({ label, value, onChange, error, hint, required, className, ...rest }: TextAreaProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required} className={className}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
};

export function SelectField({ label, value, options, onChange, error, hint, required, placeholder, className, ...rest }: SelectProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required} className={className}>
      {({ id, describedBy }) => (
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A prominent message for a failed call; `error.message` is German and shown as is. */
export function ErrorMessage({ error, title }: { error: ApiCallError | Error | null | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {error.message}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={'alert alert-' + kind} role={kind === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

/** The field error the API reported for `path`, if any. */
export function apiFieldError(error: ApiCallError | null | undefined, path: string): string | undefined {
  return error?.fieldMessage?.(path);
}

interface DateInputProps {
  id: string;
  /** ISO date "2026-03-12", or '' for none. */
  value: string;
  onChange(iso: string): void;
  /** Whether an empty field is allowed (then onChange('') is called). */
  allowEmpty?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  onInvalidChange?(invalid: boolean): void;
}

/**
 * A date typed the German way ("TT.MM.JJJJ", also "T.M.JJJJ" or ISO), like the counter's birth date. The browser's
 * own date input shows the operating system's format, which need not be German. Reports the ISO value once the
 * text is a valid date; until then the field is marked invalid and the last valid value stays in effect.
 */
export function DateInput({ id, value, onChange, allowEmpty = true, invalid, describedBy, onInvalidChange }: DateInputProps) {
  const [text, setText] = useState(() => (value ? formatIsoDate(value) : ''));
  const [bad, setBad] = useState(false);
  // A value set from outside (reset, default) replaces what is typed, unless it is the same date.
  useEffect(() => {
    setText((t) => {
      const parsed = t.trim() === '' ? '' : parseGermanDate(t);
      return parsed === value ? t : value ? formatIsoDate(value) : '';
    });
    setBad(false);
  }, [value]);
  useEffect(() => onInvalidChange?.(bad), [bad, onInvalidChange]);

  function change(t: string) {
    setText(t);
    if (t.trim() === '') {
      setBad(!allowEmpty);
      if (allowEmpty) onChange('');
      return;
    }
    const iso = parseGermanDate(t);
    setBad(iso === null);
    if (iso !== null && iso !== value) onChange(iso);
  }

  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="TT.MM.JJJJ"
      value={text}
      onChange={(e) => change(e.target.value)}
      aria-invalid={bad || invalid ? true : undefined}
      aria-describedby={describedBy}
      className="input-date"
    />
  );
}

/** A checkbox as a form field of its own, with an optional hint below. */
export function CheckField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange(v: boolean): void; hint?: ReactNode }) {
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}
