/** The charts as static markup: an image with every number in its name, and the numbers and links as text. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { DayChart, HBarChart } from './Charts';

describe('charts', () => {
  it('draws horizontal bars as an image named with all numbers, the labels linking to the queue', () => {
    const html = renderToStaticMarkup(
      <HBarChart
        title="Offene Vorgänge nach Status"
        bars={[
          { key: 'new', label: 'Neu', count: 1234, href: '/vorgaenge?status=new' },
          { key: 'waiting', label: 'Wartet auf Antragsteller', count: 0, href: '/vorgaenge?status=waiting' },
          { key: 'x', label: 'Ohne Link', count: 5 },
        ]}
      />,
    );
    expect(html).toContain('role="img" aria-label="Offene Vorgänge nach Status: Neu 1.234, Wartet auf Antragsteller 0, Ohne Link 5"');
    expect(html).toContain('<a href="#/vorgaenge?status=new" title="Neu" aria-label="Neu: 1.234">Neu</a>');
    expect(html).toContain('<figcaption');
    expect(html).not.toContain('<a href="#/vorgaenge?x');
  });

  it('says when there is nothing to draw', () => {
    const html = renderToStaticMarkup(<HBarChart title="Erledigt je Sachbearbeitung" bars={[]} emptyText="Nichts erledigt." />);
    expect(html).toContain('Nichts erledigt.');
    expect(html).not.toContain('<svg');
  });

  it('draws two series per day with the numbers in a table and the days linked', () => {
    const html = renderToStaticMarkup(
      <DayChart
        title="Eingang und Erledigung je Tag"
        labelA="Eingang"
        labelB="erledigt"
        points={[
          { day: '2026-11-24', a: 10, b: 7, hrefA: '/vorgaenge?from=2026-11-24&to=2026-11-24&finished=1' },
          { day: '2026-11-25', a: 3, b: 0 },
        ]}
      />,
    );
    expect(html).toContain('aria-label="Eingang und Erledigung je Tag: Eingang insgesamt 13, erledigt insgesamt 7. 24.11. Eingang 10, erledigt 7; 25.11. Eingang 3, erledigt 0"');
    expect(html).toContain('<a href="#/vorgaenge?from=2026-11-24&amp;to=2026-11-24&amp;finished=1">10 am 24.11. eingegangen</a>');
  });
});
