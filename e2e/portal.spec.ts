/**
 * Online applications as a clerk meets them: the embedded FIT-Connect simulator (demo portal) receives demo
 * applications through its sending endpoints; "Jetzt abrufen" pulls them into the queue, marked "Online"; the
 * clerk opens one, looks at the attachment and processes an online Meldebescheinigung through to the print run.
 * The administrator sees the portal configuration, tests the connection and the list of rejected submissions.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { projectRoot, useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();

test.describe('Online-Anträge über FIT-Connect', () => {
  const server = useServer({ env: { BBDESK_PORTAL_SIM: '1', BBDESK_PORTAL_SIM_FEED: '0' } });

  /** The demo portal's address and destination, as the server prints them once the simulator runs. */
  async function demoPortal(): Promise<{ api: string; destination: string }> {
    let m: RegExpExecArray | null = null;
    await expect
      .poll(() => (m = /Demo-Portal \(FIT-Connect-Simulator\): (http:\/\/\S+) – Zustellpunkt (\S+)/.exec(server().output())), { timeout: 60_000 })
      .not.toBeNull();
    return { api: m![1]!, destination: m![2]! };
  }

  function submit(services: string, count: number, seq: number): string {
    return execFileSync(
      process.execPath,
      [path.join(projectRoot, 'dist', 'electron', 'cli.cjs'), 'portal-sim', 'submit', '--service', services, '--count', String(count), '--seq', String(seq), '--api', portalApi, '--destination', portalDestination],
      { encoding: 'utf8' },
    );
  }
  let portalApi = '';
  let portalDestination = '';

  test('Administration: Demo-Portal eingerichtet, Verbindung in Ordnung, Sachbearbeiterin anlegen', async ({ page }) => {
    const errors = watchPageErrors(page);
    await firstRunSetup(page, server().url);
    ({ api: portalApi, destination: portalDestination } = await demoPortal());
    await nav(page, 'Verwaltung');
    await page.getByRole('link', { name: 'Portal (FIT-Connect)' }).click();
    await expect(page.getByTestId('portal-config-source')).toContainText(/Simulator|Demo/);
    await expect(page.getByLabel('Zustellpunkt-ID')).toHaveValue(portalDestination);
    const keys = page.getByRole('table', { name: 'Schlüssel' });
    await expect(keys.getByRole('row', { name: /RSA-OAEP-256/ })).toBeVisible();
    await expect(keys.getByRole('row', { name: /PS512/ })).toBeVisible();
    await page.getByRole('button', { name: 'Verbindung testen' }).click();
    await expect(page.getByText(/Verbindung in Ordnung/).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/portal-admin.png', fullPage: true });
    await expect(page.getByText('Keine abgelehnten Einreichungen.')).toBeVisible();
    await createUser(page, CLERK);
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('Sachbearbeiterin ruft Online-Anträge ab und öffnet die Anlage', async ({ page }) => {
    const errors = watchPageErrors(page);
    submit('meldebescheinigung,briefwahl,gewerbe-anmeldung', 3, 3);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    const sync = page.getByRole('status', { name: 'Portal-Abruf' });
    await expect(sync).toContainText('Demo-Portal (Simulator)');
    await sync.getByRole('button', { name: 'Jetzt abrufen' }).click();
    await expect(sync).toContainText(/Zuletzt abgerufen: heute/);
    await expect(sync).not.toContainText('Abruf fehlgeschlagen');

    const rows = page.locator('table tbody tr', { hasText: 'Online' });
    await expect(rows).toHaveCount(3);
    await expect(page.locator('table tbody tr', { hasText: 'Meldebescheinigung' })).toHaveCount(1);
    await page.screenshot({ path: 'test-results/portal-queue.png', fullPage: true });

    await page.locator('table tbody tr', { hasText: 'Meldebescheinigung' }).click();
    const online = page.getByRole('region', { name: 'Online-Antrag' });
    await expect(online).toBeVisible();
    await expect(online).toContainText(/Online bezahlt: \d+,\d\d €/);
    await expect(online).toContainText('Nutzerkonto-Nachweis');
    await expect(online).toContainText(/E-Mail \S+@\S+/);
    const attachments = online.getByRole('table', { name: 'Anlagen' });
    await expect(attachments.locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/portal-case.png', fullPage: true });
    await attachments.getByRole('button', { name: /\.pdf öffnen$/ }).first().click();
    const viewer = page.getByRole('dialog');
    await expect(viewer.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/portal-attachment.png' });
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);

    // Processing: the fee was paid online, so the case goes straight to the print run.
    await page.getByRole('button', { name: 'In Bearbeitung nehmen' }).click();
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');
    await page.getByRole('button', { name: 'Zur Ausstellung freigeben (Gebühr bezahlt)' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
    await expect(page.getByText('Wird mit dem nächsten Druckauftrag im Postausgang versandt')).toBeVisible();

    // The print run sends it: certificate, cover letter, envelope; the case is dispatched.
    await nav(page, 'Postausgang');
    const ready = page.getByRole('table', { name: 'Versandbereite Vorgänge' });
    await expect(ready.locator('tbody tr')).toHaveCount(1);
    await expect(ready.locator('tbody tr')).toContainText('Meldebescheinigung');
    await ready.getByLabel('alle auswählen').check();
    await page.getByRole('button', { name: 'Druckauftrag starten' }).click();
    const panel = page.getByRole('region', { name: /^Druckauftrag Nr\. \d+$/ });
    await expect(panel.getByTestId('run-state')).toHaveText('Abgeschlossen', { timeout: 60_000 });
    await expect(panel.getByTestId('run-progress')).toHaveText('3 von 3 Posten gedruckt');
    await nav(page, 'Vorgänge');
    await page.locator('table tbody tr', { hasText: 'Meldebescheinigung' }).click();
    await expect(page.locator('.case-head')).toContainText('Versandt');
    await page.screenshot({ path: 'test-results/portal-case-dispatched.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
