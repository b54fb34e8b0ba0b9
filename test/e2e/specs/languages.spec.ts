import { expectAccessible } from '../support/axe';
import { expect, firstAdmin, test } from '../fixtures';
import { openScreen } from '../support/open-admin-screen';

test.describe('first run on a French system', () => {
  test.use({ signedIn: false, locale: 'fr-FR' });

  test('speaks French from the first screen to the home page', async ({ page }, testInfo) => {
    await expect(
      page.getByRole('heading', { level: 1, name: 'Configurer votre établissement' }),
    ).toBeVisible();
    await expect(page).toHaveTitle('Configurer votre établissement · Beacon');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('first-run-fr.png'), fullPage: true });

    const form = page.getByRole('form', { name: 'Configurer votre établissement' });
    await form.getByRole('textbox', { name: "Nom de l'établissement" }).fill('Lycée du Parc');
    await form.getByRole('textbox', { name: 'Votre nom' }).fill('Amélie Martin');
    await form.getByRole('textbox', { name: "Nom d'utilisateur" }).fill('amelie');
    // A short password: the contract's rule, worded in French.
    await form.getByLabel(/^Mot de passe/).fill('court');
    await form.getByLabel('Confirmer le mot de passe').fill('court');
    await form.getByRole('button', { name: 'Configurer Beacon' }).click();
    await expect(form.getByRole('alert')).toContainText(
      'Mot de passe : doit faire au moins 10 caractères.',
    );
    await form.getByLabel(/^Mot de passe/).fill(firstAdmin.password);
    await form.getByLabel('Confirmer le mot de passe').fill(firstAdmin.password);
    await form.getByRole('button', { name: 'Configurer Beacon' }).click();

    await expect(
      page.getByRole('heading', { level: 1, name: 'Bienvenue dans Beacon' }),
    ).toBeVisible();
    await expect(page).toHaveTitle('Accueil · Beacon');
    const nav = page.getByRole('navigation', { name: 'Principale' });
    await expect(nav.getByRole('link', { name: 'À risque' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Amélie Martin (Administrateur)');
    await page.screenshot({ path: testInfo.outputPath('home-fr.png'), fullPage: true });
  });
});

test('switching language changes every word at once and is remembered', async ({
  page,
}, testInfo) => {
  await openScreen(page, 'Settings');
  await page.getByRole('main').getByRole('combobox', { name: 'Language' }).selectOption('es');

  await expect(page.getByRole('heading', { level: 1, name: 'Configuración' })).toBeVisible();
  await expect(page).toHaveTitle('Configuración · Beacon');
  const nav = page.getByRole('navigation', { name: 'Principal' });
  await expect(nav.getByRole('link', { name: 'Inicio' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Administración' })).toBeVisible();

  // A refused setting reads in Spanish too, named by its field.
  await page.getByLabel('Nivel alto: parte de los estudiantes (%)').fill('150');
  await page.getByRole('button', { name: 'Guardar los niveles' }).click();
  await expect(page.getByText('debe ser como máximo 100')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings-es.png'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Configuración' })).toBeVisible();
  await page.getByRole('banner').getByRole('combobox', { name: 'Idioma' }).selectOption('pt');
  await expect(page.getByRole('heading', { level: 1, name: 'Configurações' })).toBeVisible();
  await expectAccessible(page);
});
