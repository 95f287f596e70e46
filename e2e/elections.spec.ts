/**
 * Verwaltung → Wahlen: the administrator creates a Kommunalwahl with two Wahlbezirke (the application deadline follows
 * from the kind: Friday before, 13:00), a broken Wählerverzeichnis is refused with its line and changes nothing, the
 * good one is imported, the ballots are marked ready; a clerk then issues a Wahlschein for one of those voters at the
 * counter, and the case shows the election by its name.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const NAME = 'Kommunalwahl Lingen 2026 (Probe)';
const HEADER = 'wahlbezirk;nr;familienname;vornamen;geburtsdatum;strasse;hausnummer;plz;ort;kennung';
// Hildegard Albrecht is a demo resident (resources/demo/waehlerverzeichnis.csv has her too).
const GOOD = [
  HEADER,
  '1;101-0001;Brandt;Karl-Heinz;1958-02-23;Marienstraße;68;49808;Lingen (Ems);LIN-000389',
  '2;102-0001;Albrecht;Hildegard;1949-09-28;Burgstraße;105;49808;Lingen (Ems);LIN-000429',
].join('\r\n');
const BROKEN = GOOD + '\r\n7;107-0001;Demir;Ömer;1992-07-30;Große Straße;129;49808;Lingen (Ems);';

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + text, 'utf8') });

/** Election day four weeks from now, typed the German way. */
function electionDay(): string {
  const d = new Date(Date.now() + 28 * 86_400_000);
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

async function openElections(page: Page) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
  await page.getByRole('navigation', { name: 'Verwaltung' }).getByRole('link', { name: 'Wahlen' }).click();
  await expect(page.getByRole('heading', { name: 'Wahlen', level: 2 })).toBeVisible();
}

test.describe('Verwaltung: Wahlen', () => {
  const server = useServer();
  const day = electionDay();

  test('die Verwaltung legt eine Wahl an, importiert das Wählerverzeichnis und gibt die Stimmzettel frei', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await openElections(page);
    const table = page.getByRole('table', { name: 'Wahlen' });
    await expect(table).toContainText('ltw-2027');

    await page.getByRole('button', { name: 'Neue Wahl anlegen' }).click();
    await page.getByLabel('Name der Wahl').fill(NAME);
    await expect(page.getByLabel('Art der Wahl')).toHaveValue('kommunalwahl');
    await page.getByLabel('Wahltag').fill(day);
    await expect(page.getByLabel('Kennung')).toHaveValue(`kw-${day.slice(6)}`);
    await page.getByLabel('Kennung').fill('kw-probe');
    await expect(page.getByTestId('election-deadline')).toContainText(/Antragsfrist: \w+, \d{2}\.\d{2}\.\d{4}, 13:00 Uhr \(§ 23 Abs\. 5 Satz 1 NKWO\)/);
    await page.getByLabel('Wahlkreis/Wahlbereich: Name').fill('Stadt Lingen (Ems)');
    await page.getByLabel('Name des Wahlbezirks 1').fill('Altstadt');
    await page.getByRole('button', { name: 'Wahlbezirk hinzufügen' }).click();
    // A duplicated number is refused with the row.
    await page.getByLabel('Nummer des Wahlbezirks 2').fill('1');
    await page.getByLabel('Name des Wahlbezirks 2').fill('Darme');
    await page.getByRole('button', { name: 'Wahl anlegen' }).click();
    await expect(page.getByRole('alert')).toContainText('Wahlbezirk in Zeile 2: Wahlbezirk 1 ist doppelt angegeben.');
    await page.getByLabel('Nummer des Wahlbezirks 2').fill('2');
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'elections-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Wahl anlegen' }).click();
    await expect(page.getByText(`Die Wahl „${NAME}“ wurde gespeichert.`)).toBeVisible();

    const row = table.getByRole('row', { name: new RegExp(NAME.replace(/[()]/g, '\\$&')) });
    await expect(row).toContainText('Kommunalwahl (Niedersachsen)');
    await expect(row).toContainText(day);
    await expect(row).toContainText('13:00 Uhr');
    await expect(row).toContainText('1 Altstadt, 2 Darme');
    await expect(row.getByRole('checkbox')).not.toBeChecked();

    // Changeable while no Wahlschein is issued; the key stays.
    await row.getByRole('button', { name: /^Bearbeiten/ }).click();
    await expect(page.getByLabel('Kennung')).toBeDisabled();
    await expect(page.getByLabel('Name des Wahlbezirks 2')).toHaveValue('Darme');
    await page.getByLabel('Name des Wahlbezirks 2').fill('Darme-Nord');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect(page.getByText(`Die Wahl „${NAME}“ wurde gespeichert.`)).toBeVisible();
    await expect(row).toContainText('1 Altstadt, 2 Darme-Nord');

    // The Wählerverzeichnis: a line with an unknown Wahlbezirk refuses the whole file.
    await row.getByRole('button', { name: /Wählerverzeichnis importieren/ }).click();
    const importForm = page.getByRole('region', { name: 'Wählerverzeichnis importieren' });
    await expect(importForm.getByLabel('Wahl')).toHaveValue('kw-probe');
    await page.getByTestId('voters-file').setInputFiles(csvFile('wvz-fehler.csv', BROKEN));
    await importForm.getByRole('button', { name: 'Wählerverzeichnis importieren' }).click();
    await expect(importForm.getByRole('alert')).toContainText(`Zeile 4: Wahlbezirk 7 ist für die Wahl „${NAME}“ nicht angelegt.`);
    await expect(row.getByRole('cell').nth(5)).toHaveText('0');

    await page.getByTestId('voters-file').setInputFiles(csvFile('wvz.csv', GOOD));
    await importForm.getByRole('button', { name: 'Wählerverzeichnis importieren' }).click();
    await expect(importForm.getByText('Import abgeschlossen („wvz.csv“): 2 neu, 0 aktualisiert')).toBeVisible();
    await expect(row.getByRole('cell').nth(5)).toHaveText('2');

    await row.getByRole('checkbox').check();
    await expect(row.getByRole('checkbox')).toBeChecked();
    await expect(row).toContainText('liegen vor');
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'elections-panel.png'), fullPage: true });

    await createUser(page, CLERK);
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('am Schalter: Wahlschein für eine Person aus dem importierten Wählerverzeichnis', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Albrecht Hildegard');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Albrecht, Hildegard/ }).first().getByRole('button', { name: /auswählen/ }).click();
    await page.getByRole('radio', { name: 'Wahlschein und Briefwahlunterlagen' }).check();
    await page.getByLabel('Wahl', { exact: true }).selectOption('kw-probe');
    await expect(page.getByTestId('briefwahl-voter')).toContainText('Hildegard Albrecht');
    await expect(page.getByTestId('briefwahl-voter')).toContainText('102-0001');
    await page.getByRole('radio', { name: 'Persönliche Abholung' }).check();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    // The case names the election, not its key.
    await expect(page.getByText(`${NAME} (${day})`).first()).toBeVisible();
    await page.getByRole('button', { name: 'Gebührenfreiheit erfassen' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await page.getByRole('button', { name: 'Wahlschein drucken und erteilen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByTestId('wahlschein-number')).toHaveText('WS 002-0001');

    // A cold reload of the case still shows the name.
    await page.reload();
    await expect(page.getByText(`${NAME} (${day})`).first()).toBeVisible();
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'elections-case.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
