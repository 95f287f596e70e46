/**
 * Gewerbeanzeigen at the counter: a sole trader's Gewerbe-Anmeldung (GewA 1) without a person from the Melderegister,
 * from the form to the closed case with the Empfangsbescheinigung and the bodies the notice goes to; and a late
 * Gewerbe-Abmeldung (GewA 3) without a reason, refused with the German message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { receiptDeadline } from '../shared/services/gewerbe/deadline';
import { berlinIsoDay } from '../shared/domain/berlin-time';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { filesBelow, projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const germanDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const daysFromToday = (n: number) => berlinIsoDay(new Date(Date.now() + n * 86_400_000));

async function openCounterWithoutPerson(page: Page, service: RegExp) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
  await expect(page.getByRole('heading', { name: 'Schalter – Neuer Vorgang' })).toBeVisible();
  await page.getByRole('button', { name: 'Ohne Person aus dem Melderegister fortfahren' }).click();
  await page.getByRole('radio', { name: service }).check();
  await expect(page.getByLabel('Eingang der Anzeige')).toHaveValue(germanDay(daysFromToday(0)));
}

/** The sole trader, the shop and its activity (the parts every form has). */
async function fillSoleTrader(page: Page) {
  await expect(page.getByLabel('Rechtsform')).toHaveValue('einzelunternehmen');
  await page.getByLabel('Geschäftsbezeichnung (falls vorhanden)').fill('Fahrradwerkstatt Żółkiewski');
  await page.getByLabel('Person 1: Familienname').fill('Żółkiewski-Ørsted');
  await page.getByLabel('Person 1: Vornamen').fill('Łukasz Ödön');
  await page.getByLabel('Person 1: Geschlecht').selectOption({ label: 'männlich' });
  await page.getByLabel('Person 1: Geburtsdatum').fill('29.02.1984');
  await page.getByLabel('Person 1: Geburtsort').fill('Gdańsk');
  await page.getByLabel('Person 1: Geburtsland').fill('Polen');
  await page.getByLabel('Person 1: Staatsangehörigkeit(en)').fill('deutsch, polnisch');
  await page.getByLabel('Person 1, Wohnanschrift: Straße').fill('Burgstraße');
  await page.getByLabel('Person 1, Wohnanschrift: Hausnummer').fill('21a');
  await page.getByLabel('Person 1, Wohnanschrift: PLZ').fill('49808');
  await page.getByLabel('Person 1, Wohnanschrift: Ort').fill('Lingen (Ems)');
  await page.getByLabel('Betriebsstätte: Straße').fill('Lookenstraße');
  await page.getByLabel('Betriebsstätte: Hausnummer').fill('12');
  await page.getByLabel('Betriebsstätte: PLZ').fill('49808');
  await expect(page.getByLabel('Betriebsstätte: Ort')).toHaveValue('Lingen (Ems)');
  await page.getByLabel('Angemeldete Tätigkeit (genaue Bezeichnung)').fill('Reparatur und Einzelhandel mit Fahrrädern und Fahrradzubehör');
  await page.getByLabel('WZ-2008-Schlüssel').fill('47.64.1');
  await page.getByLabel('Vollzeitbeschäftigte').fill('1');
}

