/**
 * InPost Pay in Chromium: a PLN store on the sandboxes (the InPost simulator in the host). The
 * customer's phone is a second page on the simulator's app page behind the QR code's link: bind,
 * change a quantity (the kiosk follows), promo code, order, pay → thank-you and a receipt in
 * złoty; or reject → back to the basket.
 */
import { test, expect, SAMPLES } from './support/fixtures';
import { lines, scanAndWait, startInEnglish, storeConfig } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];

test.use({
  kioskOptions: {
    config: storeConfig({ store: { name: 'Kassa Sklep', currency: 'PLN', timeZone: 'Europe/Warsaw' }, inpost: { enabled: true } }),
  },
});

test.beforeEach(async ({ kiosk }) => {
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BREAD, 2);
});

async function openApp(kiosk: Parameters<Parameters<typeof test>[2]>[0]['kiosk']) {
  const page = kiosk.page;
  await page.getByRole('button', { name: 'Pay with InPost Pay' }).click();
  await expect(page.getByRole('img', { name: 'InPost Pay basket code' })).toBeVisible();
  // The QR code's text is the deep link (a clickable link too in demo mode; this is a store on the sandboxes).
  const href = (await kiosk.view()).payment!.qrText!;
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/[0-9a-f]{32}$/);
  await kiosk.screenshot('inpost-qr');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await kiosk.screenshot('inpost-qr-landscape');
  await page.setViewportSize({ width: 1080, height: 1920 });
  const phone = await kiosk.phone();
  await phone.goto(href);
  await phone.getByTestId('confirm').click();
  await expect(page.getByTestId('inpost-greeting')).toHaveText('Hello, Anna (600 *** 800)! Your basket is in the InPost app: order and pay there.');
  return phone;
}

test('bind by QR, change a quantity in the app and see the kiosk follow, promo code, order, pay: thank-you and a receipt in złoty', async ({ kiosk }) => {
  const page = kiosk.page;
  const phone = await openApp(kiosk);
  const total = page.getByTestId('inpost-total');
  const before = await total.textContent();
  expect(before).toMatch(/^PLN\u00a0\d+\.\d\d$/);

  await phone.locator('[data-product="L1"] button[aria-label="plus"]').click();
  await expect(phone.locator('[data-product="L1"] [data-testid="qty"]')).toHaveText('2');
  await expect(total).not.toHaveText(before!);
  const view = await kiosk.view();
  expect(view.basket.lines[0]!.measure).toEqual({ kind: 'pieces', count: 2 });
  const afterQty = await total.textContent();

  await phone.getByTestId('promo-input').fill('KASSA10');
  await phone.getByTestId('promo').click();
  await expect(phone.getByText('Kody: KASSA10')).toBeVisible();
  await expect(total).not.toHaveText(afterQty!);
  await kiosk.screenshot('inpost-bound');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await kiosk.screenshot('inpost-bound-landscape');
  await page.setViewportSize({ width: 1080, height: 1920 });

  await phone.getByTestId('order').click();
  await phone.getByTestId('pay').click();
  await expect(phone.getByTestId('order-state')).toHaveText('AUTHORIZED · ORDER_COMPLETED');
  await phone.close();

  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  // The receipt prints after the thank-you screen appears (the printer is a device on a pty).
  await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
  const { receipts } = await kiosk.printer();
  expect(receipts[0]!.text).toContain('InPost Pay');
  expect(receipts[0]!.text).toContain('Kod KASSA10');
  expect(receipts[0]!.text).not.toContain('SWiP');
  expect(receipts[0]!.text).toMatch(/\d\.\d\d PLN/);
  await kiosk.screenshot('inpost-thank-you');
});

test('rejected in the app: back to the basket with "payment cancelled"', async ({ kiosk }) => {
  const page = kiosk.page;
  const phone = await openApp(kiosk);
  await phone.getByTestId('order').click();
  await phone.getByTestId('reject').click();
  await expect(phone.getByTestId('order-state')).toHaveText('UNPAID · ORDER_REJECTED');
  await phone.close();
  await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
  await expect(lines(page)).toHaveCount(2);
  expect((await kiosk.view()).notice?.code).toBe('payment-cancelled');
});
