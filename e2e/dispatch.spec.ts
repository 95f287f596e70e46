/**
 * Postal dispatch as a clerk does it: three Meldebescheinigungen "Versand per Post" (one as Einschreiben Einwurf, one
 * released without payment), a print run over all of them with progress and postage, the Postausgangsbuch with the
 * Einschreiben number, its CSV and PDF, and the dispatched case. Then a long run is paused and resumed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseEuro } from '../shared/domain/money';
import { s10CheckDigit } from '../shared/domain/registered-mail';
import { api, createPaidPostCase } from './support/api';
import { ADMIN, CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

interface Person {
  name: string;
  birthDate: string;
  /** Accessible name of the "auswählen" button of the search result. */
  pick: string;
}

const KOWALSKI: Person = { name: 'Kowalski', birthDate: '14.03.1985', pick: 'Łukasz Kowalski auswählen' };
const GUENES: Person = { name: 'Güneş', birthDate: '21.06.1990', pick: 'Ayşe Güneş auswählen' };
const MUSTERMANN: Person = { name: 'Mustermann', birthDate: '25.01.1962', pick: 'Max Mustermann auswählen' };

/** The counter: a Meldebescheinigung "Versand per Post" for the person; returns the case reference. */
async function createPostCase(page: Page, person: Person, registered: 'einwurf' | null = null): Promise<string> {
  await nav(page, 'Neuer Vorgang');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Geburtsdatum').fill(person.birthDate);
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.getByRole('button', { name: person.pick }).click();
  // The Einschreiben choice appears only for postal delivery.
  await expect(page.getByLabel('Einschreiben')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Versand per Post' }).check();
  const reg = page.getByLabel('Einschreiben');
  await expect(reg).toHaveValue('');
  await expect(reg.locator('option')).toHaveText(['kein Einschreiben', /^Einwurf/, /^Übergabe/, /^Rückschein/]);
  if (registered) await reg.selectOption(registered);
  await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ });
  await expect(heading).toBeVisible();
  await expect(page.locator('.case-head')).toContainText('Versand per Post');
  return ((await heading.textContent()) ?? '').replace('Vorgang ', '').trim();
}

/** Sum of "1,23 €" texts in cents. */
function sumEuro(texts: string[]): number {
  return texts.reduce((n, t) => n + (parseEuro(t.replace(/\s/g, ' ').trim()) ?? NaN), 0);
}