test.describe('Schalter: Gewerbeanzeigen', () => {
  const server = useServer();

  test('Ersteinrichtung und Sachbearbeiterin', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await signOut(page);
  });

  test('Gewerbe-Anmeldung eines Einzelunternehmens: Gebühr, Empfangsbescheinigung, Weitergabe, Aushändigung', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await openCounterWithoutPerson(page, /^Gewerbe-Anmeldung \(GewA 1/);
    await fillSoleTrader(page);
    await page.getByLabel('Beginn der Tätigkeit').fill(germanDay(daysFromToday(0)));
    await expect(page.getByText('Gebühr: 26,00 €')).toBeVisible();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ });
    await expect(heading).toBeVisible();
    const reference = ((await heading.textContent()) ?? '').replace('Vorgang ', '').trim();
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');
    await expect(page.getByText('Żółkiewski-Ørsted, Łukasz Ödön (Fahrradwerkstatt Żółkiewski)', { exact: true })).toBeVisible();
    const due = receiptDeadline(new Date()).due;
    await expect(page.getByTestId('gewerbe-receipt-status')).toHaveText(new RegExp(`Empfangsbescheinigung (bis|heute fällig).*${germanDay(due).replace(/\./g, '\\.')}`));

    // The bodies of § 3 GewAnzV and § 138 AO, each an open task.
    const tasks = page.getByRole('table', { name: 'Aufgaben' });
    for (const body of [
      'Industrie- und Handelskammer Osnabrück – Emsland – Grafschaft Bentheim',
      'Staatliches Gewerbeaufsichtsamt Osnabrück',
      'Landesamt für Statistik Niedersachsen (LSN)',
      'Finanzamt Lingen (Ems)',
    ]) {
      await expect(tasks).toContainText(`Weitergabe an ${body}`);
    }
    const selects = tasks.getByRole('combobox');
    await expect(selects).toHaveCount(7);

    // Cash payment.
    await expect(page.getByRole('radio', { name: 'Bar' })).toBeChecked();
    await page.getByRole('button', { name: '26,00 € bar kassieren' }).click();
    await expect(page.getByText(/^Quittungsnummer Q-\d{4}-\d{6}$/)).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');

    // Print on the letter printer (the outbox folder) → issued.
    await page.getByRole('button', { name: /^(Empfangsbescheinigung drucken|Drucken und ausstellen)$/ }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Druckaufträge' })).toContainText('Gedruckt');
    await expect(page.getByRole('table', { name: 'Dokumente' })).toContainText(/GA-\d{4}-\d{6}/);
    await expect(page.getByTestId('gewerbe-receipt-status')).toContainText('Empfang bescheinigt am');
    const pdfs = filesBelow(server().dataDir, '.pdf');
    expect(pdfs.length).toBe(1);
    fs.mkdirSync(path.join(projectRoot, 'test-results'), { recursive: true });
    fs.copyFileSync(pdfs[0]!, path.join(projectRoot, 'test-results', 'gewerbe-empfangsbescheinigung.pdf'));

    // The notice goes to each body; the clerk marks each done.
    const count = await selects.count();
    for (let i = 0; i < count; i++) {
      const s = selects.nth(i);
      await expect(s).toBeEnabled();
      await s.selectOption({ label: 'erledigt' });
      await expect(s).toHaveValue('done');
    }
    await expect(page.getByText('alle erledigt')).toBeVisible();

    // The queue shows the case with its legal deadline.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorgänge' }).click();
    const row = page.getByRole('table', { name: 'Vorgänge' }).getByRole('row', { name: new RegExp(reference) });
    await expect(row.locator(`[title="Gesetzliche Frist bis ${germanDay(due)}, 24:00 Uhr"]`)).toBeVisible();
    await row.click();
    await expect(page.getByRole('heading', { level: 1, name: `Vorgang ${reference}` })).toBeVisible();

    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');
    const history = page.getByRole('table', { name: 'Verlauf' });
    await expect(history).toContainText('Aufgabe „Weitergabe an Finanzamt Lingen (Ems)“: erledigt');
    await expect(history).toContainText('Dokument ausgehändigt');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'gewerbe-case.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('eine GbR meldet mit zwei Gesellschaftern an: Personen hinzufügen und entfernen', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await openCounterWithoutPerson(page, /^Gewerbe-Anmeldung \(GewA 1/);
    await fillSoleTrader(page);
    await page.getByLabel('Rechtsform').selectOption({ label: 'Gesellschaft bürgerlichen Rechts (GbR)' });
    await expect(page.getByLabel('Person 1: Stellung')).toHaveValue('gesellschafter');
    await page.getByLabel('Name des Betriebes / Firma').fill('Radhaus Żółkiewski & Güneş GbR');
    await page.getByLabel('Beginn der Tätigkeit').fill(germanDay(daysFromToday(7)));

    // A third person added by mistake and removed again; the second partner stays.
    await page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await expect(page.getByLabel('Person 3: Stellung')).toHaveValue('gesellschafter');
    await page.getByLabel('Person 3: Familienname').fill('Irrtum');
    await page.getByRole('button', { name: 'Person 3 entfernen' }).click();
    await expect(page.getByLabel('Person 3: Familienname')).toHaveCount(0);
    await page.getByLabel('Person 2: Familienname').fill('Güneş');
    await page.getByLabel('Person 2: Vornamen').fill('Ayşe');
    await page.getByLabel('Person 2: Geburtsdatum').fill('12.03.1986');
    await page.getByLabel('Person 2: Geburtsort').fill('İzmir');
    await page.getByLabel('Person 2: Geburtsland').fill('Türkei');
    await page.getByLabel('Person 2, Wohnanschrift: Straße').fill('Am Pulverturm');
    await page.getByLabel('Person 2, Wohnanschrift: Hausnummer').fill('4');
    await page.getByLabel('Person 2, Wohnanschrift: PLZ').fill('49808');
    await page.getByLabel('Person 2, Wohnanschrift: Ort').fill('Lingen (Ems)');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByText('Radhaus Żółkiewski & Güneş GbR', { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/Łukasz Ödön Żółkiewski-Ørsted, geboren am 29\.02\.1984 \(Gesellschafter\/in\); Ayşe Güneş, geboren am 12\.03\.1986 \(Gesellschafter\/in\)/)).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('eine Gewerbe-Abmeldung mehr als vier Wochen zurück ohne Grund wird abgelehnt', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await openCounterWithoutPerson(page, /^Gewerbe-Abmeldung \(GewA 3/);
    await fillSoleTrader(page);
    await page.getByLabel('Grund der Abmeldung').selectOption({ label: 'Aufgabe des Betriebes' });
    const endDate = daysFromToday(-40);
    await page.getByLabel('Datum der Betriebsaufgabe').fill(germanDay(endDate));
    await expect(page.getByText('Gebühr: 20,00 €')).toBeVisible();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    const message =
      `Das Datum der Betriebsaufgabe (${germanDay(endDate)}) liegt mehr als vier Wochen vor dem Eingang der Anzeige (${germanDay(daysFromToday(0))}). ` +
      'Die Anzeige ist gleichzeitig mit der Aufgabe zu erstatten (§ 14 Abs. 1 GewO); bitte den Grund der verspäteten Anzeige angeben.';
    await expect(page.getByRole('alert')).toHaveText(message);
    // The same message at the field it concerns; no case was created.
    await expect(page.locator('.field-error', { hasText: 'bitte den Grund der verspäteten Anzeige angeben' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Schalter – Neuer Vorgang' })).toBeVisible();
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'gewerbe-abmeldung-refused.png'), fullPage: true });

    // With the reason the Abmeldung is accepted.
    await page.getByLabel('Grund der verspäteten Anzeige').fill('Krankenhausaufenthalt, Anzeige erst jetzt möglich');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByText('20,00 €').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});
