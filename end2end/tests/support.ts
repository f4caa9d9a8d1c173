// Shared helpers for the Kreditor end-to-end specs (not a spec itself).
import { expect, type Page } from '@playwright/test';

/** The admin account the test run signs in with (set by the runner script). */
export function credentials(): { email: string; password: string } {
  const email = process.env.E2E_EMAIL;
  const password = process.env.E2E_PASSWORD;
  if (!email || !password) {
    throw new Error('E2E_EMAIL and E2E_PASSWORD must be set to a valid admin account');
  }
  return { email, password };
}

/** Wait until the wasm bundle has hydrated the page (the app sets this attribute). */
export async function waitHydrated(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated="true"]');
}

/** Assert the current URL's path (ignores host, query and hash). */
export async function expectPath(page: Page, path: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, { message: `expected to be at ${path}` }).toBe(path);
}

/** Sign in through the login form and land on the dashboard. */
export async function login(page: Page, opts: { js?: boolean } = {}): Promise<void> {
  const js = opts.js ?? true;
  const { email, password } = credentials();
  await page.goto('/login');
  if (js) await waitHydrated(page);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#login-submit').click();
  await expectPath(page, '/');
  if (js) await waitHydrated(page);
}
