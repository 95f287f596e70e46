/** Steps a clerk or administrator performs, written the way they read the screen (labels and roles). */
import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', displayName: 'Anna Administratorin', password: 'Verwaltung-2026!' };
export const CLERK = { username: 'mmueller', displayName: 'Maria Müller', password: 'Schalter-Lingen-1' };

/** First start: creates the administrator and loads the demo register. */
export async function firstRunSetup(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Ersteinrichtung' })).toBeVisible();
  await page.getByLabel('Benutzername').fill(ADMIN.username);
  await page.getByLabel('Name', { exact: true }).fill(ADMIN.displayName);
  await page.getByLabel('Passwort', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Passwort wiederholen').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Administrator anlegen' }).click();

  await page.getByRole('button', { name: 'Demodaten laden (600 fiktive Einwohner)' }).click();
  await expect(page.getByText(/\d+ fiktive Einwohner wurden geladen/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Weiter zur Anwendung' }).click();
  await expect(page.getByRole('heading', { name: 'Vorgänge', level: 1 })).toBeVisible();
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  // Wait for the server's answer: the next step must not race a sign-in still in flight (the form clears the
  // password when a wrong one comes back, which would leave the next attempt's button disabled).
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth.login');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await answered;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
}

export async function createUser(
  page: Page,
  user: { username: string; displayName: string; password: string },
  role = 'Sachbearbeitung',
  opts: { registrar?: boolean } = {},
): Promise<void> {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
  await page.getByRole('link', { name: 'Benutzer', exact: true }).click();
  const form = page.getByRole('region', { name: 'Neuen Benutzer anlegen' });
  await form.getByLabel('Benutzername').fill(user.username);
  await form.getByLabel('Name', { exact: true }).fill(user.displayName);
  await form.getByLabel('Rolle').selectOption({ label: role });
  await form.getByLabel('Passwort', { exact: true }).fill(user.password);
  await form.getByLabel('Passwort wiederholen').fill(user.password);
  if (opts.registrar) await form.getByLabel(/Standesbeamtin\/Standesbeamter/).check();
  await form.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(form.getByText(`Benutzer „${user.username}“ (${user.displayName}) wurde angelegt.`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Benutzer' }).getByRole('row', { name: new RegExp(user.username) })).toBeVisible();
}
