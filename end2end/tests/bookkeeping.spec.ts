// Bookkeeping as finance staff: the trial balance of the demo books balances, an account
// statement shows its running balance, and the SIE 4 file downloads in code page 437.
import { readFileSync } from 'fs';
import { test, expect } from '@playwright/test';
import { expectPath, waitHydrated } from './support';

test('finance opens the trial balance and a statement, and downloads SIE', async ({ page }) => {
  const email = process.env.E2E_FINANCE_EMAIL;
  const password = process.env.E2E_FINANCE_PASSWORD;
  if (!email || !password) throw new Error('E2E_FINANCE_EMAIL and E2E_FINANCE_PASSWORD must be set');

  await page.goto('/login');
  await waitHydrated(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#login-submit').click();
  await expectPath(page, '/');

  await test.step('trial balance', async () => {
    await page.goto('/bookkeeping?from=2000-01-01&to=2099-12-31');
    await waitHydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bokföring');
    const table = page.getByTestId('trial-balance');
    await expect(table).toContainText('Kundfordringar');
    await expect(table).toContainText('Skulder till handlare');
    await expect(page.getByTestId('tb-balanced')).toHaveText('Balanserar');
  });

  await test.step('account statement with running balance', async () => {
    await page.getByTestId('trial-balance').getByRole('link', { name: '1510' }).click();
    await expectPath(page, '/bookkeeping/statement');
    await expect(page.getByTestId('statement-heading')).toContainText('1510');
    const rows = page.getByTestId('statement').locator('tbody tr');
    await expect(rows.nth(1)).toBeVisible();
    await expect(page.getByTestId('statement-closing')).toHaveText(/\d/);
  });

  await test.step('SIE 4 download', async () => {
    // One download covers at most 366 days (issue 10): the demo books' weeks up to today.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/bookkeeping?from=${day(-300)}&to=${day(30)}`);
    await waitHydrated(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sie-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.se$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    const text = bytes.toString('latin1');
    expect(text.startsWith('#FLAGGA 0')).toBeTruthy();
    expect(text).toContain('#SIETYP 4');
    expect(text).toContain('#VER');
    // "Förskott från kunder" in code page 437: ö = 0x94, å = 0x86.
    expect(bytes.includes(Buffer.from([0x46, 0x94, 0x72, 0x73, 0x6b, 0x6f, 0x74, 0x74, 0x20, 0x66, 0x72, 0x86, 0x6e]))).toBeTruthy();
  });
});
