// The merchant portal's order and batch screens in a real Chromium: an order created through
// the REST API (as the e-store's server would) is found in the portal, captured partly from
// its page — with JavaScript and with plain form posts — and shows its invoice; an order is
// cancelled through its confirmation step and the page says it is done; a file of captures
// is uploaded, followed to the end and its results downloaded.
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { expectPath, login, waitHydrated } from './support';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (scripts/e2e.sh sets it)`);
  return value;
}

/**
 * The invoice fee of the e2e merchant's agreement, in öre: `server create-merchant` (run by
 * scripts/e2e.sh) gives a new merchant the standard terms, `server::demo_merchant::demo_terms`
 * (invoice fee 29.00, printed by the command).
 */
const INVOICE_FEE_ORE = 2900;

/** Öre as the Swedish portal shows them: `1 234,50 kr` (no-break spaces). */
function money(ore: number): string {
  const kronor = Math.trunc(ore / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${kronor},${String(ore % 100).padStart(2, '0')}\u00a0kr`;
}

/** Logs the e2e merchant owner into the portal. */
async function portalLogin(page: Page, js: boolean): Promise<void> {
  await page.goto('/portal/login');
  if (js) await waitHydrated(page);
  await page.locator('#email').fill(env('E2E_MERCHANT_EMAIL'));
  await page.locator('#password').fill(env('E2E_MERCHANT_PASSWORD'));
  await page.locator('#portal-login-submit').click();
  await expectPath(page, '/portal');
  if (js) await waitHydrated(page);
}

