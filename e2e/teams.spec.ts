/**
 * Team work as it happens in the office: online cases nobody holds yet; two clerks click "Übernehmen" on the
 * same case at the same moment (two browser contexts) and exactly one gets it; a supervisor reassigns cases
 * and the clerk finds them under "Meine Fälle"; the dashboard's figures match the queue they open; the queue
 * view exports as CSV with the same rows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const CLERK2 = { username: 'tschmidt', displayName: 'Thomas Schmidt', password: 'Schalter-Lingen-2' };
const LEAD = { username: 'kleiter', displayName: 'Karin Leiter', password: 'Teamleitung-2026' };

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

async function signedIn(browser: Browser, url: string, user: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, user.username, user.password);
  await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
  return page;
}

/** Total from the queue's footer "1–3 von 3 Vorgängen". */
async function queueTotal(page: Page): Promise<number> {
  const footer = page.getByText(/von [\d.+]+ Vorgängen|Keine Vorgänge/).first();
  await expect(footer).toBeVisible();
  const text = (await footer.textContent()) ?? '';
  const m = /von ([\d.]+) Vorgängen/.exec(text);
  return m ? Number(m[1]!.replace(/\./g, '')) : 0;
}

test.describe('Team: Übernehmen, Zuweisen, Übersicht', () => {
  const server = useServer({ env: { BBDESK_PORTAL_SIM: '1', BBDESK_PORTAL_SIM_FEED: '0' } });

  test('Vorbereitung: Benutzer, fünf Online-Anträge im Abruf', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await createUser(page, CLERK2);
    await createUser(page, LEAD, 'Teamleitung');
    let m: RegExpExecArray | null = null;
    await expect
      .poll(() => (m = /Demo-Portal \(FIT-Connect-Simulator\): (http:\/\/\S+) – Zustellpunkt (\S+)/.exec(server().output())), { timeout: 60_000 })
      .not.toBeNull();
    execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'electron', 'cli.cjs'), 'portal-sim', 'submit', '--service', 'all', '--count', '5', '--api', m![1]!, '--blank-forms']);
    await nav(page, 'Vorgänge');
    const sync = page.getByRole('status', { name: 'Portal-Abruf' });
    await sync.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await expect(page.locator('table tbody tr', { hasText: 'Online' })).toHaveCount(5);
    await signOut(page);
  });

  test('zwei Sachbearbeiterinnen übernehmen denselben Vorgang gleichzeitig: genau eine bekommt ihn', async ({ browser }) => {
    const a = await signedIn(browser, server().url, CLERK);
    const b = await signedIn(browser, server().url, CLERK2);
    const errors = [...watchPageErrors(a), ...watchPageErrors(b)];
    for (const p of [a, b]) {
      await p.getByRole('group', { name: 'Zuständigkeit' }).getByRole('button', { name: 'Nicht zugewiesen' }).click();
      await p.locator('table tbody tr').first().click();
      await expect(p.getByRole('region', { name: 'Zuständigkeit' })).toContainText('Nicht übernommen');
    }
    await Promise.all([a, b].map((p) => p.getByRole('region', { name: 'Zuständigkeit' }).getByRole('button', { name: 'Übernehmen' }).click()));
    const holders = await Promise.all(
      [a, b].map(async (p) => {
        const region = p.getByRole('region', { name: 'Zuständigkeit' });
        await expect(region).toContainText(/Bearbeitung: |wird von .* bearbeitet/i);
        return (await region.textContent()) ?? '';
      }),
    );
    const won = holders.filter((t) => /Bearbeitung: (Maria Müller|Thomas Schmidt) seit/.test(t) && !/wird von/i.test(t));
    expect(holders.some((t) => /wird von (Maria Müller|Thomas Schmidt) bearbeitet/i.test(t))).toBe(true);
    expect(won.length).toBe(1);
    // The loser's changing buttons are off; a reload shows the winner.
    await a.reload();
    await b.reload();
    const texts = await Promise.all([a, b].map((p) => p.getByTestId('case-holder').textContent()));
    expect(texts[0]).toBe(texts[1]);
    expect(errors.filter((e) => !e.includes('HTTP 409'))).toEqual([]);
    await a.context().close();
    await b.context().close();
  });

  test('Teamleitung weist zwei Vorgänge Thomas Schmidt zu; er findet sie unter „Meine Fälle“', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, LEAD.username, LEAD.password);
    await page.getByRole('group', { name: 'Zuständigkeit' }).getByRole('button', { name: 'Nicht zugewiesen' }).click();
    const rows = page.locator('table tbody tr');
    await expect(rows).toHaveCount(4);
    const refs = (await rows.locator('td').filter({ hasText: /^BB-\d{4}-\d{6}$/ }).allTextContents()).slice(0, 2).map((t) => t.trim());
    expect(refs).toHaveLength(2);
    for (const ref of refs) await page.getByLabel(`${ref} auswählen`).check();
    await page.getByRole('button', { name: 'Zuweisen …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vorgänge zuweisen' });
    await dialog.getByLabel('Sachbearbeitung').selectOption({ label: `${CLERK2.displayName} (Bürgerbüro Lingen (Ems))` });
    await dialog.getByLabel('Grund').fill('Urlaubsvertretung');
    await dialog.getByRole('button', { name: 'Zuweisen', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(rows).toHaveCount(2);
    await signOut(page);

    await signIn(page, CLERK2.username, CLERK2.password);
    await page.getByRole('group', { name: 'Zuständigkeit' }).getByRole('button', { name: 'Meine Fälle' }).click();
    for (const ref of refs) await expect(page.locator('table tbody tr', { hasText: ref })).toBeVisible();
    await page.locator('table tbody tr', { hasText: refs[0]! }).click();
    await expect(page.getByTestId('case-holder')).toContainText('Thomas Schmidt');
    await expect(page.locator('table', { hasText: 'Zugewiesen an Thomas Schmidt' })).toContainText('Urlaubsvertretung');
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('Übersicht: Zahlen stimmen mit der Warteschlange überein; CSV-Export mit denselben Zeilen', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, LEAD.username, LEAD.password);
    await nav(page, 'Übersicht');
    await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    const figures = page.getByRole('region', { name: 'Kennzahlen' });
    const openLink = figures.getByRole('link', { name: /offene Vorgänge/ });
    const open = Number(((await openLink.locator('.figure-value').textContent()) ?? '').replace(/\./g, ''));
    expect(open).toBe(5);
    await openLink.click();
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    expect(await queueTotal(page)).toBe(open);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV exportieren' }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(open);
    for (const row of await page.locator('table tbody tr td').filter({ hasText: /^BB-\d{4}-\d{6}$/ }).allTextContents()) {
      expect(csv).toContain(row.trim());
    }
    expect(errors).toEqual([]);
  });
});
