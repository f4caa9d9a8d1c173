// The merchant portal as a merchant owner: log in at /portal/login, create an API key and see
// its secret exactly once, revoke it after the confirmation step, log out. Once with the
// hydrated app and once with JavaScript disabled (plain form POSTs).
import { test, expect, type Page } from '@playwright/test';
import { expectPath, waitHydrated } from './support';

/** The merchant owner the runner script created (scripts/e2e.sh). */
function merchantCredentials(): { email: string; password: string } {
  const email = process.env.E2E_MERCHANT_EMAIL;
  const password = process.env.E2E_MERCHANT_PASSWORD;
  if (!email || !password) {
    throw new Error('E2E_MERCHANT_EMAIL and E2E_MERCHANT_PASSWORD must be set to a merchant owner');
  }
  return { email, password };
}

async function portalLogin(page: Page, js: boolean): Promise<void> {
  const { email, password } = merchantCredentials();
  await page.goto('/portal');
  await expectPath(page, '/portal/login');
  if (js) await waitHydrated(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#portal-login-submit').click();
  await expectPath(page, '/portal');
  if (js) await waitHydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ordrar');
  await expect(page.getByTestId('portal-merchant')).toHaveText('E2E Webbshop AB');
  await expect(page.getByTestId('portal-user')).toHaveText(email);
}

/** Creates a key on /portal/api-keys; returns its id and the secret shown once. */
async function createKey(page: Page, label: string): Promise<{ keyId: string; secret: string }> {
  await page.locator('#key-label').fill(label);
  await page.locator('#create-key').click();
  const box = page.getByTestId('new-api-key');
  await expect(box).toBeVisible();
  await expect(box).toContainText('Kopiera hemligheten nu');
  const secret = (await page.getByTestId('new-key-secret').textContent()) ?? '';
  const keyId = (await page.getByTestId('new-key-id').textContent()) ?? '';
  expect(secret).toMatch(/^ks_[0-9a-f]{64}$/);
  expect(keyId).toMatch(/^kk_[0-9a-f]{16}$/);
  const row = page.locator(`tr[data-key-id="${keyId}"]`);
  await expect(row).toContainText(label);
  await expect(row).toContainText('Aktiv');
  return { keyId, secret };
}

async function revokeKey(page: Page, keyId: string): Promise<void> {
  const row = page.locator(`tr[data-key-id="${keyId}"]`);
  await row.getByTestId('revoke-link').click();
  const confirm = page.getByTestId('confirm-revoke');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(keyId);
  await page.locator('#confirm-submit').click();
  await expectPath(page, '/portal/api-keys');
  await expect(page.getByTestId('confirm-revoke')).toHaveCount(0);
  await expect(row).toContainText('Spärrad');
  await expect(row.getByTestId('revoke-link')).toHaveCount(0);
}

test('merchant owner creates an API key, sees the secret once and revokes it', async ({ page }) => {
  await test.step('log in to the portal', async () => {
    await portalLogin(page, true);
  });

  let created = { keyId: '', secret: '' };
  await test.step('create a key: the secret is shown once', async () => {
    await page.getByRole('link', { name: 'API-nycklar' }).click();
    await expectPath(page, '/portal/api-keys');
    await waitHydrated(page);
    created = await createKey(page, 'E2E kassa');
  });

  await test.step('a reload no longer shows the secret', async () => {
    await page.reload();
    await waitHydrated(page);
    await expect(page.locator(`tr[data-key-id="${created.keyId}"]`)).toBeVisible();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(created.secret);
  });

  await test.step('revoke it after confirming', async () => {
    await revokeKey(page, created.keyId);
  });

  await test.step('log out', async () => {
    await page.getByTestId('portal-logout').click();
    await expectPath(page, '/portal/login');
    await page.goto('/portal/api-keys');
    await expectPath(page, '/portal/login');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same flow works with plain form posts', async ({ page }) => {
    await portalLogin(page, false);
    await page.goto('/portal/api-keys');
    const { keyId, secret } = await createKey(page, 'E2E lager');
    await page.goto('/portal/api-keys');
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await revokeKey(page, keyId);
    await page.getByTestId('portal-logout').click();
    await expectPath(page, '/portal/login');
  });
});