test.describe('Postausgang', () => {
  const server = useServer();
  const refs = { kowalski: '', guenes: '', mustermann: '' };

  test('Administration: Bankverbindung für Gebührenanforderungen, Sachbearbeiterin anlegen', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await nav(page, 'Verwaltung');
    await page.getByRole('link', { name: 'Postversand' }).click();
    await expect(page.getByRole('heading', { name: 'Postversand', level: 2 })).toBeVisible();
    // The demo data bring the IBAN standard's example account; the panel asks for the town's own.
    await expect(page.getByText('Beispielkonto aus den Demodaten')).toBeVisible();
    // Defaults shown in euros.
    await expect(page.getByLabel('Standardbrief (€)')).toHaveValue('0,95');
    await expect(page.getByLabel('Einschreiben Einwurf (€)')).toHaveValue('2,35');
    await expect(page.getByLabel('Umschläge drucken')).toBeChecked();

    await page.getByLabel('Kontoinhaber').fill('Stadt Lingen (Ems) – Stadtkasse');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
    await page.getByLabel('BIC').fill('COBADEFFXXX');
    await page.getByLabel('Kreditinstitut').fill('Commerzbank Lingen');
    await page.getByRole('button', { name: 'Postversand speichern' }).click();
    // The API's German message stands at the field.
    await expect(page.locator('.field', { has: page.getByLabel('IBAN') })).toContainText('Die IBAN ist ungültig (Prüfziffer oder Länge).');

    await page.getByLabel('IBAN').fill('DE02 1203 0000 0000 2020 51');
    await page.getByRole('button', { name: 'Postversand speichern' }).click();
    await expect(page.getByText('Die Einstellungen für den Postversand wurden gespeichert.')).toBeVisible();
    await expect(page.getByText('Beispielkonto aus den Demodaten')).toHaveCount(0);
    const stored = await api(page, server().url, 'settings.get', {});
    expect(stored.bank.bic).toBe('COBADEFFXXX');
    expect(stored.postage.products.standard.cents).toBe(95);

    // The printer profiles belong to this workstation.
    await page.getByRole('link', { name: 'Drucker', exact: true }).click();
    await expect(page.getByText('Die Druckerprofile gelten für diesen Arbeitsplatz')).toBeVisible();

    await createUser(page, CLERK);
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('Sachbearbeiterin legt drei Meldebescheinigungen zum Postversand an', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByTestId('current-user')).toContainText('Sachbearbeitung');

    // 1: Einschreiben Einwurf, paid in cash.
    refs.kowalski = await createPostCase(page, KOWALSKI, 'einwurf');
    await page.getByRole('button', { name: '7,50 € bar kassieren' }).click();
    await expect(page.getByText(/^Quittungsnummer Q-/)).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await expect(page.getByText('Wird mit dem nächsten Druckauftrag im Postausgang versandt')).toBeVisible();

    // 2: paid in cash.
    refs.guenes = await createPostCase(page, GUENES);
    await page.getByRole('button', { name: '7,50 € bar kassieren' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');

    // 3: released without payment — the cover letter asks for the fee.
    refs.mustermann = await createPostCase(page, MUSTERMANN);
    await page.getByRole('button', { name: 'Ohne Zahlung zum Postversand freigeben (Gebühr wird angefordert)' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await expect(page.getByText('Keine Zahlung erfasst.')).toBeVisible();
    const hint = page.getByText('Wird mit dem nächsten Druckauftrag im Postausgang versandt');
    await expect(hint).toBeVisible();
    await page.getByRole('link', { name: 'Zum Postausgang' }).click();
    await expect(page.getByRole('heading', { name: 'Postausgang', level: 1 })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('Druckauftrag über alle versandbereiten Vorgänge: Fortschritt, Porto, Nachdruck', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await nav(page, 'Postausgang');
    await expect(page.getByRole('link', { name: 'Versandbereit' })).toHaveAttribute('aria-current', 'page');

    const ready = page.getByRole('table', { name: 'Versandbereite Vorgänge' });
    for (const ref of Object.values(refs)) await expect(ready.getByRole('row', { name: new RegExp(ref) })).toBeVisible();
    await expect(ready.locator('tbody tr')).toHaveCount(3);
    const kowalskiRow = ready.getByRole('row', { name: new RegExp(refs.kowalski) });
    await expect(kowalskiRow).toContainText('Einschreiben Einwurf');
    await expect(kowalskiRow).toContainText('Meldebescheinigung');
    await expect(ready.getByRole('row', { name: new RegExp(refs.mustermann) })).toContainText('7,50 €');
    await expect(ready.getByRole('row', { name: new RegExp(refs.guenes) })).not.toContainText('7,50 €');

    // "alle auswählen" selects every row; unselecting one leaves the header checkbox unchecked.
    await ready.getByLabel('alle auswählen').check();
    for (const ref of Object.values(refs)) await expect(ready.getByLabel(`${ref} auswählen`)).toBeChecked();
    await expect(page.getByTestId('start-run-summary')).toContainText('die 3 ausgewählten Vorgänge');
    await ready.getByLabel(`${refs.guenes} auswählen`).uncheck();
    await expect(ready.getByLabel('alle auswählen')).not.toBeChecked();
    await expect(page.getByTestId('start-run-summary')).toContainText('die 2 ausgewählten Vorgänge');
    await ready.getByLabel('alle auswählen').check();
    await expect(page.getByTestId('start-run-summary')).toContainText('Ein Anschreiben fordert die offene Gebühr an.');

    await page.getByRole('button', { name: 'Druckauftrag starten' }).click();
    const panel = page.getByRole('region', { name: /^Druckauftrag Nr\. \d+$/ });
    await expect(panel).toBeVisible();
    await expect(page.getByRole('link', { name: 'Druckaufträge' })).toHaveAttribute('aria-current', 'page');
    // Progress: items printed of the total (3 cases × document, cover letter, envelope).
    await expect(panel.getByRole('progressbar', { name: 'Fortschritt des Druckauftrags' })).toBeVisible();
    await expect(panel.getByTestId('run-progress')).toHaveText(/^\d von 9 Posten gedruckt$/);
    await expect(panel.getByTestId('run-state')).toHaveText('Abgeschlossen', { timeout: 60_000 });
    await expect(panel.getByTestId('run-progress')).toHaveText('9 von 9 Posten gedruckt');
    await expect(panel).toContainText('3 von 3 Briefen versandfertig');
    await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '9');
    await expect(panel.getByRole('button', { name: 'Anhalten' })).toHaveCount(0);

    // Cases in the order of the ready list, each with its product and postage; the total is their sum.
    const letters = panel.getByRole('table', { name: 'Briefe des Druckauftrags' });
    await expect(letters.locator('tbody tr')).toHaveCount(3);
    for (const ref of Object.values(refs)) await expect(letters.getByRole('row', { name: new RegExp(ref) })).toContainText('Versandt');
    await expect(letters.getByRole('row', { name: new RegExp(refs.kowalski) })).toContainText('Einschreiben Einwurf');
    await expect(letters.getByRole('row', { name: new RegExp(refs.guenes) })).toContainText('Standardbrief');
    const postageCells = await letters.locator('tbody tr td:nth-child(6)').allTextContents();
    const total = (await panel.getByTestId('run-postage-total').textContent()) ?? '';
    expect(parseEuro(total.replace(/\s/g, ' '))).toBe(sumEuro(postageCells));
    expect(parseEuro(total.replace(/\s/g, ' '))).toBeGreaterThan(0);
    const byProduct = panel.getByRole('table', { name: 'Porto nach Produkt' });
    await expect(byProduct).toContainText('Standardbrief + Einschreiben Einwurf');
    await expect(letters.getByText('Gedruckt').first()).toBeVisible();

    await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'dispatch-run.png'), fullPage: true });

    // A damaged envelope is printed again; the reason is required and goes into the history.
    await letters.getByRole('button', { name: new RegExp(`^Umschlag von ${refs.guenes} nachdrucken$`) }).click();
    const dialog = page.getByRole('dialog', { name: /^Nachdrucken – Umschlag/ });
    await dialog.getByRole('button', { name: 'Nachdrucken' }).click();
    await expect(dialog.getByText('Bitte einen Grund angeben (mindestens 3 Zeichen).')).toBeVisible();
    await dialog.getByLabel('Grund').fill('Umschlag beim Kuvertieren beschädigt');
    await dialog.getByRole('button', { name: 'Nachdrucken' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByText(`Umschlag (${refs.guenes}) wurde nachgedruckt.`)).toBeVisible();
    await expect(letters.getByRole('row', { name: new RegExp(refs.guenes) })).toContainText('1× nachgedruckt');

    // Nothing is left to send.
    await page.getByRole('link', { name: 'Versandbereit' }).click();
    await expect(page.getByRole('table', { name: 'Versandbereite Vorgänge' })).toContainText('Nichts zum Versand bereit.');
    await expect(page.getByRole('button', { name: 'Druckauftrag starten' })).toBeDisabled();
    expect(errors).toEqual([]);
  });

  test('Postausgangsbuch: Einträge, Einschreiben-Nummer, CSV und PDF', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await nav(page, 'Postausgang');
    await page.getByRole('link', { name: 'Postausgangsbuch' }).click();

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    const [y, mo, d] = today.split('-');
    await expect(page.getByLabel('Datum')).toHaveValue(`${d}.${mo}.${y}`);
    await expect(page.getByLabel('Standort')).toHaveValue(/\d+/);
    const log = page.getByRole('table', { name: 'Postausgangsbuch' });
    await expect(log.locator('tbody tr')).toHaveCount(3);
    for (const ref of Object.values(refs)) await expect(log.getByRole('row', { name: new RegExp(ref) })).toBeVisible();
    const kRow = log.getByRole('row', { name: new RegExp(refs.kowalski) });
    await expect(kRow).toContainText('Standardbrief + Einschreiben Einwurf');
    await expect(kRow).toContainText('Kowalski');
    await expect(kRow).toContainText('Lingen (Ems)');
    await expect(kRow).toContainText('Maria Müller');
    await expect(log.getByRole('row', { name: new RegExp(refs.mustermann) })).toContainText(/Standardbrief\s*\d+,\d{2} €/);
    // Only the registered letter takes a number.
    await expect(log.getByRole('textbox')).toHaveCount(1);
    const sum = page.getByTestId('log-sum');
    await expect(sum).toContainText('Summe: 3 Briefe');
    const rowPostage = await log.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(parseEuro(((await sum.locator('td').first().textContent()) ?? '').replace(/\s/g, ' '))).toBe(sumEuro(rowPostage));

    // The API checks the UPU S10 check digit and answers in German.
    const input = kRow.getByLabel(`Einschreiben-Nr. für ${refs.kowalski}`);
    await input.fill('RR 12345678 4 DE');
    await kRow.getByRole('button', { name: 'Speichern' }).click();
    await expect(kRow.getByRole('alert')).toHaveText('Die Prüfziffer der Einschreibennummer „RR123456784DE“ stimmt nicht. Bitte die Nummer prüfen.');
    const valid = `RR 87654321 ${s10CheckDigit('87654321')} DE`;
    await input.fill(valid);
    await kRow.getByRole('button', { name: 'Speichern' }).click();
    await expect(kRow.getByTestId('registered-number')).toHaveText(valid);
    await expect(kRow.getByRole('alert')).toHaveCount(0);

    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'dispatch-log.png'), fullPage: true });

    // CSV export as a download.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV exportieren' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^postausgangsbuch-${today}-\\d+\\.csv$`));
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    for (const ref of Object.values(refs)) expect(csv).toContain(ref);
    expect(csv).toContain(valid.replace(/\s/g, ''));
    expect(csv).toContain('Standardbrief + Einschreiben Einwurf');

    // The PDF in the viewer.
    await page.getByRole('button', { name: 'Als PDF' }).click();
    const dialog = page.getByRole('dialog', { name: /^Postausgangsbuch/ });
    await expect(dialog.getByTestId('pdf-pages')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(Number(await dialog.getByTestId('pdf-pages').getAttribute('data-pages'))).toBeGreaterThanOrEqual(1);
    await dialog.getByRole('button', { name: 'Schließen' }).first().click();
    await expect(dialog).toBeHidden();

    // Dates are typed the German way; a day without letters.
    await page.getByLabel('Datum').fill('31.02.2020');
    await expect(page.getByText('Bitte das Datum als TT.MM.JJJJ eingeben.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'CSV exportieren' })).toBeDisabled();
    await page.getByLabel('Datum').fill('2.1.2020');
    await expect(page.getByRole('heading', { name: 'Postausgangsbuch 02.01.2020', exact: false })).toBeVisible();
    await expect(log).toContainText('An diesem Tag wurde von diesem Standort nichts versandt.');
    expect(errors).toEqual([]);
  });

  test('der Vorgang ist versandt, mit Datum und Porto', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await nav(page, 'Postausgang');
    await page.getByRole('link', { name: 'Postausgangsbuch' }).click();
    await page.getByRole('table', { name: 'Postausgangsbuch' }).getByRole('link', { name: refs.kowalski }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Vorgang ${refs.kowalski}` })).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('Versandt');
    const info = page.getByTestId('dispatch-info');
    await expect(info).toContainText('Versandt am');
    await expect(info).toContainText('Standardbrief + Einschreiben Einwurf');
    await expect(info).toContainText(/Porto\s*\d+,\d{2} €/);
    const history = page.getByRole('table', { name: 'Verlauf' });
    await expect(history).toContainText('Versandt: Standardbrief + Einschreiben Einwurf');
    await expect(history).toContainText('Einschreibennummer erfasst');
    // Both documents: the certificate and the cover letter.
    await expect(page.getByRole('table', { name: 'Dokumente' }).locator('tbody tr')).toHaveCount(2);

    await page.goto(`${server().url}#/vorgaenge`);
    await page.getByLabel('Suche').fill(refs.guenes);
    await page.getByRole('table', { name: 'Vorgänge' }).getByRole('link', { name: refs.guenes }).click();
    await expect(page.getByRole('table', { name: 'Verlauf' })).toContainText('Umschlag beim Kuvertieren beschädigt');
    expect(errors).toEqual([]);
  });

  test('ein langer Druckauftrag lässt sich anhalten und fortsetzen', async ({ page }) => {
    const errors = watchPageErrors(page);
    const url = server().url;
    await page.goto(url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);

    // One letter per printer job, so the run has many points where a pause takes effect.
    await nav(page, 'Verwaltung');
    await page.getByRole('link', { name: 'Postversand' }).click();
    await page.getByLabel('Briefe je Druckauftrag').fill('1');
    await page.getByRole('button', { name: 'Postversand speichern' }).click();
    await expect(page.getByText('Die Einstellungen für den Postversand wurden gespeichert.')).toBeVisible();

    // Twelve paid postal cases for different residents, through the API.
    const residents = (await api(page, url, 'residents.search', { address: 'Lingen', limit: 40 })).filter((r) => !r.auskunftssperre);
    expect(residents.length).toBeGreaterThanOrEqual(12);
    const created: string[] = [];
    for (const r of residents.slice(0, 12)) created.push((await createPaidPostCase(page, url, r.id)).reference);

    await nav(page, 'Postausgang');
    const ready = page.getByRole('table', { name: 'Versandbereite Vorgänge' });
    await expect(ready.locator('tbody tr')).toHaveCount(12);
    await page.getByRole('button', { name: 'Druckauftrag starten' }).click();
    const panel = page.getByRole('region', { name: /^Druckauftrag Nr\. \d+$/ });
    await expect(panel.getByTestId('run-state')).toBeVisible();
    await panel.getByRole('button', { name: 'Anhalten' }).click();
    await expect(panel.getByTestId('run-state')).toHaveText('Angehalten');
    await expect(panel.getByText('Angehalten. Beim Fortsetzen wird nur gedruckt, was noch nicht gedruckt ist.')).toBeVisible();
    // A job under way when pausing still completes; after that the run stands still, short of the end.
    await expect(panel.getByText('Wird gedruckt')).toHaveCount(0, { timeout: 30_000 });
    const stalled = (await panel.getByTestId('run-progress').textContent()) ?? '';
    const m = /^(\d+) von 36 Posten gedruckt$/.exec(stalled);
    expect(m, stalled).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(36);
    await page.waitForTimeout(1500);
    await expect(panel.getByTestId('run-progress')).toHaveText(stalled);
    await expect(panel.getByTestId('run-state')).toHaveText('Angehalten');
    // Its cases are held by the run: not in the ready list.
    await page.getByRole('link', { name: 'Versandbereit' }).click();
    await expect(page.getByText(/Druckauftrag Nr\. \d+ \(Angehalten\)/)).toBeVisible();
    await page.getByRole('link', { name: 'Zum Druckauftrag' }).click();

    await panel.getByRole('button', { name: 'Fortsetzen' }).click();
    await expect(panel.getByTestId('run-state')).toHaveText(/Läuft|Abgeschlossen/);
    await expect(panel.getByTestId('run-state')).toHaveText('Abgeschlossen', { timeout: 60_000 });
    await expect(panel.getByTestId('run-progress')).toHaveText('36 von 36 Posten gedruckt');
    const letters = panel.getByRole('table', { name: 'Briefe des Druckauftrags' });
    await expect(letters.locator('tbody tr')).toHaveCount(12);
    for (const ref of created) await expect(letters.getByRole('row', { name: new RegExp(ref) })).toContainText('Versandt');

    // The list of runs shows both.
    const runs = page.getByRole('table', { name: 'Letzte Druckaufträge' });
    await expect(runs.locator('tbody tr')).toHaveCount(2);
    await expect(runs.locator('tbody tr').first()).toContainText('12 / 12');
    expect(errors).toEqual([]);
  });

  test('eine Druckerstörung unterbricht den Druckauftrag; er wird mit Grund abgebrochen, alles ist wieder versandbereit', async ({ page }) => {
    const errors = watchPageErrors(page);
    const url = server().url;
    await page.goto(url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);
    const residents = (await api(page, url, 'residents.search', { name: 'Müller', limit: 20 })).filter((r) => !r.auskunftssperre);
    expect(residents.length).toBeGreaterThanOrEqual(4);
    for (const r of residents.slice(0, 4)) await createPaidPostCase(page, url, r.id);
    // A certificate printer that does not exist (the settings screen only offers printers the system reports).
    const { printers } = await api(page, url, 'settings.get', {});
    await api(page, url, 'settings.update', {
      printers: { ...printers, certificate: { adapter: 'system', printerName: 'Gibt-es-nicht', media: 'A4', tray: '' } },
    });

    await nav(page, 'Postausgang');
    await expect(page.getByRole('table', { name: 'Versandbereite Vorgänge' }).locator('tbody tr')).toHaveCount(4);
    await page.getByRole('button', { name: 'Druckauftrag starten' }).click();
    const panel = page.getByRole('region', { name: /^Druckauftrag Nr\. \d+$/ });
    await expect(panel.getByTestId('run-state')).toHaveText('Unterbrochen', { timeout: 60_000 });
    // The fault, prominently and in German.
    const fault = panel.getByRole('alert');
    await expect(fault).toContainText('Der Druckauftrag wurde unterbrochen.');
    await expect(fault).toContainText('Gibt-es-nicht');
    await expect(fault).toContainText('Nach Behebung „Fortsetzen“ wählen');
    await expect(panel.getByRole('button', { name: 'Fortsetzen' })).toBeVisible();
    await expect(panel).toContainText('0 von 4 Briefen versandfertig');

    await panel.getByRole('button', { name: 'Abbrechen' }).click();
    const dialog = page.getByRole('dialog', { name: /abbrechen$/ });
    await dialog.getByRole('button', { name: 'Druckauftrag abbrechen' }).click();
    await expect(dialog.getByText('Bitte einen Grund angeben (mindestens 3 Zeichen).')).toBeVisible();
    await dialog.getByLabel('Grund').fill('Drucker defekt, Versand morgen');
    await dialog.getByRole('button', { name: 'Druckauftrag abbrechen' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByTestId('run-state')).toHaveText('Abgebrochen');
    await expect(panel).toContainText('Abgebrochen: Drucker defekt, Versand morgen');
    await expect(panel.getByRole('button', { name: 'Fortsetzen' })).toHaveCount(0);

    // Nothing of it went out: all four are ready again.
    await page.getByRole('link', { name: 'Versandbereit' }).click();
    await expect(page.getByRole('table', { name: 'Versandbereite Vorgänge' }).locator('tbody tr')).toHaveCount(4);
    await api(page, url, 'settings.update', { printers });
    expect(errors).toEqual([]);
  });
});
