/**
 * Money you can trust, in Chromium: a personal SWiP discount paid in the app, the terminal chosen
 * in the app (SWiP scenario 2), a decline in the app, and a close SWiP refuses reaching the staff
 * console as "needs attention" (retried there, or from the attendant console). Screenshots of each.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwipSandbox } from '../../electron/sandbox/swip';
import { test, expect, SAMPLES } from './support/fixtures';
import { euro, grandTotal, money, pieceTotal, scanAndWait, startInEnglish, storeConfig, swipLedger, staffSignIn, STORE_SUPERVISOR } from './support/shop';
import type { KioskUnderTest } from './support/fixtures';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const BASKET = pieceTotal(MILK) + pieceTotal(BREAD);

test.beforeEach(async ({ kiosk }) => {
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BREAD, 2);
  await expect(grandTotal(kiosk.page)).toHaveText(money(BASKET));
});

async function openWallet(kiosk: KioskUnderTest) {
  await kiosk.page.getByRole('button', { name: 'Pay with SWiP' }).click();
  await expect(kiosk.page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
  const phone = await kiosk.phone();
  await phone.goto((await kiosk.view()).payment!.qrText!);
  return phone;
}

test.describe('SWiP in the app', () => {
  test.use({ kioskOptions: { config: storeConfig({ terminal: { kind: 'sandbox', autoApproveMs: null } }) } });

  test('a personal discount in the app: paid for SWiP\'s lower total, the discount a named line on screen and receipt', async ({ kiosk }) => {
    const phone = await openWallet(kiosk);
    await phone.getByRole('button', { name: /Pay with personal discount/ }).click();
    await expect(phone.locator('#state')).toHaveText('Paid. Thank you!');
    await phone.close();
    const page = kiosk.page;
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    const [order] = await swipLedger(kiosk);
    expect(order!.totalCents).toBeLessThan(BASKET);
    expect(order).toMatchObject({ status: 'CLOSED', closeAmountCents: order!.totalCents, totalOriginalCents: BASKET });
    await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
    const text = (await kiosk.printer()).receipts[0]!.text;
    expect(text).toMatch(/SWiP personal discount/);
    expect(text).toMatch(new RegExp(`^TOTAL\\s+${euro(order!.totalCents).replace('.', '\\.')} €$`, 'm'));
    await kiosk.screenshot('money-personal-discount-thank-you');
  });

  test('the customer chooses the terminal in the app: the kiosk takes SWiP\'s total at the terminal, then closes the order', async ({ kiosk }) => {
    const phone = await openWallet(kiosk);
    await phone.getByRole('button', { name: 'Pay at the terminal (cash or card)' }).click();
    const page = kiosk.page;
    await expect(page.getByRole('heading', { name: 'Follow the instructions on the card terminal' })).toBeVisible();
    await expect(page.getByText('You chose to pay at the card terminal in the SWiP app.', { exact: false })).toBeVisible();
    await kiosk.screenshot('money-terminal-chosen-in-app');
    await phone.close();
    await expect.poll(async () => (await kiosk.terminal()).pending.length).toBe(1);
    expect((await kiosk.terminal(true)).approved).toHaveLength(1);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(await swipLedger(kiosk)).toMatchObject([{ status: 'CLOSED', cash: true, closeAmountCents: BASKET, capturedCents: 0 }]);
  });

  test('a decline in the app shows its reason at once, and the customer pays another way', async ({ kiosk }) => {
    const phone = await openWallet(kiosk);
    await phone.getByRole('button', { name: 'Decline the payment' }).click();
    const page = kiosk.page;
    const banner = page.getByTestId('payment-declined');
    await expect(banner).toBeVisible({ timeout: 3000 });
    await expect(banner).toContainText('Your payment was declined in the SWiP app.');
    await expect(banner).toContainText('Reason:');
    // The QR no longer counts down once the app declined.
    await expect(page.getByRole('timer', { name: 'Time left' })).toHaveCount(0);
    // "Pay another way" keeps its label on one line.
    const other = banner.getByRole('button', { name: 'Pay another way' }).locator('span');
    expect(await other.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))).toBeLessThan(1.5);
    await kiosk.screenshot('money-declined-in-app');
    await phone.close();
    await banner.getByRole('button', { name: 'Pay another way' }).click();
    await expect(page.getByRole('heading', { name: 'Follow the instructions on the card terminal' })).toBeVisible();
    await expect.poll(async () => (await kiosk.terminal()).pending.length).toBe(1);
    await kiosk.terminal(true);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(await swipLedger(kiosk)).toMatchObject([{ status: 'CLOSED', closeAmountCents: 0, paidCents: 0 }]);
  });
});

// ---- a close SWiP refuses: a SWiP in front of which a proxy answers the close with a 4xx ----------
const TOKEN = 'e2e-refusing-token-01';
const PROXY_PORT = 41000 + (process.pid % 2000);
let swip: SwipSandbox;
let proxy: Server;
let refuse = true;

test.describe('a close SWiP refuses', () => {
  test.beforeAll(async () => {
    swip = await SwipSandbox.start({ token: TOKEN, merchantId: 'KASS', storeId: 'S1' });
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (refuse && req.method === 'POST' && req.url?.endsWith('/actions/close') && Number((JSON.parse(String(body) || '{}') as { amount?: unknown }).amount) > 0) {
          // The document's error object: SWiP refuses, the order stays as it was.
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 6, description: 'ILLEGAL STATE', fieldErrors: [] }));
          return;
        }
        void fetch(new URL(req.url ?? '/', swip.url), { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? undefined : body }).then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((r) => proxy.listen(PROXY_PORT, '127.0.0.1', r));
    expect((proxy.address() as AddressInfo).port).toBe(PROXY_PORT);
  });
  test.afterAll(async () => {
    proxy?.close();
    await swip?.close();
  });
  test.use({ kioskOptions: { config: storeConfig({ swip: { baseUrl: `http://127.0.0.1:${PROXY_PORT}`, token: TOKEN, merchantId: 'KASS', storeId: 'S1', pollMs: 300 } }) } });

  test('reaches the staff console as "needs attention"; never "thank you"; retry closes it', async ({ kiosk }) => {
    refuse = true;
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    swip.pay((await kiosk.view()).payment!.qrText!);
    const calm = page.getByTestId('needs-attention');
    await expect(calm).toBeVisible();
    await expect(calm).toContainText('A member of staff is coming');
    await expect(page.getByText(/thank you|successful/i)).toHaveCount(0);
    await kiosk.screenshot('money-needs-attention-customer');
    expect((await kiosk.view()).assistance.requested).toBe(true);

    const staff = await staffSignIn(kiosk);
    await staff.getByRole('tab', { name: /Orders/ }).click();
    const list = staff.getByTestId('attention-list');
    await expect(list).toContainText('SWiP refused to close the order');
    await expect(list).toContainText('ILLEGAL STATE');
    await kiosk.screenshot('money-needs-attention-staff');
    refuse = false;
    await list.getByRole('button', { name: 'Retry' }).click();
    const confirm = staff.getByTestId('confirm-money');
    await expect(confirm).toBeVisible();
    await kiosk.screenshot('money-confirm-with-reason');
    await confirm.getByRole('button', { name: 'Payment problem' }).click();
    await expect(list).toHaveCount(0);
    await staff.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(swip.ledger()).toMatchObject([{ status: 'CLOSED', closeAmountCents: BASKET }]);
  });
  test('the attendant console lists it on the lane and retries it (confirmed): closed once, gone from the lane', async ({ kiosk }) => {
    test.setTimeout(90_000);
    refuse = true;
    const page = kiosk.page;
    const url = /Kassa attendant console: (http:\/\/\S+)/.exec(kiosk.hostOutput())?.[1];
    expect(url, kiosk.hostOutput()).toBeTruthy();
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    swip.pay((await kiosk.view()).payment!.qrText!);
    await expect(page.getByTestId('needs-attention')).toBeVisible();

    const phone = await kiosk.phone();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url!);
    await phone.locator('header select').selectOption('en'); // the store's default language is Estonian
    await phone.getByLabel('Badge').fill(STORE_SUPERVISOR.badge);
    await phone.getByLabel('PIN').fill(STORE_SUPERVISOR.pin);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    const lane = phone.locator('[data-lane="K01"]');
    await expect(lane).toHaveAttribute('data-status', 'payment-attention');
    await lane.click();
    const item = phone.locator('.pay-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(money(BASKET));
    await expect(item).toContainText('SWiP · The provider refused the close');
    await phone.screenshot({ path: 'artifacts/screens/attendant/console-payment-attention-phone.png' });
    await phone.setViewportSize({ width: 1024, height: 768 });
    await phone.screenshot({ path: 'artifacts/screens/attendant/console-payment-attention-tablet.png' });
    await phone.setViewportSize({ width: 390, height: 844 });
    refuse = false;
    await item.getByRole('button', { name: 'Retry payment' }).click();
    const dialog = phone.getByRole('dialog');
    await expect(dialog).toContainText('Ask the provider again');
    await phone.screenshot({ path: 'artifacts/screens/attendant/console-payment-retry-confirm-phone.png' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(phone.getByTestId('feedback')).toContainText('Done: Retry payment on lane K01.');
    await expect(item).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(swip.ledger().at(-1)).toMatchObject({ status: 'CLOSED', closeAmountCents: BASKET });
    expect(swip.ledger().at(-1)!.events.filter((e) => e.type === 'closed')).toHaveLength(1);
  });
});
