/**
 * A Personenstandsurkunde ordered by someone outside § 62 Abs. 1 Satz 1 PStG: the clerk records the stated legal
 * interest, the fee is refused until the Teamleitung approves; the Teamleitung finds the case with the queue's
 * "Wartet auf" filter and approves it with a reason; then the clerk takes the fee.
 */
import { expect, test } from '@playwright/test';
import { CLERK, createUser, firstRunSetup, signIn, signOut } from './support/flows';
import { useServer, watchPageErrors } from './support/server';

test.describe.configure({ mode: 'serial' });

const LEAD = { username: 'kbrinkmann', displayName: 'Karin Brinkmann', password: 'Teamleitung-Lingen-3' };

test.describe('Freigabe durch die Teamleitung', () => {
  const server = useServer();
  let caseUrl = '';
  let reference = '';

  test('Ersteinrichtung mit Sachbearbeiterin und Teamleitung', async ({ page }) => {
    await firstRunSetup(page, server().url);
    await createUser(page, CLERK);
    await createUser(page, LEAD, 'Teamleitung');
    await signOut(page);
  });

  test('Sachbearbeiterin nimmt einen Antrag mit rechtlichem Interesse auf; die Gebühr wartet auf die Freigabe', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Anna Müller');
    await page.getByLabel('Geburtsdatum').fill('05.05.1975');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('table', { name: 'Suchergebnisse' }).getByRole('row', { name: /Müller, Anna/ }).first().getByRole('button', { name: /auswählen/ }).click();

    await page.getByRole('radio', { name: /Personenstandsurkunde/ }).check();
    const search = page.getByRole('search', { name: 'Suche im Personenstandsregister' });
    await search.getByRole('button', { name: 'Im Register suchen' }).click();
    await search.getByRole('button', { name: 'Übernehmen: G 132/1975' }).click();
    await page.getByLabel('Antragsteller ist').selectOption({ label: 'andere Person' });
    await page.getByLabel('Rechtliches Interesse').fill('Nachlassverfahren beim Amtsgericht Lingen, Az. 12 VI 345/26: Nachweis der Abstammung');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Vorgang BB-\d{4}-\d{6}$/ })).toBeVisible();
    reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Vorgang ', '').trim();
    caseUrl = page.url();
    const step = page.getByTestId('approval-step');
    await expect(step).toContainText('Wartet auf die Freigabe durch die Teamleitung');

    await page.getByRole('button', { name: '15,00 € bar kassieren' }).click();
    await expect(page.getByRole('alert')).toContainText('muss zuerst von der Teamleitung freigegeben werden');
    await expect(page.locator('.case-head')).toContainText('In Bearbeitung');
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('Teamleitung findet den Vorgang unter „Wartet auf: Freigabe“ und gibt ihn frei', async ({ page }) => {
    const errors = watchPageErrors(page);
    await page.goto(server().url);
    await signIn(page, LEAD.username, LEAD.password);
    await page.getByLabel('Wartet auf', { exact: true }).selectOption({ label: 'Freigabe (Teamleitung)' });
    const rows = page.getByRole('table', { name: 'Vorgänge' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(reference);
    await rows.first().click();

    const step = page.getByTestId('approval-step');
    await step.getByLabel('Begründung der Freigabe').fill('Rechtliches Interesse durch das Schreiben des Nachlassgerichts belegt');
    await step.getByRole('button', { name: 'Antrag freigeben' }).click();
    await expect(step).toContainText(`Freigegeben von ${LEAD.displayName}`);
    await expect(page.getByRole('table', { name: 'Verlauf' })).toContainText('Freigegeben durch die Teamleitung');

    await page.goto(`${server().url}#/vorgaenge?scope=all&awaiting=approval`);
    await expect(page.getByText('Keine Vorgänge').first()).toBeVisible();
    await signOut(page);
    expect(errors).toEqual([]);
  });

  test('danach nimmt die Sachbearbeiterin die Gebühr', async ({ page }) => {
    await page.goto(server().url);
    await signIn(page, CLERK.username, CLERK.password);
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '15,00 € bar kassieren' }).click();
    await expect(page.locator('.case-head')).toContainText('Bereit zur Ausstellung');
  });
});
