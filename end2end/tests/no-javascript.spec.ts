// The app must work without JavaScript (progressive enhancement): the login
// and logout forms are plain HTML form POSTs handled by the server.
import { test, expect } from '@playwright/test';
import { credentials, expectPath } from './support';

test.use({ javaScriptEnabled: false });

test('log in and out with JavaScript disabled', async ({ page }) => {
  const { email, password } = credentials();

  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#login-submit').click();

  await expectPath(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Översikt');
  await expect(page.getByTestId('current-user')).toContainText(email);

  await page.getByTestId('logout').click();
  await expectPath(page, '/login');
  await expect(page.locator('form#login-form')).toBeVisible();
});
