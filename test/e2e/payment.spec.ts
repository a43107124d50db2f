/**
 * Paying: SWiP with the QR and the sandbox wallet in a second page, cancel, the 90 s timeout on
 * the kiosk's clock, and the card terminal with cash rounding. Every kiosk here runs a store
 * configuration on the local sandboxes with random sampling off (see storeConfig), so no Pay
 * is turned into a purchase check by chance.
 */
import { test, expect, SAMPLES } from './support/fixtures';
import { euro, grandTotal, lines, money, pieceTotal, scanAndWait, startInEnglish, storeConfig, swipLedger } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
/** Milk + bread: 2.98 €, below the demo SWiP loyalty threshold (10 €), not a multiple of 5 cents. */
const BASKET = pieceTotal(MILK) + pieceTotal(BREAD);

test.beforeEach(async ({ kiosk }) => {
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BREAD, 2);
  await expect(grandTotal(kiosk.page)).toHaveText(money(BASKET));
});

test.describe('SWiP (local sandbox)', () => {
  test.use({ kioskOptions: { config: storeConfig() } });

  test('Pay with SWiP shows the QR and 1:25 (SWiP\'s 90 s less the cancel margin); the wallet pays in a second page; thank-you', async ({ kiosk }) => {
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    const qr = page.getByRole('img', { name: 'SWiP payment code' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await expect(page.getByRole('timer', { name: 'Time left' })).toContainText('1:25');
    await expect(page.locator('.paysum__amount')).toHaveText(money(BASKET));
    await kiosk.screenshot('swip-qr');

    const view = await kiosk.view();
    expect(view.state).toBe('paying');
    const qrText = view.payment!.qrText!;
    expect(qrText.startsWith(`${await kiosk.swipUrl()}/wallet/`)).toBe(true);

    // The customer's phone: the wallet page behind the QR.
    const phone = await kiosk.phone();
    await phone.goto(qrText);
    await expect(phone.locator('#total')).toHaveText(`€ ${euro(BASKET)}`);
    await phone.getByRole('button', { name: `Pay € ${euro(BASKET)}` }).click();
    await expect(phone.locator('#state')).toHaveText('Paid. Thank you!');
    await phone.close();

    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await expect(page.getByText('Your payment was successful.')).toBeVisible();
    await kiosk.screenshot('thank-you');
    const ledger = await swipLedger(kiosk);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'CLOSED', totalCents: BASKET, paidCents: BASKET, closeAmountCents: BASKET, capturedCents: BASKET, cash: false });

    // Done ends the session.
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('main.attract')).toBeVisible();
  });

  test('Cancel payment goes back to the basket with "payment cancelled"; the SWiP order is cancelled', async ({ kiosk }) => {
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await expect(page.locator('.toast')).toContainText('The payment was cancelled.');
    await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
    await expect(lines(page)).toHaveCount(2);
    await expect(grandTotal(page)).toHaveText(money(BASKET));
    await kiosk.screenshot('payment-cancelled');
    const view = await kiosk.view();
    expect(view.state).toBe('shopping');
    expect(view.payment).toBeNull();
    const ledger = await swipLedger(kiosk);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'CLOSED', paidCents: 0, closeAmountCents: 0 });
    // The basket can be paid again.
    await expect(page.getByRole('button', { name: 'Pay with SWiP' })).toBeEnabled();
  });

  test('5 s before SWiP\'s own 90 s the kiosk cancels the payment, with its message', async ({ kiosk }) => {
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    const timer = page.getByRole('timer', { name: 'Time left' });
    await expect(timer).toContainText('1:25');
    await kiosk.advance(60_000);
    await expect(timer).toContainText('0:25');
    await expect(timer).toHaveClass(/countdown--low/);
    await kiosk.advance(26_000);
    await expect(page.locator('.toast')).toContainText('The payment took too long and was cancelled. Please try again.');
    await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
    await expect(lines(page)).toHaveCount(2);
    await kiosk.screenshot('payment-timeout');
    const ledger = await swipLedger(kiosk);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'CLOSED', paidCents: 0, closeAmountCents: 0 });
  });
});

/** 2.98 € rounded to 5 cents. */
const ROUNDED = Math.floor((BASKET + 2) / 5) * 5;

test.describe('card terminal with cash rounding (store mode)', () => {
  test.use({ kioskOptions: { config: storeConfig({ store: { cashRoundingCents: 5 }, terminal: { kind: 'sandbox', autoApproveMs: null } }) } });

  test('the terminal screen shows the rounding line; the tap on the terminal leads to thank-you', async ({ kiosk }) => {
    const page = kiosk.page;
    expect((await kiosk.view()).mode).toBe('store');
    await page.getByRole('button', { name: 'Pay at card terminal' }).click();
    await expect(page.getByRole('heading', { name: 'Follow the instructions on the card terminal' })).toBeVisible();
    await expect(page.locator('.paywait__bigtotal strong')).toHaveText(money(ROUNDED));
    const rows = page.locator('.paysum .adjustments__row');
    await expect(rows.filter({ hasText: 'Subtotal' }).locator('dd')).toHaveText(money(BASKET));
    await expect(rows.filter({ hasText: 'Rounding' }).locator('dd')).toHaveText(money(ROUNDED - BASKET));
    await expect(page.locator('.paysum__amount')).toHaveText(money(ROUNDED));
    await kiosk.screenshot('terminal');
    const view = await kiosk.view();
    expect(view.payment).toMatchObject({ method: 'terminal', phase: 'waiting', totalCents: ROUNDED });
    expect(view.basket.roundingCents).toBe(ROUNDED - BASKET);

    await expect.poll(async () => (await kiosk.terminal()).pending.length).toBe(1);
    expect((await kiosk.terminal(true)).approved).toHaveLength(1);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await kiosk.screenshot('thank-you-terminal');
    // A plain card payment: no SWiP order is opened or closed on its behalf.
    expect(await swipLedger(kiosk)).toEqual([]);
  });
});

test.describe('card terminal, auto-approving (store mode)', () => {
  test.use({ kioskOptions: { config: storeConfig({ store: { cashRoundingCents: 5 }, terminal: { kind: 'sandbox', autoApproveMs: 200 } }) } });

  test('pay at the terminal with 5-cent rounding: thank-you, the rounded amount charged, no SWiP order', async ({ kiosk }) => {
    const page = kiosk.page;
    await page.getByRole('button', { name: 'Pay at card terminal' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(await swipLedger(kiosk)).toEqual([]);
    // The printed receipt carries the rounding line and the rounded total.
    await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
    const text = (await kiosk.printer()).receipts[0]!.text;
    expect(text).toMatch(new RegExp(`^Rounding\\s+${euro(ROUNDED - BASKET).replace('.', '\\.')}( €)?$`, 'm'));
    expect(text).toMatch(new RegExp(`^TOTAL\\s+${euro(ROUNDED).replace('.', '\\.')} €$`, 'm'));
  });
});
