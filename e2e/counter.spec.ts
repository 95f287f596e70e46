/**
 * The counter day of a clerk in browser mode: first start, a new colleague, a wrong password, and a
 * simple Meldebescheinigung from the register search to the closed case.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { filesBelow, projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

test.describe('Schalter: Meldebescheinigung von der Suche bis zur Aushändigung', () => {
  const server = useServer();
  let reference = '';

  test('Ersteinrichtung: Administrator anlegen und Demodaten laden', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);
    await expect(page.getByTestId('current-user')).toContainText('Administration');
    expect(errors).toEqual([]);
  });

  test('Administration legt eine Sachbearbeiterin an', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await createUser(page, CLERK);
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('ein falsches Passwort zeigt die deutsche Meldung', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, CLERK.username, 'ganz-falsches-passwort');
    await expect(page.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  });

  test('Sachbearbeiterin stellt eine einfache Meldebescheinigung aus', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByTestId('current-user')).toContainText('Sachbearbeitung');
    // Clerks do not see the administration.
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await expect(page.getByRole('heading', { name: 'Schalter – Neuer Vorgang' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill('Lukasz');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const results = page.getByRole('table', { name: 'Suchergebnisse' });
    const row = results.getByRole('row', { name: /Kowalski, Łukasz/ }).first();
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: /auswählen/ }).click();

    await expect(page.getByRole('heading', { name: 'Antragsteller' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Antragsteller' })).toContainText(/Łukasz.*Kowalski/);
    await expect(page.getByRole('radio', { name: 'einfach' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Aushändigung am Schalter' })).toBeChecked();
    await expect(page.getByText('Gebühr: 7,50 €')).toBeVisible();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ });
    await expect(heading).toBeVisible();
    reference = ((await heading.textContent()) ?? '').replace('Vorgang ', '').trim();
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');
    await expect(page.getByText('7,50 €').first()).toBeVisible();
    await expect(page.getByText('Gebühr laut Gebührensatzung, einstellbar unter Verwaltung → Gebühren.')).toBeVisible();

    // Cash payment → receipt number.
    await expect(page.getByRole('radio', { name: 'Bar' })).toBeChecked();
    await page.getByRole('button', { name: '7,50 € bar kassieren' }).click();
    await expect(page.getByText(/^Quittungsnummer Q-\d{4}-\d{6}$/)).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');

    // Preview: every page of the PDF drawn into a canvas.
    await page.getByRole('button', { name: 'Vorschau' }).click();
    const dialog = page.getByRole('dialog', { name: /Vorschau/ });
    await expect(dialog.getByTestId('pdf-pages')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const pages = Number(await dialog.getByTestId('pdf-pages').getAttribute('data-pages'));
    expect(pages).toBeGreaterThanOrEqual(1);
    await expect(dialog.locator('canvas')).toHaveCount(pages);
    await dialog.getByRole('button', { name: 'Schließen' }).first().click();
    await expect(dialog).toBeHidden();

    // Print on the folder adapter → issued, the PDF lies in the outbox.
    await page.getByRole('button', { name: 'Drucken und ausstellen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Druckaufträge' })).toContainText('Gedruckt');
    const docs = page.getByRole('table', { name: 'Dokumente' });
    await expect(docs.getByRole('row')).toHaveCount(2);
    expect(filesBelow(server().dataDir, '.pdf').length).toBeGreaterThanOrEqual(1);

    // The issued document opens in the same viewer.
    await docs.getByRole('button', { name: /öffnen/ }).click();
    const docDialog = page.getByRole('dialog', { name: /Dokument/ });
    await expect(docDialog.getByTestId('pdf-pages')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await docDialog.getByRole('button', { name: 'Schließen' }).first().click();

    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');
    const history = page.getByRole('table', { name: 'Verlauf' });
    await expect(history).toContainText('Dokument ausgehändigt');
    await expect(history).toContainText('Maria Müller');

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'case.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('Suche nach Geburtsdatum (TT.MM.JJJJ) zeigt die Auskunftssperre', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Geburtsdatum').fill('31.02.1988');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect(page.getByText('Bitte das Geburtsdatum als TT.MM.JJJJ eingeben.')).toBeVisible();
    await page.getByLabel('Geburtsdatum').fill('05.04.1988');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const row = page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Çelik, Yıldız/ });
    await expect(row).toContainText('05.04.1988');
    await expect(row).toContainText('Rheiner Straße 45');
    await expect(row.getByText('Auskunftssperre')).toBeVisible();
    await row.getByRole('button', { name: /auswählen/ }).click();
    await expect(page.getByRole('region', { name: 'Antragsteller' })).toContainText('Auskunftssperre');
  });

  test('die Warteschlange zeigt den abgeschlossenen Vorgang nur mit „abgeschlossene anzeigen“', async ({ page }) => {
    expect(reference).toMatch(/^BB-\d{4}-\d{6}$/);
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Vorgänge' });
    await expect(table).toContainText('Keine offenen Vorgänge.');
    await expect(table.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);

    await page.getByLabel('abgeschlossene anzeigen').check();
    const row = table.getByRole('row', { name: new RegExp(reference) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Kowalski');
    await expect(row).toContainText('Abgeschlossen');
    await expect(row).toContainText('Vorsprache');
    await expect(row).toContainText('Maria Müller');

    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'queue.png'), fullPage: true });

    // Search by reference, then open with the keyboard.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Suche')).toBeFocused();
    await page.keyboard.type(reference);
    await expect(table.getByRole('row')).toHaveCount(2);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: `Vorgang ${reference}` })).toBeVisible();
    expect(errors).toEqual([]);
  });
});
