import type { ReactNode } from 'react';

/** A definition list of label/value rows, as the case screen shows data. */
export function Dl({ rows, className }: { rows: { label: string; value: ReactNode }[]; className?: string }) {
  return (
    <dl className={'dl' + (className ? ' ' + className : '')}>
      {rows.map((r) => (
        <div key={r.label} className="dl-row">
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
