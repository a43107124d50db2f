/**
 * The SWiP sandbox's wallet page in Chromium, without a kiosk: each button the demo offers
 * (personal discount, pay at the terminal, decline with a reason, let it expire, faults).
 */
import { chromium, expect, test, type Browser } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { SwipSandbox } from '../../electron/sandbox/swip';
import { CHROMIUM, CHROMIUM_ARGS } from './support/targets';

let browser: Browser;
let sb: SwipSandbox;
const HEADERS = { Authorization: 'Bearer e2e-token', 'X-Merchant-ID': 'E2E1', 'X-Store-ID': 'S1', 'X-Cash-ID': 'K1', 'Api-Version': '3', 'Content-Type': 'application/json' };

test.beforeEach(async () => {
  test.skip(test.info().project.name !== 'browser-host', 'the wallet page needs no Electron');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  sb = await SwipSandbox.start({ token: 'e2e-token', merchantId: 'E2E1', walletDiscountBp: 1000 });
});
test.afterEach(async () => {
  await browser?.close();
  await sb?.close();
});

async function createOrder(): Promise<{ id: string; sessionCode: string }> {
  const body = {
    merchantOrderId: randomUUID(), merchantCashier: 'Kiosk', saleDate: Date.now(), posType: 'SELF_CHECKOUT', total: 20, totalOriginal: 20,
    purchases: [{ name: 'Coffee 500 g', quantity: 2, price: 10, amount: 20 }],
  };
  const r = await fetch(`${sb.url}/orders`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  return (await r.json()) as { id: string; sessionCode: string };
}

async function order(id: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${sb.url}/orders/${id}`, { headers: HEADERS })).json()) as Record<string, unknown>;
}

test('wallet buttons: personal discount, terminal, decline, expiry notice and faults', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });

  const a = await createOrder();
  await page.goto(a.sessionCode);
  await page.getByRole('button', { name: 'Pay with personal discount (−10 %)' }).click();
  await expect(page.getByRole('status')).toHaveText('Paid. Thank you!');
  await expect(page.locator('#total')).toHaveText('€ 18.00');
  expect(await order(a.id)).toMatchObject({ total: 18, totalOriginal: 20, swipDiscount: 2, paid: 18 });

  const b = await createOrder();
  await page.goto(b.sessionCode);
  await page.getByLabel('Decline reason').selectOption('Card expired');
  await page.getByRole('button', { name: 'Decline the payment' }).click();
  await expect(page.getByRole('status')).toHaveText('Payment declined: Card expired');
  expect(await order(b.id)).toMatchObject({ orderStatus: 'OPEN', error: 'Card expired', paid: 0 });
  await page.getByRole('button', { name: 'Pay at the terminal (cash or card)' }).click();
  await expect(page.getByRole('status')).toHaveText('Please pay at the terminal');
  expect(await order(b.id)).toMatchObject({ cash: true, paid: 0 });

  const c = await createOrder();
  await page.goto(c.sessionCode);
  await page.getByRole('button', { name: 'Answer the next API request with 429' }).click();
  await expect(page.getByRole('status')).toHaveText('The next API request will get 429');
  expect((await fetch(`${sb.url}/orders/${c.id}`, { headers: HEADERS })).status).toBe(429);
  await page.getByRole('button', { name: 'Let it expire' }).click();
  await expect(page.getByRole('status')).toContainText('90 s after it was created');
  await expect(page.getByRole('button', { name: /^Pay/ })).toHaveCount(0);
});
