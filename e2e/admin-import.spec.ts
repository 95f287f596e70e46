/**
 * Verwaltung → Melderegister: the administrator imports a CSV export (new, then updated), a broken file is refused
 * with the line-numbered German message and changes nothing, and the clerk at the counter finds the imported person
 * typing the name without diacritics.
 */
import { expect, test, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const HEADER =
  'kennung;familienname;vornamen;rufname;geburtsdatum;geburtsort;geschlecht;staatsangehoerigkeiten;auskunftssperre;wohnungsart;strasse;hausnummer;plz;ort;einzug;auszug';

/**
 * Two residents as German Excel writes them (byte order mark, ";"): a name with DIN 91379 letters beyond Latin-1
 * (ł, Ł, Ø, å), and a person with two address rows (Hauptwohnung and Nebenwohnung; the person fields are left empty
 * on the second row, as the format allows).
 */
const VALID_CSV = [
  HEADER,
  'E2E-0001;Kołodziejczyk-Øvergård;Agnieszka Łucja;Agnieszka;1984-07-09;Gdańsk;w;polnisch|dänisch;nein;haupt;Burgstraße;22;49808;Lingen (Ems);2019-03-01;',
  'E2E-0002;Tjarks;Hendrik;;1990-02-13;Emden;m;deutsch;nein;haupt;Kaiserstraße;4;49808;Lingen (Ems);2015-10-01;',
  'E2E-0002;;;;;;;;;neben;Hüfferstraße;27;48149;Münster;2021-04-15;',
].join('\r\n');

/** Line 2 would move the first resident; line 3 has an impossible birth date, so the whole file is refused. */
const BROKEN_CSV = [
  HEADER,
  'E2E-0001;Kołodziejczyk-Øvergård;Agnieszka Łucja;Agnieszka;1984-07-09;Gdańsk;w;polnisch|dänisch;nein;haupt;Falsche Straße;1;49808;Lingen (Ems);2024-01-01;',
  'E2E-0002;Tjarks;Hendrik;;31.02.1990;Emden;m;deutsch;nein;haupt;Kaiserstraße;4;49808;Lingen (Ems);2015-10-01;',
].join('\r\n');

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + text, 'utf8') };
}

async function openImportTab(page: Page) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
  await page.getByRole('navigation', { name: 'Verwaltung' }).getByRole('link', { name: 'Melderegister' }).click();
  await expect(page.getByRole('heading', { name: 'Melderegister importieren' })).toBeVisible();
}

async function importFile(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel('CSV-Datei wählen').setInputFiles(file);
  await expect(page.getByTestId('import-file')).toContainText(file.name);
  await page.getByRole('button', { name: 'Importieren' }).click();
}

test.describe('Melderegister-Import', () => {
  const server = useServer();

  test('Administration importiert eine CSV-Datei: erst neu, dann aktualisiert; eine fehlerhafte ändert nichts', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await openImportTab(page);

    // The format explained, with the column list; nothing to import before a file is chosen.
    const columns = page.getByRole('list', { name: 'Spalten der CSV-Datei' });
    await expect(columns.getByRole('listitem')).toHaveCount(27);
    await expect(columns).toContainText('kennung');
    await expect(columns).toContainText('geburtsdatum');
    await expect(page.getByRole('button', { name: 'Importieren' })).toBeDisabled();

    await importFile(page, csvFile('melderegister.csv', VALID_CSV));
    const success = page.getByRole('status').filter({ hasText: 'Import abgeschlossen' });
    await expect(success).toHaveText('Import abgeschlossen („melderegister.csv“): 2 neu, 0 aktualisiert.');

    // The same file again: the residents are updated by Kennung, not duplicated.
    await page.getByRole('button', { name: 'Importieren' }).click();
    await expect(success).toHaveText('Import abgeschlossen („melderegister.csv“): 0 neu, 2 aktualisiert.');

    await importFile(page, csvFile('fehlerhaft.csv', BROKEN_CSV));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Import abgebrochen.');
    await expect(alert).toContainText('Zeile 3: Geburtsdatum „31.02.1990“ ist kein gültiges Datum.');
    await expect(alert).toContainText('Es wurde nichts geändert');
    await expect(success).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Importieren' })).toBeEnabled();
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('am Schalter findet die Sachbearbeiterin die importierte Person ohne diakritische Zeichen', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lucja Kolodziejczyk-Overgard');
    await page.getByRole('button', { name: 'Suchen' }).click();

    const results = page.getByRole('table', { name: 'Suchergebnisse' });
    const row = results.getByRole('row', { name: /Kołodziejczyk-Øvergård, Agnieszka Łucja/ });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('09.07.1984');
    // The refused file's new address did not arrive.
    await expect(row).toContainText('Burgstraße 22');
    await expect(results).not.toContainText('Falsche Straße');

    await row.getByRole('button', { name: /auswählen/ }).click();
    await expect(page.getByRole('region', { name: 'Antragsteller' })).toContainText('Agnieszka Łucja Kołodziejczyk-Øvergård');

    // The person with two address rows is one resident, shown with the Hauptwohnung.
    await page.getByRole('button', { name: 'Andere Person wählen' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Tjarks');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const tjarks = page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Tjarks, Hendrik/ });
    await expect(tjarks).toHaveCount(1);
    await expect(tjarks).toContainText('13.02.1990');
    await expect(tjarks).toContainText('Kaiserstraße 4');
    expect(errors).toEqual([]);
  });

  test('als Sachbearbeitung gibt es keinen Import', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.goto(server().url + '#/verwaltung/melderegister');
    await expect(page.getByText('Dieser Bereich ist der Administration vorbehalten.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Melderegister importieren' })).toHaveCount(0);
  });
});