/** Creates a 100.00 SEK order through the order API; returns its id. */
async function apiOrder(request: APIRequestContext, reference: string): Promise<string> {
  const basic = Buffer.from(`${env('E2E_API_KEY_ID')}:${env('E2E_API_SECRET')}`).toString('base64');
  const res = await request.post('/v1/orders', {
    headers: { Authorization: `Basic ${basic}`, 'Idempotency-Key': reference },
    data: {
      purchase_country: 'SE',
      purchase_currency: 'SEK',
      locale: 'sv-SE',
      order_amount: 10000,
      order_tax_amount: 2000,
      order_lines: [
        { type: 'physical', reference: 'SKO-1', name: 'Sko', quantity: 1, unit_price: 10000,
          tax_rate: 2500, total_amount: 10000, total_tax_amount: 2000 },
      ],
      customer: { national_identification_number: env('E2E_PERSON'), email: 'kund@example.se' },
      merchant_reference1: reference,
      payment_method: 'invoice',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  expect(body.status).toBe('AUTHORIZED');
  return body.order_id as string;
}

/** Finds the order by its reference in the list and opens it. */
async function openFromList(page: Page, reference: string, orderId: string, js: boolean): Promise<void> {
  await page.locator('#f-q').fill(reference);
  await page.locator('#order-filters button[type="submit"]').click();
  const row = page.locator(`tr[data-order-id="${orderId}"]`);
  await expect(row).toContainText('Beviljad');
  await expect(page.locator('tr[data-order-id]')).toHaveCount(1);
  await row.getByRole('link', { name: reference }).click();
  await expectPath(page, `/portal/orders/${orderId}`);
  if (js) await waitHydrated(page);
}

/** Captures 40,00 kr of the open order page and checks the invoice it made. */
async function capturePart(page: Page, shipment: string): Promise<void> {
  await page.locator('#capture-amount').fill('40,00');
  await page.locator('#capture-reference').fill(shipment);
  await page.locator('#capture-submit').click();
  const capture = page.getByTestId('capture');
  await expect(capture).toHaveCount(1);
  await expect(capture.getByTestId('capture-amount')).toHaveText('40,00 kr');
  await expect(capture).toContainText(shipment);
  await expect(capture.getByTestId('invoice-number')).toHaveText(/^\d{7}$/);
  await expect(capture.getByTestId('invoice-ocr')).toHaveText(/^\d+$/);
  // 40,00 of goods plus the agreement's invoice fee, to the öre.
  await expect(capture.getByTestId('invoice-fee')).toHaveText(money(INVOICE_FEE_ORE));
  await expect(capture.getByTestId('invoice-total')).toHaveText(money(4000 + INVOICE_FEE_ORE));
  await expect(page.getByTestId('order-captured')).toHaveText('40,00 kr');
  await expect(page.getByText('Delvis aktiverad').first()).toBeVisible();
  // What remains is still offered for capture.
  await expect(page.locator('#capture-amount')).toHaveValue('60,00');
}

/**
 * Cancels the open order page's order through its confirmation step: the step names the order
 * and its amount and changes nothing ("Back" leaves the order as it was); "Confirm" cancels
 * it and the order page says so once.
 */
async function cancelWithConfirmation(page: Page, reference: string, js: boolean): Promise<void> {
  await page.locator('#cancel-submit').click();
  const step = page.getByTestId('confirm-step');
  await expect(step).toContainText('Makulera den här ordern?');
  await expect(step).toContainText(reference);
  await expect(step).toContainText(money(10000));
  await expect(page.getByTestId('order-status')).toHaveText('Beviljad');
  await step.getByTestId('confirm-back').click();
  await expect(page.getByTestId('confirm-step')).toHaveCount(0);
  await expect(page.getByTestId('order-status')).toHaveText('Beviljad');
  await page.locator('#cancel-submit').click();
  if (js) await waitHydrated(page);
  await page.getByTestId('confirm-submit').click();
  const flash = page.getByTestId('flash');
  await expect(flash).toHaveText('Ordern är makulerad.');
  await expect(flash).toHaveAttribute('role', 'status');
  await expect(flash).toHaveCount(1);
  await expect(page.getByTestId('order-status')).toHaveText('Makulerad');
  await expect(page.locator('#cancel-submit')).toHaveCount(0);
}

test('a merchant cancels an order after its confirmation step and is told it is done', async ({ page, request }) => {
  const reference = `PW-CANCEL-${Date.now()}`;
  const orderId = await apiOrder(request, reference);
  await portalLogin(page, true);
  await openFromList(page, reference, orderId, true);
  await cancelWithConfirmation(page, reference, true);
});

test('a merchant finds an API order in the portal, captures part of it and sees the invoice', async ({ page, request }) => {
  const reference = `PW-JS-${Date.now()}`;
  const orderId = await apiOrder(request, reference);
  await portalLogin(page, true);
  await openFromList(page, reference, orderId, true);
  await capturePart(page, 'PAKET-1');
});

/** The text of a PDF file, as poppler's pdftotext reads it (layout kept). */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

test('the merchant downloads the invoice PDF and support previews it in Norwegian', async ({ page, request, browser }) => {
  const reference = `PW-PDF-${Date.now()}`;
  const orderId = await apiOrder(request, reference);
  await portalLogin(page, true);
  await openFromList(page, reference, orderId, true);
  await capturePart(page, 'PAKET-PDF');
  const capture = page.getByTestId('capture');
  const number = (await capture.getByTestId('invoice-number').textContent())!.trim();
  const ocr = (await capture.getByTestId('invoice-ocr').textContent())!.trim();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    capture.getByTestId('invoice-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toContain(number);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const swedish = pdfText(file);
  expect(swedish).toContain(number);
  expect(swedish).toContain(ocr);
  expect(swedish).toContain('Förfallodatum');

  // Support opens the invoice in the back office and previews it in Norwegian.
  const basic = Buffer.from(`${env('E2E_API_KEY_ID')}:${env('E2E_API_SECRET')}`).toString('base64');
  const res = await request.get(`/v1/orders/${orderId}/captures`, { headers: { Authorization: `Basic ${basic}` } });
  expect(res.status()).toBe(200);
  const invoiceId = (await res.json())[0].invoice.invoice_id as string;
  const staff = await (await browser.newContext()).newPage();
  await login(staff);
  await staff.goto(`/invoices/${invoiceId}`);
  await waitHydrated(staff);
  await staff.getByTestId('preview-lang').selectOption('nb');
  // The browser opens the PDF in its own viewer (the response body it exposes is the viewer's
  // page), so check the form's GET and fetch the same URL with the staff session's cookies.
  const [preview] = await Promise.all([
    staff.waitForResponse((r) => r.url().includes(`/invoices/${invoiceId}/invoice.pdf?lang=nb`)),
    staff.getByTestId('preview-pdf').click(),
  ]);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('application/pdf');
  const fetched = await staff.request.get(preview.url());
  expect(fetched.headers()['content-type']).toBe('application/pdf');
  const previewFile = `${test.info().outputDir}/preview-nb.pdf`;
  mkdirSync(test.info().outputDir, { recursive: true });
  writeFileSync(previewFile, await fetched.body());
  const norwegian = pdfText(previewFile);
  expect(norwegian).toContain(number);
  expect(norwegian).toContain('Forfallsdato');
  expect(norwegian).not.toContain('Förfallodatum');
});

test('a merchant uploads a file of captures, follows it and downloads the results', async ({ page, request }) => {
  const reference = `PW-BATCH-${Date.now()}`;
  const orderId = await apiOrder(request, reference);
  await portalLogin(page, true);
  await page.getByRole('link', { name: 'Batcher' }).click();
  await expectPath(page, '/portal/batches');
  await page.locator('#batch-kind').selectOption('captures');
  await page.locator('#batch-file').setInputFiles({
    name: 'captures.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`order_id,captured_amount,reference\n${orderId},10000,${reference}\n${orderId},500,too much\n`),
  });
  await page.locator('#batch-upload-submit').click();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/portal\/batches\/[0-9a-f-]{36}$/);
  // The page reloads itself until every row has its result.
  await expect(page.getByTestId('batch-status')).toHaveText('Klar', { timeout: 20_000 });
  await expect(page.getByTestId('batch-progress-text')).toHaveText('2 / 2 (100 %)');
  await expect(page.getByTestId('batch-ok')).toHaveText('1');
  await expect(page.getByTestId('batch-errors')).toHaveText('1');
  await expect(page.locator('tr[data-row="1"]')).toContainText('Faktura');
  await expect(page.locator('tr[data-row="2"]')).toContainText('Aktiveringen går inte');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('batch-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^batch-.*-results\.csv$/);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  expect(text).toContain('row_no,key,status,error_code');
  expect(text).toContain(`1,1,ok,,,${orderId},`);
  expect(text).toContain('2,2,error,CAPTURE_NOT_ALLOWED,');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the capture form works as a plain form post', async ({ page, request }) => {
    const reference = `PW-NOJS-${Date.now()}`;
    const orderId = await apiOrder(request, reference);
    await portalLogin(page, false);
    await openFromList(page, reference, orderId, false);
    await capturePart(page, 'PAKET-2');
  });

  test('cancelling goes through the confirmation step as plain links and forms', async ({ page, request }) => {
    const reference = `PW-NOJS-CANCEL-${Date.now()}`;
    const orderId = await apiOrder(request, reference);
    await portalLogin(page, false);
    await openFromList(page, reference, orderId, false);
    await cancelWithConfirmation(page, reference, false);
  });

  test('a malformed batch file is refused with its lines named', async ({ page }) => {
    await portalLogin(page, false);
    await page.goto('/portal/batches');
    await page.locator('#batch-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('order_id,captured_amount,reference\nnot-an-id,abc,x\n'),
    });
    await page.locator('#batch-upload-submit').click();
    await expectPath(page, '/portal/batches');
    const error = page.getByTestId('batch-upload-error');
    await expect(error).toContainText('ingenting importerades');
    await expect(error).toContainText('line 2, column 1');
  });
});
