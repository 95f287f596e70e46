/**
 * Hundesteuer at the counter: a clerk registers a dog for a demo resident (free of charge), prints the Bescheid,
 * sees the Hundemarke's number and hands it over; then deregisters the dog (tag returned to stock, Schlussbescheid,
 * the dog's tag history). The administrator sees the stock of Hundemarken and the Satzung.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

/** "TT.MM.JJJJ" of today (Europe/Berlin) plus `days`. */
function germanDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

async function pickKowalski(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Lukasz Kowalski');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const row = page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Kowalski, Łukasz/ }).first();
  await row.getByRole('button', { name: /auswählen/ }).click();
  await expect(page.getByRole('heading', { name: 'Antragsteller' })).toBeVisible();
}

async function recordFree(page: Page): Promise<void> {
  await expect(page.getByRole('radio', { name: 'Gebührenfrei' })).toBeChecked();
  await expect(page.getByLabel('Grund der Gebührenfreiheit')).toHaveValue(/^Gebührenfrei: /);
  await page.getByRole('button', { name: 'Gebührenfreiheit erfassen' }).click();
  await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
}

test.describe('Hundesteuer: Anmeldung und Abmeldung am Schalter', () => {
  const server = useServer();
  let tagNumber = '';

  test('Ersteinrichtung und Sachbearbeiterin', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await signOut(page);
  });

  test('Sachbearbeiterin meldet einen Hund an, druckt den Bescheid und händigt die Hundemarke aus', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await pickKowalski(page);
    await page.getByRole('radio', { name: 'Hundesteuer – Anmeldung eines Hundes' }).check();

    await page.getByLabel('Anlass der Anmeldung').selectOption({ label: 'Aufnahme des Hundes (Kauf, Schenkung, Tierheim)' });
    await page.getByLabel('Beginn der Hundehaltung').fill(germanDay(-5));
    await page.getByLabel('Name des Hundes').fill('Bärbel');
    await page.getByLabel('Rasse').fill('Mischling (Labrador/Schäferhund)');
    await page.getByLabel('Farbe').fill('schwarz-braun');
    await page.getByLabel('Geschlecht des Hundes').selectOption({ label: 'Hündin' });
    await page.getByLabel('Geburtsdatum des Hundes').fill('01.06.2022');
    // A chip number of 14 digits is refused with the ISO message; the form keeps everything typed.
    await page.getByLabel('Chipnummer').fill('276 09 8100 12345');
    await page.getByLabel('Versicherungsunternehmen').fill('Emsländische Versicherung VVaG');
    await page.getByLabel('Versicherungsscheinnummer').fill('HH-2026/4711');
    await page.getByLabel('Theoretische Prüfung bestanden am').fill(germanDay(-30));
    await page.getByLabel('Im Zentralen Register eingetragen').check();
    await page.getByLabel('Eingetragen am').fill(germanDay(-3));
    await expect(page.getByLabel('Kontoinhaber')).toHaveValue('Łukasz Kowalski');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await expect(page.getByText('Gebühr: gebührenfrei')).toBeVisible();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByText('Die Chipnummer muss aus 15 Ziffern bestehen (ISO 11784/11785).').first()).toBeVisible();

    await page.getByLabel('Chipnummer').fill('276 09 8100 123456');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Hund und Hundesteuermarke' });
    await expect(panel).toContainText('Die Hundesteuermarke wird vergeben, wenn der Bescheid gedruckt wird');

    await recordFree(page);
    await page.getByRole('button', { name: 'Vorschau' }).click();
    const dialog = page.getByRole('dialog', { name: /Vorschau/ });
    await expect(dialog.getByTestId('pdf-pages')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Schließen' }).first().click();

    await page.getByRole('button', { name: 'Bescheid drucken und Hundemarke vergeben' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Druckaufträge' })).toContainText('Gedruckt');
    const tag = page.getByTestId('hundemarke');
    await expect(tag).toContainText(/Hundesteuermarke Nr\. \d+ – bitte mit dem Bescheid aushändigen/);
    tagNumber = /Nr\. (\d+)/.exec((await tag.textContent()) ?? '')![1]!;
    expect(Number(tagNumber)).toBeGreaterThanOrEqual(1001);
    await expect(panel).toContainText('erster Hund, 36,00 € im Jahr');
    await expect(panel).toContainText(`Nr. ${tagNumber} (ausgegeben)`);
    await expect(panel).toContainText('Mandatsreferenz HST-BB-');

    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');
    await expect(tag).toContainText(`Hundesteuermarke Nr. ${tagNumber} – mit dem Bescheid ausgehändigt`);

    // Weeks later the tag is lost: a replacement from the same case, against the replacement fee.
    await panel.getByRole('button', { name: 'Ersatzmarke ausgeben (2,50 €)' }).click();
    await panel.getByLabel('Grund der Ersatzmarke').fill('Marke beim Spaziergang verloren');
    await panel.getByRole('button', { name: 'Ersatzmarke gegen 2,50 € ausgeben' }).click();
    const lost = tagNumber;
    await expect(panel.getByText(/^Ersatzmarke Nr\. \d+ ausgegeben, Gebühr 2,50 € \(Quittung Q-\d{4}-\d{6}\)\.$/)).toBeVisible();
    tagNumber = /Ersatzmarke Nr\. (\d+)/.exec((await panel.getByText(/^Ersatzmarke Nr\./).textContent()) ?? '')![1]!;
    expect(tagNumber).not.toBe(lost);
    await expect(panel).toContainText(`Nr. ${lost} (verloren`);
    await expect(panel).toContainText(`Nr. ${tagNumber} (ausgegeben)`);
    await expect(page.getByTestId('ersatzmarke')).toHaveText(`Getragene Marke: Nr. ${tagNumber} (Ersatzmarke für Nr. ${lost})`);
    await expect(page.getByRole('table', { name: 'Verlauf' })).toContainText(`Ersatzmarke Nr. ${tagNumber} ausgegeben (Marke Nr. ${lost} als verloren erfasst)`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'hundesteuer-anmeldung.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('Sachbearbeiterin meldet den Hund ab: Marke zurück, Schlussbescheid', async ({ page }) => {
    expect(tagNumber).not.toBe('');
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await pickKowalski(page);
    await page.getByRole('radio', { name: 'Hundesteuer – Abmeldung eines Hundes' }).check();
    await page.getByLabel('Nummer der Hundesteuermarke').fill('1499');
    await page.getByLabel('Grund der Abmeldung').selectOption({ label: 'Tod des Hundes' });
    await page.getByLabel('Ende der Hundehaltung').fill(germanDay(-1));
    await expect(page.getByLabel('Hundesteuermarke zurückgegeben')).toBeChecked();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    // A tag still in stock belongs to no dog.
    await expect(page.getByText('Die Hundesteuermarke Nr. 1499 liegt im Bestand und ist keinem Hund zugeordnet.')).toBeVisible();

    await page.getByLabel('Nummer der Hundesteuermarke').fill(tagNumber);
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Hund und Hundesteuermarke' });
    await expect(panel).toContainText('Bärbel');
    await recordFree(page);
    await page.getByRole('button', { name: 'Schlussbescheid drucken' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByTestId('hundemarke')).toContainText(`Hundesteuermarke Nr. ${tagNumber} – zurückgegeben`);
    // The dog's tag history: the lost tag and the replacement handed back (now in stock again).
    const history = panel.getByTestId('tag-history');
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').first()).toContainText(/\(verloren\) – getragen \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}, Ersatzmarke: Marke beim Spaziergang verloren/);
    await expect(history.getByRole('listitem').last()).toContainText(`Nr. ${tagNumber} (zurückgegeben) – getragen`);
    await expect(history.getByRole('listitem').last()).toContainText('Abmeldung: Tod des Hundes');
    await expect(panel).toContainText('abgemeldet: Tod des Hundes');
    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');

    // The number handed back belongs to no dog now: a second Abmeldung with it is refused.
    await pickKowalski(page);
    await page.getByRole('radio', { name: 'Hundesteuer – Abmeldung eines Hundes' }).check();
    await page.getByLabel('Nummer der Hundesteuermarke').fill(tagNumber);
    await page.getByLabel('Grund der Abmeldung').selectOption({ label: 'Tod des Hundes' });
    await page.getByLabel('Ende der Hundehaltung').fill(germanDay(-1));
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByText(`Die Hundesteuermarke Nr. ${tagNumber} wurde am ${germanDay()} zurückgegeben und liegt wieder im Bestand; sie ist keinem Hund zugeordnet.`)).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('Administration sieht den Bestand an Hundemarken und die Satzung', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Hundesteuer', exact: true }).click();
    await expect(page.getByLabel('Erster Hund (€ im Jahr)')).toHaveValue('36,00');
    await expect(page.getByLabel('Gefährlicher Hund (€ im Jahr)')).toHaveValue('600,00');
    // 1001–1500 from the demo data: 1001 lost (replaced, never issued again), the replacement 1002 handed back and
    // in stock again as the next one to issue.
    await expect(page.getByTestId('tag-stock')).toHaveText(
      '499 frei im Bestand (nächste: Nr. 1002), davon 1 zurückgegeben (wieder im Bestand) · 0 ausgegeben · 1 verloren (werden nicht wieder ausgegeben)',
    );
    await page.getByLabel('Erste Nummer').fill('1501');
    await page.getByLabel('Letzte Nummer').fill('1600');
    await page.getByRole('button', { name: 'Marken in den Bestand aufnehmen' }).click();
    await expect(page.getByTestId('tag-stock')).toContainText('599 frei im Bestand');
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'hundesteuer-verwaltung.png'), fullPage: true });
    await page.getByLabel('Zweiter Hund (€ im Jahr)').fill('66,00');
    await page.getByRole('button', { name: 'Satzung speichern' }).click();
    await expect(page.getByText('Die Satzung wurde gespeichert.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Zweiter Hund (€ im Jahr)')).toHaveValue('66,00');
    expect(errors).toEqual([]);
  });
});
