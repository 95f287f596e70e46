/**
 * Small charts drawn as inline SVG (no chart library). Each chart is a <figure> whose drawing is one
 * `role="img"` SVG with an aria-label that says every number; the numbers are also text next to it (the bar
 * labels, which are links to the queue, or a visually hidden table), so nothing is only a picture.
 */
import { useId } from 'react';
import { hrefFor } from '../lib/router';

const nf = new Intl.NumberFormat('de-DE');
export const formatCount = (n: number) => nf.format(n);

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** Hash path of the queue this bar stands for; none: not clickable. */
  href?: string | null;
}

const ROW = 30;
const BAR = 18;

/**
 * Horizontal bars: labels (links where the bar has one, named "Neu: 12" by aria-label) in an HTML column, the bars in an SVG
 * beside them, each bar clickable with the mouse as well.
 */
export function HBarChart({
  title,
  bars: all,
  emptyText = 'Keine Vorgänge.',
  limit,
}: {
  title: string;
  bars: readonly Bar[];
  emptyText?: string;
  /** Show only the first `limit` bars and say how many more there are. */
  limit?: number;
}) {
  const captionId = useId();
  const bars = limit !== undefined ? all.slice(0, limit) : all;
  const rest = all.slice(bars.length);
  const restText = rest.length
    ? `und ${formatCount(rest.length)} weitere mit zusammen ${formatCount(rest.reduce((s, b) => s + b.count, 0))}`
    : '';
  const max = Math.max(1, ...bars.map((b) => b.count));
  const label = `${title}: ${bars.length ? bars.map((b) => `${b.label} ${formatCount(b.count)}`).join(', ') : emptyText}${restText ? `, ${restText}` : ''}`;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-title">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p className="muted chart-empty">{emptyText}</p>
      ) : (
        <div className="hbar" style={{ gridTemplateRows: `repeat(${bars.length}, ${ROW}px)` }}>
          <ul className="hbar-labels" style={{ gridRow: `1 / span ${bars.length}` }}>
            {bars.map((b) => (
              <li key={b.key} style={{ height: ROW }}>
                {b.href ? (
                  <a href={hrefFor(b.href)} title={b.label} aria-label={`${b.label}: ${formatCount(b.count)}`}>
                    {b.label}
                  </a>
                ) : (
                  <span title={b.label}>
                    {b.label}
                    <span className="sr-only">: {formatCount(b.count)}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <svg
            className="hbar-svg"
            role="img"
            aria-label={label}
            width="100%"
            height={bars.length * ROW}
            style={{ gridRow: `1 / span ${bars.length}` }}
          >
            {bars.map((b, i) => {
              // Percentages of the chart's width, so the bars follow the layout and the numbers keep their size.
              const pct = b.count === 0 ? 0 : Math.max(0.5, (b.count / max) * 82);
              const y = i * ROW + (ROW - BAR) / 2;
              const bar = (
                <>
                  <rect x={0} y={y} width={`${pct}%`} height={BAR} rx={2} className="hbar-bar" />
                  <text x={`${pct}%`} dx={6} y={y + BAR / 2} dominantBaseline="central" className="chart-value">
                    {formatCount(b.count)}
                  </text>
                </>
              );
              return b.href ? (
                <a key={b.key} href={hrefFor(b.href)} tabIndex={-1}>
                  {bar}
                </a>
              ) : (
                <g key={b.key}>{bar}</g>
              );
            })}
          </svg>
        </div>
      )}
      {restText ? <p className="muted small chart-rest">{restText[0]!.toUpperCase() + restText.slice(1)}</p> : null}
    </figure>
  );
}

export interface DayPoint {
  day: string;
  a: number;
  b: number;
  /** Where a click on the first series (a) goes. */
  hrefA?: string | null;
  /** Where a click on the second series (b) goes. */
  hrefB?: string | null;
}

/** "2026-11-25" → "25.11." */
const shortDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;

/**
 * Two series per day as grouped columns (received / finished), the numbers in a table with the days' links that
 * stays visually hidden until focused; clicking a column of the first series opens the queue of that day.
 */
export function DayChart({
  title,
  points,
  labelA,
  labelB,
}: {
  title: string;
  points: readonly DayPoint[];
  labelA: string;
  labelB: string;
}) {
  const captionId = useId();
  const height = 160;
  const max = Math.max(1, ...points.flatMap((p) => [p.a, p.b]));
  const sumA = points.reduce((s, p) => s + p.a, 0);
  const sumB = points.reduce((s, p) => s + p.b, 0);
  // Horizontal positions in percent of the chart's width (it fills the panel), heights in pixels.
  const slot = 100 / Math.max(1, points.length);
  const colW = slot * 0.36;
  const y = (n: number) => height - (n / max) * (height - 14);
  const label =
    `${title}: ${labelA} insgesamt ${formatCount(sumA)}, ${labelB} insgesamt ${formatCount(sumB)}. ` +
    points.map((p) => `${shortDay(p.day)} ${labelA} ${formatCount(p.a)}, ${labelB} ${formatCount(p.b)}`).join('; ');
  return (
    <figure className="chart chart-wide" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-title">
        {title}
        <span className="chart-legend" aria-hidden="true">
          <span className="legend-swatch legend-a" /> {labelA}
          <span className="legend-swatch legend-b" /> {labelB}
        </span>
      </figcaption>
      <svg className="day-svg" role="img" aria-label={label} width="100%" height={height + 18}>
        <line x1="0" x2="100%" y1={height} y2={height} className="chart-axis" />
        {points.map((p, i) => {
          const x = i * slot + (slot - 2 * colW) / 2;
          const colA = <rect x={`${x}%`} y={y(p.a)} width={`${colW}%`} height={height - y(p.a)} className="day-a" />;
          const colB = <rect x={`${x + colW}%`} y={y(p.b)} width={`${colW}%`} height={height - y(p.b)} className="day-b" />;
          return (
            <g key={p.day}>
              <title>{`${shortDay(p.day)}: ${labelA} ${p.a}, ${labelB} ${p.b}`}</title>
              {p.hrefA ? (
                <a href={hrefFor(p.hrefA)} tabIndex={-1}>
                  {colA}
                </a>
              ) : (
                colA
              )}
              {p.hrefB ? (
                <a href={hrefFor(p.hrefB)} tabIndex={-1}>
                  {colB}
                </a>
              ) : (
                colB
              )}
              {i % 5 === 4 || i === points.length - 1 ? (
                <text x={`${i * slot + slot / 2}%`} y={height + 13} textAnchor="middle" className="chart-tick">
                  {shortDay(p.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {/* Hidden until a keyboard user tabs into its links, then shown in place. */}
      <table className="sr-only-focusable chart-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">{labelA}</th>
            <th scope="col">{labelB}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.day}>
              <th scope="row">{shortDay(p.day)}</th>
              <td>{p.hrefA ? <a href={hrefFor(p.hrefA)}>{`${formatCount(p.a)} am ${shortDay(p.day)} eingegangen`}</a> : formatCount(p.a)}</td>
              <td>{p.hrefB ? <a href={hrefFor(p.hrefB)}>{`${formatCount(p.b)} am ${shortDay(p.day)} erledigt`}</a> : formatCount(p.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
