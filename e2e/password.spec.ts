/**
 * A clerk changes her own password from the top bar: a wrong current password is answered in the dialog (and does
 * not sign her out), a mismatching repetition is caught before sending, then the new password is the one that works.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const NEW_PASSWORD = 'Neues-Passwort-2026';

async function fillDialog(page: Page, current: string, next: string, repeat: string) {
  const dialog = page.getByRole('dialog', { name: 'Passwort ändern' });
  await dialog.getByLabel('Aktuelles Passwort').fill(current);
  await dialog.getByLabel('Neues Passwort', { exact: true }).fill(next);
  await dialog.getByLabel('Neues Passwort wiederholen').fill(repeat);
  await dialog.getByRole('button', { name: 'Passwort ändern' }).click();
}

test.describe('Passwort ändern', () => {
  const server = useServer();

  test('Vorbereitung: Administration legt die Sachbearbeiterin an', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await signOut(page);
  });

  test('Sachbearbeiterin ändert ihr Passwort und meldet sich mit dem neuen an', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);

    await page.getByRole('banner').getByRole('button', { name: 'Passwort ändern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passwort ändern' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Aktuelles Passwort')).toBeFocused();

    // Wrong current password: the core's German message in the dialog; she stays signed in.
    await fillDialog(page, 'nicht-mein-passwort', NEW_PASSWORD, NEW_PASSWORD);
    await expect(dialog.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');
    await expect(dialog.getByLabel('Aktuelles Passwort')).toHaveValue('');
    await expect(dialog.getByLabel('Aktuelles Passwort')).toBeFocused();
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toHaveCount(0);

    // The repetition differs: caught at the field before anything is sent.
    await fillDialog(page, CLERK.password, NEW_PASSWORD, NEW_PASSWORD + 'x');
    const repeat = dialog.getByLabel('Neues Passwort wiederholen');
    await expect(repeat).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Die Passwörter stimmen nicht überein.')).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveCount(0);

    // Too short: the contract's rule, at the field.
    await fillDialog(page, CLERK.password, 'kurz', 'kurz');
    await expect(dialog.getByText('Das Passwort muss mindestens 10 Zeichen lang sein.')).toBeVisible();

    await fillDialog(page, CLERK.password, NEW_PASSWORD, NEW_PASSWORD);
    await expect(dialog.getByRole('status')).toContainText('Ihr Passwort wurde geändert.');
    // The success button (the ✕ in the dialog's head is also called "Schließen").
    await dialog.getByText('Schließen', { exact: true }).click();
    await expect(dialog).toHaveCount(0);

    // Still signed in and working: the queue answers.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorgänge' }).click();
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);

    await signOut(page);
    await signIn(page, CLERK.username, CLERK.password);
    await expect(page.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');
    await signIn(page, CLERK.username, NEW_PASSWORD);
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);
    expect(errors).toEqual([]);
  });

  test('ein falsches aktuelles Passwort zählt als Fehlversuch, die Sitzung bleibt', async ({ page, browser }) => {
    await page.goto(server().url);
    await signIn(page, CLERK.username, NEW_PASSWORD);
    await page.getByRole('banner').getByRole('button', { name: 'Passwort ändern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passwort ändern' });
    await fillDialog(page, CLERK.password, 'noch-ein-neues-Passwort', 'noch-ein-neues-Passwort');
    await expect(dialog.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch.');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toHaveCount(0);

    // The administration (another window, its own session) sees the failed attempt.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto(server().url);
    await signIn(admin, ADMIN.username, ADMIN.password);
    await admin.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    const row = admin.getByRole('table', { name: 'Benutzer' }).getByRole('row', { name: new RegExp(CLERK.username) });
    await expect(row).toContainText('aktiv · 1 Fehlversuch');
    await adminContext.close();

    // The clerk is still at work.
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
    await expect(page.getByTestId('current-user')).toContainText(CLERK.displayName);
  });

  test('nach dem fünften Fehlversuch ist das Konto gesperrt und die Anmeldung erscheint', async ({ page }) => {
    // The exemption from the global sign-out must not leave a dead session on screen: the dialog asks the core.
    await page.goto(server().url);
    await signIn(page, CLERK.username, NEW_PASSWORD);
    await page.getByRole('banner').getByRole('button', { name: 'Passwort ändern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passwort ändern' });
    const login = page.getByRole('heading', { name: 'Anmelden' });
    const current = dialog.getByLabel('Aktuelles Passwort');
    /** After sending: 'login' (session ended), 'answered' (the dialog cleared the current password) or 'pending'. */
    const state = async () => {
      if (await login.isVisible()) return 'login';
      const value = await current.inputValue({ timeout: 500 }).catch(() => null);
      return value === '' ? 'answered' : 'pending';
    };
    // The previous test left one failed attempt; at most five more are needed whatever the count.
    for (let attempt = 1; attempt <= 5 && (await state()) !== 'login'; attempt++) {
      await fillDialog(page, `falsch-${attempt}-passwort`, 'noch-ein-neues-Passwort', 'noch-ein-neues-Passwort');
      await expect.poll(state).not.toBe('pending');
      if ((await state()) === 'login') break;
      const alert = dialog.getByRole('alert');
      await expect(alert).toBeVisible();
      // The attempt that locks the account ends the session: the dialog signs out instead of staying open.
      // (The dialog may already be gone meanwhile: then the session ended, too.)
      if ((await alert.textContent({ timeout: 1_000 }).catch(() => 'gesperrt'))?.includes('gesperrt')) break;
      await expect(alert).toHaveText('Benutzername oder Passwort ist falsch.');
    }
    await expect(login).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveCount(0);
    await signIn(page, CLERK.username, NEW_PASSWORD);
    await expect(page.getByRole('alert')).toContainText('gesperrt');
  });
});
