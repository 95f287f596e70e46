/**
 * Briefwahl at the counter: a clerk picks a demo resident, the voter is found in the Wählerverzeichnis of the demo
 * election, the Wahlschein is collected in person — free of charge, printed, handed over, closed. The voter then
 * shows "W" in the Wahlscheinverzeichnis screen, and a second application for the same voter is refused with the
 * German reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { filesBelow, projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

async function briefwahlForHildegardAlbrecht(page: Page) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
  await expect(page.getByRole('heading', { name: 'Schalter – Neuer Vorgang' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Albrecht Hildegard');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const row = page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Albrecht, Hildegard/ }).first();
  await row.getByRole('button', { name: /auswählen/ }).click();
  await page.getByRole('radio', { name: 'Wahlschein und Briefwahlunterlagen' }).check();
  await expect(page.getByLabel('Wahl', { exact: true })).toHaveValue('ltw-2027');
  // Prefilled from the resident: the one voter with this name and birth date is taken.
  await expect(page.getByTestId('briefwahl-voter')).toContainText('Hildegard Albrecht');
  await expect(page.getByTestId('briefwahl-voter')).toContainText('001-0001');
}

test.describe('Schalter: Briefwahl', () => {
  const server = useServer();

  test('Ersteinrichtung und Sachbearbeiterin', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await signOut(page);
  });

  test('Wahlschein zur persönlichen Abholung: gebührenfrei, gedruckt, ausgehändigt; „W“ im Wahlscheinverzeichnis', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await briefwahlForHildegardAlbrecht(page);
    await expect(page.getByLabel('Antragsweg')).toHaveValue('walk_in');
    await page.getByRole('radio', { name: 'Persönliche Abholung' }).check();
    await expect(page.getByText('Gebühr: gebührenfrei')).toBeVisible();
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'briefwahl-counter.png'), fullPage: true });
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ });
    await expect(heading).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');

    // Free of charge, with the reason prefilled.
    await expect(page.getByRole('radio', { name: 'Gebührenfrei' })).toBeChecked();
    await expect(page.getByLabel('Grund der Gebührenfreiheit')).toHaveValue(/Gebührenfrei/);
    await page.getByRole('button', { name: 'Gebührenfreiheit erfassen' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');

    await page.getByRole('button', { name: 'Wahlschein drucken und erteilen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByTestId('wahlschein-number')).toHaveText('WS 001-0001');
    await expect(page.getByRole('table', { name: 'Dokumente' })).toContainText(/BW-\d{4}-\d{6}/);
    const pdfs = filesBelow(server().dataDir, '.pdf');
    expect(pdfs.length).toBe(1);
    fs.mkdirSync(path.join(projectRoot, 'test-results'), { recursive: true });
    fs.copyFileSync(pdfs[0]!, path.join(projectRoot, 'test-results', 'briefwahl-wahlschein.pdf'));

    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'briefwahl-case.png'), fullPage: true });

    // The Wahlscheinverzeichnis screen.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Briefwahl' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Briefwahl' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Wahlscheinverzeichnis' });
    const line = table.getByRole('row', { name: /WS 001-0001/ });
    await expect(line).toContainText('Albrecht, Hildegard');
    await expect(line).toContainText('001-0001');
    await expect(line.getByRole('cell', { name: 'W', exact: true })).toBeVisible();
    await expect(line).toContainText('Persönlich abgeholt');

    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'briefwahl-screen.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV exportieren' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^wahlscheinverzeichnis-ltw-2027-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFWahlschein-Nr.;')).toBe(true);
    expect(csv).toContain('WS 001-0001;');

    await page.getByRole('button', { name: 'Als PDF' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wahlscheinverzeichnis' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'briefwahl-verzeichnis.png') });
    await dialog.getByRole('button', { name: 'Schließen' }).last().click();
    expect(errors).toEqual([]);
  });

  test('ein zweiter Antrag für dieselbe Person wird mit dem Grund abgelehnt', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await briefwahlForHildegardAlbrecht(page);
    await expect(page.getByRole('table', { name: 'Wählerverzeichnis' })).toContainText('W · WS 001-0001');
    await page.getByRole('radio', { name: 'Versand an die Wohnanschrift' }).check();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByRole('alert')).toContainText(
      /Für diese Person wurde bereits der Wahlschein WS 001-0001 am \d{2}\.\d{2}\.\d{4} erteilt; je Person gibt es nur einen gültigen Wahlschein\./,
    );
    await expect(page.getByRole('heading', { name: 'Schalter – Neuer Vorgang' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('der Wahlschein wird für ungültig erklärt und steht im Verzeichnis der ungültigen Wahlscheine', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Briefwahl' }).click();
    await page.getByRole('button', { name: 'WS 001-0001 für ungültig erklären' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wahlschein WS 001-0001 für ungültig erklären' });
    await dialog.getByLabel('Grund').selectOption({ label: 'Nicht zugegangen (Ersatz-Wahlschein erteilt)' });
    await dialog.getByLabel('Begründung').fill('Unterlagen nach Angabe der Wählerin nicht angekommen');
    await dialog.getByRole('button', { name: 'Für ungültig erklären' }).click();
    await expect(dialog).toBeHidden();
    await page.getByLabel('Verzeichnis', { exact: true }).selectOption({ label: 'Verzeichnis der für ungültig erklärten Wahlscheine' });
    const table = page.getByRole('table', { name: 'Verzeichnis der für ungültig erklärten Wahlscheine' });
    await expect(table.getByRole('row', { name: /WS 001-0001/ })).toContainText('ungültig seit');
    await expect(table).toContainText('Unterlagen nach Angabe der Wählerin nicht angekommen');
    expect(errors).toEqual([]);
  });
});
