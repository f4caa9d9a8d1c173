// Credit rulesets as an admin: open the SE ruleset, create a draft, see a type error at the
// right line, fix it, backtest it and activate it (the old version is retired).
import { test, expect } from '@playwright/test';
import { expectPath, login, waitHydrated } from './support';

test('admin edits, backtests and activates a ruleset', async ({ page }) => {
  await login(page);

  await test.step('the SE default is active', async () => {
    await page.goto('/credit/rulesets');
    await waitHydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kreditbeslut');
    const row = page.getByTestId('ruleset-SE-invoice-1');
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'active');
    await row.getByRole('link', { name: 'v1' }).click();
    await expect(page.getByTestId('ruleset-heading')).toContainText('SE');
    await expect(page.getByTestId('ruleset-source')).toContainText('rule underage');
  });

  await test.step('create a draft', async () => {
    await page.goto('/credit/rulesets');
    await waitHydrated(page);
    await page.locator('#d-country').selectOption('SE');
    await page.locator('#d-product').selectOption('invoice');
    await page.getByTestId('create-draft').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/credit\/rulesets\/\d+$/);
    await waitHydrated(page);
    await expect(page.getByTestId('ruleset-heading').locator('[data-status]')).toHaveAttribute('data-status', 'draft');
  });
  const draftPath = new URL(page.url()).pathname;
  const original = await page.locator('#source').inputValue();
  expect(original).toContain('customer.age < 18');

  await test.step('a type error is shown at its line', async () => {
    await page.locator('#source').fill(original.replace('customer.age < 18', 'customer.age < 18 SEK'));
    await page.getByTestId('save-ruleset').click();
    const errors = page.getByTestId('compile-errors');
    await expect(errors).toBeVisible();
    await expect(errors.locator('li').first()).toHaveAttribute('data-line', '3');
    await expect(errors).toContainText('Rad 3, kolumn');
    await expect(errors).toContainText('3 | rule underage');
    await expect(page.getByTestId('activate-ruleset')).toHaveCount(0);
  });

  await test.step('fixed, it compiles and the diff shows the change', async () => {
    await page.locator('#source').fill(original.replace('25000 SEK', '20000 SEK'));
    await page.getByTestId('save-ruleset').click();
    await expect(page.getByTestId('compiles')).toBeVisible();
    await expect(page.getByTestId('compile-errors')).toHaveCount(0);
    await expect(page.getByTestId('ruleset-diff')).toContainText('+rule limit:');
    await expect(page.getByTestId('ruleset-diff')).toContainText('20000 SEK');
  });

  await test.step('backtest', async () => {
    await page.locator('#bt-limit').fill('500');
    await page.getByTestId('run-backtest').click();
    await expectPath(page, draftPath);
    await waitHydrated(page);
    await expect(page.getByTestId('backtest-result')).toBeVisible();
    await expect(page.getByTestId('backtest-decisions')).toHaveText(/^\d+$/);
  });

  await test.step('activate', async () => {
    await page.getByTestId('activate-ruleset').click();
    await expect(page.getByTestId('ruleset-heading').locator('[data-status]')).toHaveAttribute('data-status', 'active');
    await expect(page.getByTestId('ruleset-source')).toContainText('20000 SEK');
    await page.goto('/credit/rulesets');
    await waitHydrated(page);
    await expect(page.getByTestId('ruleset-SE-invoice-1').locator('[data-status]')).toHaveAttribute('data-status', 'retired');
    await expect(page.getByTestId('ruleset-SE-invoice-2').locator('[data-status]')).toHaveAttribute('data-status', 'active');
  });
});
