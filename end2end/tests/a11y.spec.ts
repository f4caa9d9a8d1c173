// Accessibility smoke test with axe-core: the login page and the dashboard
// must have no violations of impact "serious" or "critical".
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { login, waitHydrated } from './support';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    );
}

test('login page has no serious or critical a11y violations', async ({ page }) => {
  await page.goto('/login');
  await waitHydrated(page);
  const violations = await seriousViolations(page);
  if (violations.length) console.log(violations.join('\n'));
  expect(violations).toEqual([]);
});

test('dashboard has no serious or critical a11y violations', async ({ page }) => {
  await login(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const violations = await seriousViolations(page);
  if (violations.length) console.log(violations.join('\n'));
  expect(violations).toEqual([]);
});
