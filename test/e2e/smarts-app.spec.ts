/**
 * Issue 10, end to end in Chromium: a Smarts customer on the simulator's phone page ("Smarts
 * app") scans three products through the kiosk's node, asks to pay; the age check appears on the
 * kiosk's staff console, the supervisor passes it; the phone creates and pays the receipt; the
 * sale is in the staff console's order list as a Smarts sale and staff can print its receipt.
 */
import { test, expect, SAMPLES } from './support/fixtures';
import { startInEnglish, storeConfig, staffSignIn } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const BEER = SAMPLES.alcohol[0]!;

test.use({ kioskOptions: { config: storeConfig() } });

test('Smarts app: three products, age check passed on the staff console, receipt created and paid, sale in the order list', async ({ kiosk }) => {
  const { phoneUrl } = await kiosk.smarts();
  const phone = await kiosk.phone();
  try {
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(phoneUrl);
    const cart = phone.getByRole('list', { name: 'Cart' });
    for (const [i, code] of [MILK, BEER, BREAD].entries()) {
      await phone.getByLabel('Scan a barcode').fill(code);
      await phone.getByRole('button', { name: 'Scan', exact: true }).click();
      await expect(cart.locator('li')).toHaveCount(i + 1);
    }
    await expect(cart).toContainText('18+');
    await phone.getByRole('button', { name: 'Go to payment' }).click();
    await expect(phone.getByRole('status')).toHaveText('Purchase check: please wait for a member of staff…');
    await phone.screenshot({ path: 'artifacts/screens/browser-host/smarts-app-checking.png' });
    const invoiceId = (await phone.locator('#invoice').textContent())!;

    // The kiosk: the supervisor signs in and passes the check.
    const page = kiosk.page;
    await startInEnglish(kiosk);
    const staff = await staffSignIn(kiosk);
    await expect(staff).toBeVisible();
    await staff.getByRole('tab', { name: /Smarts checks/ }).click();
    const check = staff.locator('li.scheck').filter({ hasText: `Invoice ${invoiceId}` });
    await expect(check).toContainText('Pending');
    await expect(check).toContainText('Age check');
    await expect(check).toContainText('18+');
    // Opening the check told Smarts it is being checked (PENDING), before any verdict.
    await expect.poll(async () => (await kiosk.smarts()).results.map((r) => r.result.status)).toEqual(['PENDING']);
    await check.getByRole('button', { name: 'Pass', exact: true }).click();
    await expect(check).toContainText('Passed');
    await expect.poll(async () => (await kiosk.smarts()).results.map((r) => r.result.status)).toEqual(['PENDING', 'PASSED']);

    // The phone is unlocked: the receipt is created by the store and paid.
    await expect(phone.getByRole('status')).toHaveText('Ready to pay', { timeout: 15_000 });
    const pay = phone.getByRole('button', { name: /^Pay € / });
    const total = (await pay.textContent())!.replace('Pay ', '');
    await pay.click();
    await expect(phone.getByRole('status')).toHaveText('Paid. Thank you!');
    const receipt = phone.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toContainText(total);
    const invoice = /Receipt (\S+)/.exec((await receipt.getByRole('heading').textContent())!)![1]!;
    await phone.screenshot({ path: 'artifacts/screens/browser-host/smarts-app-paid.png' });

    // The sale in the staff order list, as a Smarts sale, printable.
    await staff.getByRole('tab', { name: 'Orders' }).click();
    const order = staff.locator('li.sorder').filter({ hasText: `Order ${invoice}` });
    await expect(order).toContainText('Smarts');
    await expect(order).toContainText(total.replace('€ ', '€')); // the console writes €4.57
    await kiosk.screenshot('staff-orders-smarts');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await kiosk.screenshot('staff-orders-smarts-landscape');
    await staff.getByRole('tab', { name: /Smarts checks/ }).click();
    await expect(check).toContainText('Passed');
    await kiosk.screenshot('staff-smarts-passed-landscape');
    await staff.getByRole('tab', { name: 'Orders' }).click();
    await order.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(async () => (await kiosk.printer()).receipts.map((r) => r.text).join('\n')).toContain(invoice);
  } finally {
    await phone.close();
  }
});

test('Smarts pickup order: shown on the staff console, confirmed and handed over there, each status sent to Smarts', async ({ kiosk }) => {
  const order = {
    id: 'ORD-E2E-1',
    customerId: 'person-5',
    institutionId: 'demo-store',
    shipment: { method: 'PARCEL', name: 'Ravala street parcel', status: 'WAITING_FOR_CONFIRMATION', contactPhone: '56314762' },
    products: [{ id: 'MILK', barcode: MILK, productName: 'Piim', amount: 2, rowPrice: 2.18 }],
    currency: 'EUR',
    orderTotalPrice: 2.18,
    created: '2026-11-23',
    closed: null,
    statusChangelogs: [],
  };
  expect((await kiosk.smartsPickup(order)).pickup.status).toBe(200);
  const page = kiosk.page;
  await startInEnglish(kiosk);
  const staff = await staffSignIn(kiosk);
  await staff.getByRole('tab', { name: /Smarts checks/ }).click();
  const pickups = staff.getByRole('region', { name: 'Pickup orders' });
  const card = pickups.locator('li').filter({ hasText: 'Pickup order ORD-E2E-1' });
  await expect(card).toContainText('Waiting for confirmation');
  await expect(card).toContainText('Piim × 2');
  await kiosk.screenshot('staff-smarts-pickup');
  await card.getByRole('button', { name: 'Confirm' }).click();
  await expect(card).toContainText('Confirmed');
  await card.getByRole('button', { name: 'Handed over' }).click();
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect.poll(async () => (await kiosk.smarts()).pickupStatuses.map((p) => p.status)).toEqual(['CONFIRMED', 'COMPLETED']);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await kiosk.screenshot('staff-smarts-pickup-landscape');
});
