/**
 * A print that fails: the clerk sees the German message prominently, the case stays "Bereit zur Ausstellung"
 * with the failed job listed, and after the printer is fixed the same document is printed.
 */
import { expect, test, type Page } from '@playwright/test';
import { firstRunSetup } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

/** Calls the API the way the renderer does (same origin, session cookie of the page's context). */
async function api(page: Page, baseUrl: string, op: string, input: unknown) {
  const res = await page.request.post(`${baseUrl}api/${op}`, {
    data: input,
    headers: { origin: baseUrl.replace(/\/$/, '') },
  });
  return (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
}

test.describe('Druckfehler', () => {
  const server = useServer();

  test('fehlgeschlagener Druck lässt den Vorgang unverändert, Nachdruck nach Korrektur', async ({ page }) => {
    const errors = watchPageErrors(page);
    const url = server().url;
    await firstRunSetup(page, url);

    // A system printer that does not exist (the settings screen only offers printers the system reports).
    const current = await api(page, url, 'settings.get', {});
    expect(current.ok).toBe(true);
    const printers = (current.data as { printers: Record<string, object> }).printers;
    const set = await api(page, url, 'settings.update', {
      printers: { ...printers, certificate: { adapter: 'system', printerName: 'Gibt-es-nicht', media: 'A4', tray: '' } },
    });
    expect(set.ok).toBe(true);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Mustermann');
    await page.getByLabel('Geburtsdatum').fill('25.01.1962');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('button', { name: 'Max Mustermann auswählen' }).click();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-/ })).toBeVisible();
    await page.getByRole('radio', { name: 'EC-Karte' }).check();
    await page.getByRole('button', { name: '7,50 € per EC-Karte kassieren' }).click();
    await expect(page.getByText(/^Quittungsnummer Q-/)).toBeVisible();

    await page.getByRole('button', { name: 'Drucken und ausstellen' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Drucken fehlgeschlagen' });
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText('Gibt-es-nicht');
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    const jobs = page.getByRole('table', { name: 'Druckaufträge' });
    await expect(jobs).toContainText('Fehlgeschlagen');
    await expect(jobs).toContainText('Gibt-es-nicht');
    const caseUrl = page.url();

    // Back to the folder adapter in the settings screen, then print again.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Drucker' }).click();
    await expect(page.getByLabel('Ausgabe Bescheinigungen')).toHaveValue('system');
    await page.getByLabel('Ausgabe Bescheinigungen').selectOption({ label: 'Ablageordner' });
    await page.getByRole('button', { name: 'Druckereinstellungen speichern' }).click();
    await expect(page.getByText('Die Druckereinstellungen wurden gespeichert.')).toBeVisible();

    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Drucken und ausstellen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(jobs.getByRole('row')).toHaveCount(3);
    await expect(jobs).toContainText('Gedruckt');
    // The failed document was reprinted under its number: still one document.
    await expect(page.getByRole('table', { name: 'Dokumente' }).getByRole('row')).toHaveCount(2);
    expect(errors).toEqual([]);
  });
});
