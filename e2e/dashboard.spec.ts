/**
 * The supervisors' dashboard ("Übersicht"): its figures and bars open the queue with the matching filter and the
 * queue counts the same; the queue view exported as CSV has the rows the queue shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { ADMIN, firstRunSetup, signIn, signOut } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const LEAD = { username: 'lleitung', displayName: 'Lea Leitung', password: 'Teamleitung-2026!' };

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

/** The queue's count as its footer says it ("1–7 von 7 Vorgängen", "1 Vorgang", "Keine Vorgänge"). */
async function queueTotal(page: Page): Promise<number> {
  const foot = page.getByTestId('queue-total');
  await expect(page.getByRole('table', { name: 'Vorgänge' })).not.toHaveAttribute('aria-busy', 'true');
  const text = (await foot.textContent()) ?? '';
  if (text.startsWith('Keine Vorgänge')) return 0;
  if (text.startsWith('1 Vorgang')) return 1;
  const m = /von ([\d.]+) Vorgängen/.exec(text);
  if (!m) throw new Error(`Unerwartete Fußzeile: ${text}`);
  return Number(m[1]!.replace(/\./g, ''));
}

/** "12 überfällig" → 12 */
const leadingNumber = (name: string) => Number((/^([\d.]+)/.exec(name)?.[1] ?? 'NaN').replace(/\./g, ''));

test.describe('Übersicht der Teamleitung', () => {
  const server = useServer();

  test('Vorbereitung: Vorgänge in verschiedenen Lagen, eine Teamleitung', async ({ page }) => {
    await firstRunSetup(page, server().url);
    const url = server().url;
    await api(page, url, 'users.create', { username: LEAD.username, displayName: LEAD.displayName, role: 'supervisor', siteId: 1, password: LEAD.password });
    const people = await api(page, url, 'residents.search', { name: 'Kowalski' });
    const residentId = people[0]!.id;
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await api(page, url, 'cases.createWalkIn', {
        serviceId: 'meldebescheinigung',
        residentId,
        data: { kind: 'einfach', purpose: 'allgemein', extendedItems: [], copies: 1 },
        deliveryMethod: i % 2 ? 'post' : 'counter',
        registered: null,
      });
      ids.push(c.id);
    }
    await api(page, url, 'cases.recordPayment', { caseId: ids[1]!, method: 'cash' });
    await api(page, url, 'cases.recordPayment', { caseId: ids[3]!, method: 'cash' });
    // Dates: two overdue, one due today (the core's clock is the real one), received on earlier days.
    const db = new Database(path.join(server().dataDir, 'bbdesk.sqlite'));
    try {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
      const set = db.prepare('UPDATE cases SET target_date = ?, legal_deadline_at = NULL, created_at = ? WHERE id = ?');
      set.run(day(-3), new Date(Date.now() - 9 * 86_400_000).toISOString(), ids[0]);
      set.run(day(-1), new Date(Date.now() - 4 * 86_400_000).toISOString(), ids[1]);
      set.run(day(0), new Date(Date.now() - 2 * 86_400_000).toISOString(), ids[2]);
      set.run(day(5), new Date().toISOString(), ids[3]);
    } finally {
      db.close();
    }
    await signOut(page);
  });

  test('jede Kennzahl und jeder Balken öffnet die Vorgänge mit derselben Zahl', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, LEAD.username, LEAD.password);
    await nav(page, 'Übersicht');
    await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();

    const figures = page.getByRole('region', { name: 'Kennzahlen' });
    await expect(figures.getByRole('link', { name: /^\d+ überfällig$/ })).toHaveAccessibleName('2 überfällig');
    await expect(figures.getByRole('link', { name: /^\d+ heute fällig$/ })).toHaveAccessibleName('1 heute fällig');
    await expect(figures.getByRole('link', { name: /^\d+ offene Vorgänge$/ })).toHaveAccessibleName('7 offene Vorgänge');
    await expect(page.getByRole('img', { name: /^Offene Vorgänge nach Status: .*Bereit zur Ausstellung 2,/ })).toBeVisible();

    // Figures, then one bar of each chart: the link's number is the queue's count.
    const links = [
      figures.getByRole('link', { name: /überfällig$/ }),
      figures.getByRole('link', { name: /heute fällig$/ }),
      figures.getByRole('link', { name: /offene Vorgänge$/ }),
      page.getByRole('link', { name: /^In Bearbeitung: \d+$/ }),
      page.getByRole('link', { name: /^Bereit zur Ausstellung: \d+$/ }),
      page.getByRole('link', { name: /^Meldebescheinigung: \d+$/ }),
      page.getByRole('link', { name: /^Vorsprache: \d+$/ }),
      page.getByRole('link', { name: /^Bürgerbüro Lingen \(Ems\): \d+$/ }),
      page.getByRole('link', { name: /^4–7 Tage: \d+$/ }),
      page.getByRole('link', { name: /^0–1 Tage: \d+$/ }),
    ];
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      const name = (await link.getAttribute('aria-label')) ?? (await link.innerText());
      const expected = /: /.test(name) ? Number(name.split(': ')[1]) : leadingNumber(name.replace(/\s+/g, ' ').trim());
      await link.click();
      await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
      expect(page.url()).toContain('#/vorgaenge?');
      expect(await queueTotal(page), `${name} → ${page.url()}`).toBe(expected);
      await page.goBack();
      await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
    }
    expect(errors).toEqual([]);
  });

  test('die überfälligen Vorgänge sind markiert und lassen sich als CSV mit denselben Zeilen exportieren', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, LEAD.username, LEAD.password);
    await nav(page, 'Übersicht');
    await page.getByRole('region', { name: 'Kennzahlen' }).getByRole('link', { name: /überfällig$/ }).click();
    const table = page.getByRole('table', { name: 'Vorgänge' });
    await expect(table.locator('tbody tr.row-overdue')).toHaveCount(2);
    await expect(table.locator('tbody tr').first()).toContainText('überfällig');
    expect(await page.getByLabel('Fällig').inputValue()).toBe('overdue');
    const shown = (await table.locator('tbody tr td.mono').allInnerTexts()).map((t) => t.trim());

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV exportieren' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vorgaenge-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(server().dataDir, 'export.csv');
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trim().split('\r\n').map((l) => l.split(';'));
    expect(rows[0]!.slice(0, 3)).toEqual(['Aktenzeichen', 'Leistung', 'Antragsteller']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(shown);
    expect(rows.slice(1).every((r) => r.at(-1) === 'überfällig')).toBe(true);
  });

  test('Sachbearbeitung sieht keine Übersicht', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await api(page, server().url, 'users.create', { username: 'sbtest', displayName: 'Sina Bauer', role: 'clerk', siteId: 1, password: 'Schalter-Lingen-1' });
    await signOut(page);
    await signIn(page, 'sbtest', 'Schalter-Lingen-1');
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht' })).toHaveCount(0);
    await page.goto(`${server().url}#/dashboard`);
    await expect(page.getByRole('alert')).toContainText('der Teamleitung und der Administration vorbehalten');
  });
});
