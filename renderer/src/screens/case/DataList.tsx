import { humaniseData, type HumanRow, type HumanValue } from '../../lib/humanise';

function Value({ value }: { value: HumanValue }) {
  switch (value.kind) {
    case 'text':
      return <>{value.text}</>;
    case 'rows':
      return <Rows rows={value.rows} nested />;
    case 'list':
      return (
        <ol className="data-list-items">
          {value.items.map((item, i) => (
            <li key={i}>
              <Value value={item} />
            </li>
          ))}
        </ol>
      );
  }
}

function Rows({ rows, nested }: { rows: HumanRow[]; nested?: boolean }) {
  return (
    <dl className={'dl' + (nested ? ' dl-nested' : '')}>
      {rows.map((r) => (
        <div key={r.key} className="dl-row">
          <dt>{r.label}</dt>
          <dd>
            <Value value={r.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The case data of a service without a view of its own (renderer/src/services), shown in full as a definition
 * list with humanised keys; nested objects as nested lists.
 */
export function DataList({ data, leading = [] }: { data: Record<string, unknown>; leading?: { label: string; value: string }[] }) {
  const rows: HumanRow[] = [
    ...leading.map((r, i) => ({ key: `#${i}`, label: r.label, value: { kind: 'text' as const, text: r.value } })),
    ...humaniseData(data ?? {}),
  ];
  if (rows.length === 0) return <p className="muted">Keine Angaben.</p>;
  return <Rows rows={rows} />;
}
