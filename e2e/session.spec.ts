/** Screen lock: by button, by idle time, and when the core answers SESSION_LOCKED. */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, firstRunSetup, signIn } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

async function expectLocked(page: Page) {
  await expect(page.getByRole('heading', { name: 'Bildschirm gesperrt' })).toBeVisible();
  // Nothing of the work underneath is visible.
  await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeHidden();
  await expect(page.getByTestId('current-user')).toBeHidden();
}

async function unlock(page: Page, password: string) {
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Entsperren' }).click();
}

test.describe('Bildschirmsperre', () => {
  const server = useServer();

  test('Sperren per Knopf, falsches und richtiges Passwort', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    await page.getByRole('button', { name: 'Sperren' }).click();
    await expectLocked(page);
    await expect(page.getByText(`Angemeldet: ${ADMIN.displayName}`)).toBeVisible();

    await unlock(page, 'nicht-das-passwort');
    await expect(page.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');
    await expectLocked(page);

    await unlock(page, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Bildschirm gesperrt' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('eine Antwort SESSION_LOCKED zeigt die Sperre auch in einem anderen Fenster', async ({ page, context }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();

    // A second window of the same session locks it; the first learns it from its next API call.
    const other = await context.newPage();
    await other.goto(server().url);
    await other.getByRole('button', { name: 'Sperren' }).click();
    await expectLocked(other);

    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await expectLocked(page);
    await unlock(page, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    await other.close();
  });

  test('eine abgelaufene Sitzung (UNAUTHENTICATED) führt zurück zur Anmeldung', async ({ page, context }) => {
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    await context.clearCookies();
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveCount(0);
  });

  test('nach der eingestellten Leerlaufzeit sperrt sich der Bildschirm', async ({ page }) => {
    await page.clock.install();
    await page.goto(server().url);
    await signIn(page, ADMIN.username, ADMIN.password);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('link', { name: 'Sitzung' }).click();
    await page.getByLabel('Bildschirmsperre nach (Minuten)').fill('2');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByText('Die Sitzungseinstellungen wurden gespeichert.')).toBeVisible();

    // A minute without input: still open.
    await page.clock.fastForward('01:00');
    await expect(page.getByRole('heading', { name: 'Verwaltung', level: 1 })).toBeVisible();
    // Typing resets the idle time.
    await page.getByLabel('Bildschirmsperre nach (Minuten)').press('ArrowRight');
    await page.clock.fastForward('01:30');
    await expect(page.getByRole('heading', { name: 'Verwaltung', level: 1 })).toBeVisible();
    // Two full minutes without input: locked.
    await page.clock.fastForward('02:10');
    await expectLocked(page);
    await unlock(page, ADMIN.password);
    // The form underneath kept its state.
    await expect(page.getByLabel('Bildschirmsperre nach (Minuten)')).toHaveValue('2');
  });
});
