/** Administration: fees reach the counter, the API's field errors appear next to the field, locked accounts are unlocked. */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

test.describe('Verwaltung', () => {
  const server = useServer();

  test('Gebühr ändern: der Schalter zeigt den neuen Betrag', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Gebühren' }).click();
    const einfach = page.getByLabel('Meldebescheinigung, einfach (€)');
    await expect(einfach).toHaveValue('7,50');
    await einfach.fill('8,00');
    await page.getByRole('button', { name: 'Gebühren speichern' }).click();
    await expect(page.getByText('Die Gebühren wurden gespeichert.')).toBeVisible();

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Kowalski');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('button', { name: /auswählen/ }).first().click();
    await expect(page.getByText('Gebühr: 8,00 €')).toBeVisible();
    await page.getByLabel('Verwendungszweck').selectOption({ label: 'Rentenangelegenheit (Rentenversicherung) (gebührenfrei)' });
    await expect(page.getByText('Gebühr: gebührenfrei')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('Briefkopf: die Feldmeldung der API steht am Feld, nichts geht verloren', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Briefkopf' }).click();
    await page.getByLabel('Fachdienst / Abteilung').fill('Fachdienst Bürgerservice');
    await page.getByLabel('Postleitzahl').fill('4980');
    await page.getByRole('button', { name: 'Briefkopf speichern' }).click();
    await expect(page.getByLabel('Postleitzahl')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Postleitzahl: fünf Ziffern.').first()).toBeVisible();
    await expect(page.getByLabel('Fachdienst / Abteilung')).toHaveValue('Fachdienst Bürgerservice');

    await page.getByLabel('Postleitzahl').fill('49808');
    // The seal: a PNG becomes a data URL, previewed before saving.
    await page.getByLabel('Siegel hochladen (PNG)').setInputFiles(path.join(projectRoot, 'resources', 'images', 'siegel-lingen.png'));
    await expect(page.getByRole('img', { name: 'Hochgeladenes Dienstsiegel' })).toBeVisible();
    await page.getByRole('button', { name: 'Briefkopf speichern' }).click();
    await expect(page.getByText('Der Briefkopf wurde gespeichert.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Fachdienst / Abteilung')).toHaveValue('Fachdienst Bürgerservice');
    await expect(page.getByRole('img', { name: 'Hochgeladenes Dienstsiegel' })).toHaveAttribute('src', /^data:image\/png;base64,/);
    await page.getByRole('button', { name: 'Mitgeliefertes Siegel verwenden' }).click();
    await page.getByRole('button', { name: 'Briefkopf speichern' }).click();
    await expect(page.getByText('Der Briefkopf wurde gespeichert.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Hochgeladenes Dienstsiegel' })).toHaveCount(0);
  });

  test('Drucker: Ablageordner ist voreingestellt', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Drucker' }).click();
    for (const doc of ['Bescheinigungen', 'Anschreiben', 'Umschläge']) {
      await expect(page.getByLabel(`Ausgabe ${doc}`)).toHaveValue('folder');
    }
    await expect(page.getByLabel('Ablageordner')).not.toHaveValue('');
  });

  test('nach fünf falschen Passwörtern gesperrt, die Administration entsperrt', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await createUser(page, CLERK);
    await signOut(page);

    for (let i = 0; i < 5; i++) {
      await signIn(page, CLERK.username, `falsch-${i}-passwort`);
      await expect(page.getByRole('alert')).toBeVisible();
    }
    await expect(page.getByRole('alert')).toContainText('gesperrt');
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByRole('alert')).toContainText('gesperrt');

    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    const row = page.getByRole('table', { name: 'Benutzer' }).getByRole('row', { name: new RegExp(CLERK.username) });
    await expect(row).toContainText('gesperrt');
    await row.getByRole('button', { name: `${CLERK.username} entsperren` }).click();
    await expect(row).toContainText('aktiv');
    await signOut(page);

    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);
  });
});
