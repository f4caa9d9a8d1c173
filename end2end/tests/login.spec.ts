// Login flow with JavaScript on (hydrated app): a wrong password is refused,
// the dashboard shows business date, database state and the signed-in user,
// the language switch flips sv <-> en, and logging out ends the session.
import { test, expect } from '@playwright/test';
import { credentials, expectPath, login, waitHydrated } from './support';

test('unauthenticated visit to / redirects to /login', async ({ page }) => {
  await page.goto('/');
  await expectPath(page, '/login');
  await expect(page.locator('form#login-form')).toBeVisible();
});

test('wrong password shows an error and stays on /login', async ({ page }) => {
  await page.goto('/login');
  await waitHydrated(page);
  await page.locator('#email').fill(credentials().email);
  await page.locator('#password').fill('definitely-not-the-password');
  await page.locator('#login-submit').click();

  const alert = page.locator('.alert.alert-error[role="alert"]');
  await expect(alert).toContainText('Fel e-postadress eller lösenord.');
  await expectPath(page, '/login');
});

test('login, dashboard, language switch and logout', async ({ page }) => {
  const { email } = credentials();
  const h1 = page.getByRole('heading', { level: 1 });
  const html = page.locator('html');

  await test.step('log in and see the Swedish dashboard', async () => {
    await login(page);
    await expect(h1).toHaveText('Översikt');
    await expect(html).toHaveAttribute('lang', 'sv');
    await expect(page.getByTestId('business-date')).toHaveText(/\d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('primary-status')).toContainText('uppe');
    await expect(page.getByTestId('standby-status')).toContainText('streaming');
    await expect(page.getByTestId('sync-state')).toContainText(/\bsync\b/);
    await expect(page.getByTestId('current-user')).toContainText(email);
  });

  await test.step('switch to English', async () => {
    await page.locator('form.lang-switch button[name="lang"][value="en"]').click();
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(h1).toHaveText('Dashboard');
    // \b: the Swedish "uppe" must not count as "up".
    await expect(page.getByTestId('primary-status')).toContainText(/\bup\b/);
    await expect(page.getByTestId('standby-status')).toContainText('streaming');
    await waitHydrated(page);
  });

  await test.step('switch back to Swedish', async () => {
    await page.locator('form.lang-switch button[name="lang"][value="sv"]').click();
    await expect(html).toHaveAttribute('lang', 'sv');
    await expect(h1).toHaveText('Översikt');
    await waitHydrated(page);
  });

  await test.step('log out', async () => {
    await page.getByTestId('logout').click();
    await expectPath(page, '/login');
    await expect(page.locator('form#login-form')).toBeVisible();
  });

  await test.step('the session is gone: / redirects to /login', async () => {
    await page.goto('/');
    await expectPath(page, '/login');
  });
});
