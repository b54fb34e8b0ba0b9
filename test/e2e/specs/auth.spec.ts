import { systemConnection } from '../../../main/backend/transport/in-process';
import { expect, firstAdmin, setUpSchoolThroughUi, signInThroughUi, test } from '../fixtures';
import { openNavMenu } from '../support/open-admin-screen';

test.describe('first run', () => {
  test.use({ signedIn: false });

  test('sets up the school and signs in its first administrator', async ({ page, backend }) => {
    await expect(page).toHaveTitle('Set up your school · Beacon');
    await expect(page.getByRole('navigation')).toHaveCount(0);
    const form = page.getByRole('form', { name: 'Set up your school' });

    // The form catches a mistyped confirmation itself, and shows the backend's rules.
    await form.getByRole('textbox', { name: 'School name' }).fill(firstAdmin.schoolName);
    await form.getByRole('textbox', { name: 'Your name' }).fill(firstAdmin.displayName);
    await form.getByRole('textbox', { name: 'Username' }).fill(firstAdmin.username);
    await form.getByLabel(/^Password/).fill('too short');
    await form.getByLabel('Confirm password').fill('too shor');
    await form.getByRole('button', { name: 'Set up Beacon' }).click();
    const confirm = form.getByLabel('Confirm password');
    await expect(confirm).toHaveAccessibleDescription(
      'Confirm password does not match the password.',
    );
    await expect(confirm).toBeFocused();

    await confirm.fill('too short');
    await form.getByRole('button', { name: 'Set up Beacon' }).click();
    const password = form.getByLabel(/^Password/);
    await expect(form.getByRole('alert')).toContainText(
      'Password must be at least 10 characters long.',
    );
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(await backend.dispatch('setupStatus', {}, systemConnection())).toMatchObject({
      value: { needsSetup: true },
    });

    await setUpSchoolThroughUi(page);
    const header = page.getByRole('banner');
    await expect(header).toContainText('Ada Admin (Administrator)');
    await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(firstAdmin.schoolName);
    expect(await backend.dispatch('setupStatus', {}, systemConnection())).toEqual({
      ok: true,
      value: { needsSetup: false, schoolName: firstAdmin.schoolName },
    });
  });
});

test('signing out shows the sign-in page, which refuses a wrong password', async ({ page }) => {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Beacon');
  await expect(page.getByRole('navigation')).toHaveCount(0);

  // Signed out on the backend too: reloading the window does not bring the session back.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('Enter your username and password.');
  await form.getByRole('textbox', { name: 'Username' }).fill(firstAdmin.username);
  await form.getByLabel(/^Password/).fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('The username or password is not right.');
  await expect(form.getByLabel(/^Password/)).toHaveValue('');
  await expect(form.getByLabel(/^Password/)).toBeFocused();

  await signInThroughUi(page, firstAdmin.username, firstAdmin.password);
  await expect(page.getByRole('banner')).toContainText('Ada Admin (Administrator)');
});

test('five failed sign-ins lock the account and say until when', async ({ page }) => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  const alert = form.getByRole('alert');
  await form.getByRole('textbox', { name: 'Username' }).fill(firstAdmin.username);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await form.getByLabel(/^Password/).fill(`wrong guess ${attempt}`);
    await form.getByRole('button', { name: 'Sign in' }).click();
    // Each answer replaces the last: wait for the button to come back before the next try.
    await expect(alert).toBeVisible();
    await expect(form.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await expect(alert).toContainText(/This account is locked until \d{2}:\d{2}/);

  // Now even the right password is refused until the lock runs out.
  await form.getByLabel(/^Password/).fill(firstAdmin.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  // The answer is the app's own words for the backend's `locked` reason, in the user's language.
  await expect(alert).toContainText(/This account is locked until \d{2}:\d{2} after too many/);
  await expect(form.getByLabel(/^Password/)).toHaveValue('');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('a teacher signs in without the pages meant for others', async ({ page, backend }) => {
  const created = await backend.dispatch(
    'createUser',
    {
      username: 'tess',
      displayName: 'Tess Okafor',
      role: 'teacher',
      password: 'tess password 1',
    },
    systemConnection(),
  );
  expect(created).toMatchObject({ ok: true });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughUi(page, 'Tess', 'tess password 1');
  await expect(page.getByRole('banner')).toContainText('Tess Okafor (Teacher)');
  const nav = page.getByRole('navigation', { name: 'Main' });
  // A teacher's menu is More, with only the screens a teacher may open.
  const more = await openNavMenu(page, /^More$/);
  await expect(more.getByRole('link', { name: 'Health' })).toBeVisible();
  await expect(more.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'School profile' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Administration' })).toHaveCount(0);
  // The backend refuses the teacher too, whatever the page shows.
  const answer = await page.evaluate(() => window.beacon.saveSchoolProfile({ name: 'Mine now' }));
  expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
