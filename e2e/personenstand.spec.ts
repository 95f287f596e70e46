/**
 * A Geburtsurkunde at the counter: a clerk orders it for a demo resident from her own entry in the demo
 * Personenstandsregister, takes 15,00 €, prints it; the Standesbeamtin confirms signature and seal; the clerk
 * hands it over and the case is closed. The printed certificate is kept as PNG for a look.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { filesBelow, projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const REGISTRAR = { username: 'shuesing', displayName: 'Hanna Hüsing', password: 'Standesamt-Lingen-7' };

test.describe('Schalter: Geburtsurkunde bis zur Aushändigung', () => {
  const server = useServer();

  test('Ersteinrichtung mit Sachbearbeiterin und Standesbeamtin', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await createUser(page, REGISTRAR, 'Sachbearbeitung', { registrar: true });
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('Sachbearbeiterin bestellt, kassiert und druckt; Standesbeamtin unterschreibt; Aushändigung', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Anna Müller');
    await page.getByLabel('Geburtsdatum').fill('05.05.1975');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const row = page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Müller, Anna/ }).first();
    await row.getByRole('button', { name: /auswählen/ }).click();

    await page.getByRole('radio', { name: /Personenstandsurkunde/ }).check();
    await expect(page.getByLabel('Art der Urkunde')).toHaveValue('geburtsurkunde');
    // Her own entry, found in the register by her name and birth date (prefilled from the Melderegister).
    const search = page.getByRole('search', { name: 'Suche im Personenstandsregister' });
    await expect(search.getByLabel('Name im Eintrag')).toHaveValue('Anna Müller');
    await search.getByRole('button', { name: 'Im Register suchen' }).click();
    await search.getByRole('button', { name: 'Übernehmen: G 132/1975' }).click();
    await expect(page.getByLabel('Registerzeichen')).toHaveValue('G 132/1975');
    await expect(page.getByTestId('chosen-entry')).toContainText('Geburt am 05.05.1975 in Lingen (Ems)');
    await expect(page.getByLabel('Antragsteller ist')).toHaveValue('self');
    await page.getByLabel('Unterschrift durch').selectOption({ label: REGISTRAR.displayName });
    await page.getByLabel('Bezeichnung auf der Urkunde').selectOption({ label: 'Die Standesbeamtin' });
    await expect(page.getByText('Gebühr: 15,00 €')).toBeVisible();
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'personenstand-counter.png'), fullPage: true });
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    const panel = page.getByTestId('personenstand-panel');
    await expect(panel.getByTestId('ps-entry')).toContainText('G 132/1975');
    await expect(panel).toContainText('Standesbeamtin Hanna Hüsing');

    await page.getByRole('button', { name: '15,00 € bar kassieren' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await page.getByRole('button', { name: 'Drucken und ausstellen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByTestId('signature-step')).toContainText('wartet auf Unterschrift und Siegel');
    await expect(page.getByRole('button', { name: 'Ausgehändigt' })).toBeDisabled();
    const caseUrl = page.url();
    await signOut(page);

    await signIn(page, REGISTRAR.username, REGISTRAR.password);
    await page.goto(caseUrl);
    await page.getByTestId('signature-step').getByRole('button', { name: 'Unterschrift und Siegel bestätigen' }).click();
    await expect(page.getByTestId('signature-step')).toContainText(`Unterschrieben und gesiegelt von ${REGISTRAR.displayName}`);
    await signOut(page);

    await signIn(page, CLERK.username, CLERK.password);
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Ausgehändigt' }).click();
    await expect(page.locator('.case-head')).toContainText('Abgeschlossen');
    const history = page.getByRole('table', { name: 'Verlauf' });
    await expect(history).toContainText('Unterschrift und Siegel bestätigt');
    await expect(history).toContainText('Dokument ausgehändigt');

    // The certificate from the outbox, as PNG for a look.
    const pdfs = filesBelow(server().dataDir, '.pdf');
    const pdf = pdfs.find((f) => /personenstandsurkunde|PU-/i.test(path.basename(f))) ?? pdfs[pdfs.length - 1]!;
    const out = path.join(projectRoot, 'test-results', 'personenstand');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(pdf, `${out}.pdf`);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', pdf, out]);
    expect(fs.existsSync(`${out}.png`)).toBe(true);
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'personenstand-case.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('ohne Person aus dem Melderegister: die antragstellende Person steht im Formular', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByRole('button', { name: 'Ohne Person aus dem Melderegister fortfahren' }).click();
    await page.getByRole('radio', { name: /Personenstandsurkunde/ }).check();
    await page.getByLabel('Registerzeichen').fill('G 132/1975');
    await expect(page.getByTestId('chosen-entry')).toContainText('Anna Müller');
    await page.getByLabel('Antragsteller ist').selectOption('descendant');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    // Without the applicant the core names the missing fields.
    await expect(page.getByText('Bitte die antragstellende Person angeben (Name, Geburtsdatum und Anschrift).').first()).toBeVisible();

    const applicant = page.getByRole('group', { name: 'Antragstellende Person' });
    await applicant.getByLabel('Familienname').fill('Müller-Øvergård');
    await applicant.getByLabel('Vornamen').fill('Jonas');
    await applicant.getByLabel('Geburtsdatum').fill('02.03.1999');
    await applicant.getByLabel('Straße').fill('Marktplatz');
    await applicant.getByLabel('Hausnummer').fill('3a');
    await applicant.getByLabel('Postleitzahl').fill('48143');
    await applicant.getByLabel('Ort').fill('Münster');
    await page.getByLabel('Unterschrift durch').selectOption({ label: REGISTRAR.displayName });
    await page.getByRole('radio', { name: 'Versand per Post' }).first().check();
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.locator('.case-head')).toContainText('Versand per Post');
    const data = page.getByRole('region', { name: 'Angaben zur Leistung' });
    await expect(data).toContainText('Abkömmling');
    await expect(data).toContainText('Jonas Müller-Øvergård, geboren 02.03.1999, Marktplatz 3a, 48143 Münster');
    await page.getByRole('button', { name: '15,00 € bar kassieren' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    // A certificate by post is printed here and signed first; only then does the print run send it.
    await expect(page.getByText('Die Urkunde wird hier gedruckt und von der Standesbeamtin oder dem Standesbeamten')).toBeVisible();
    await expect(page.getByText('Wird mit dem nächsten Druckauftrag im Postausgang versandt.')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test.describe('Online: Personenstandsurkunde aus dem Portal bis zur Ausstellung', () => {
  const server = useServer({ env: { BBDESK_PORTAL_SIM: '1', BBDESK_PORTAL_SIM_FEED: '0' } });
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

  test('Sachbearbeiterin ruft ab, ordnet den Eintrag zu, wählt die Standesbeamtin und druckt', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    let m: RegExpExecArray | null = null;
    await expect
      .poll(() => (m = /Demo-Portal \(FIT-Connect-Simulator\): (http:\/\/\S+) – Zustellpunkt (\S+)/.exec(server().output())), { timeout: 60_000 })
      .not.toBeNull();
    const [, api, destination] = m!;
    await createUser(page, CLERK);
    await createUser(page, REGISTRAR, 'Sachbearbeitung', { registrar: true });
    await signOut(page);
    execFileSync(
      process.execPath,
      [path.join(projectRoot, 'dist', 'electron', 'cli.cjs'), 'portal-sim', 'submit', '--service', 'personenstandsurkunde', '--count', '1', '--seq', '11', '--api', api!, '--destination', destination!],
      { encoding: 'utf8' },
    );

    await signIn(page, CLERK.username, CLERK.password);
    const sync = page.getByRole('status', { name: 'Portal-Abruf' });
    await sync.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await expect(sync).toContainText(/Zuletzt abgerufen: heute/);
    await page.locator('table tbody tr', { hasText: 'Personenstandsurkunde' }).click();
    const panel = page.getByTestId('personenstand-panel');
    await expect(panel).toContainText('Im Online-Antrag genannt:');
    await page.getByRole('button', { name: 'In Bearbeitung nehmen' }).click();
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');

    // Demo order 11: Wolfgang Andreas Kamphues orders his Geburtsurkunde; the import found his entry G 146/1975.
    await expect(panel).toContainText('Im Online-Antrag genannt: Wolfgang Andreas Kamphues, am 01.05.1975 in Lingen (Ems)');
    await expect(panel.getByTestId('ps-entry')).toContainText('G 146/1975');
    // The clerk can search the register with the order's names and (re)assign the entry.
    await panel.getByRole('button', { name: 'Anderen Eintrag zuordnen' }).click();
    await expect(panel.getByLabel('Name im Eintrag')).toHaveValue('Wolfgang Andreas Kamphues');
    await panel.getByRole('button', { name: 'Im Register suchen' }).click();
    await panel.getByRole('button', { name: 'Zuordnen: G 146/1975' }).click();
    await expect(page.getByRole('table', { name: 'Verlauf' })).toContainText('Registereintrag bestätigt: G 146/1975');

    await panel.getByRole('button', { name: 'Wählen' }).click();
    await panel.getByLabel('Unterschrift durch').selectOption({ label: REGISTRAR.displayName });
    await panel.getByRole('button', { name: 'Übernehmen' }).click();
    await expect(panel).toContainText(`Standesbeamter ${REGISTRAR.displayName}`);

    await page.getByRole('button', { name: /^Zur Ausstellung freigeben/ }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await page.getByRole('button', { name: 'Drucken und ausstellen' }).click();
    await expect(page.locator('.case-head')).toContainText('Ausgestellt', { timeout: 60_000 });
    await expect(page.getByTestId('signature-step')).toContainText('wartet auf Unterschrift und Siegel');
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'personenstand-online.png'), fullPage: true });
    await nav(page, 'Vorgänge');
    expect(errors).toEqual([]);
  });
});
