/**
 * Printing: the receipt of a SWiP-paid order on the virtual printer (decoded back to text) and
 * on the thank-you screen; paper out → the digital receipt QR, and the held job prints exactly
 * once when paper is back.
 */
import { test, expect, SAMPLES } from './support/fixtures';
import { euro, lines, money, payWithWallet, pieceTotal, product, scanAndWait, startInEnglish, storeConfig, swipUrlOrder, weighedTotal, staffSignIn } from './support/shop';

const MILK = SAMPLES.piece[0]!;
const BANANAS = SAMPLES.weighed[0]!;
const NEWSPAPER = SAMPLES.reducedVat;

/** VAT inside a gross amount, half up: gross × rate / (1 + rate), in integers. */
function vatOf(grossCents: number, rateBp: number): number {
  return Math.floor((2 * grossCents * rateBp + 10_000 + rateBp) / (2 * (10_000 + rateBp)));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Sampling off (store configuration on the sandboxes): a random purchase check must not stop Pay.
test.use({ kioskOptions: { config: storeConfig() } });

async function fillBasket(kiosk: Parameters<typeof startInEnglish>[0]) {
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BANANAS.example, 2);
  await scanAndWait(kiosk, NEWSPAPER, 3);
  await expect(lines(kiosk.page)).toHaveCount(3);
}

test('the printed receipt: on screen as an image, and on paper with every product, the total, each VAT rate and the order number', async ({ kiosk }) => {
  const page = kiosk.page;
  await fillBasket(kiosk);
  const items = [
    { p: product(MILK), total: pieceTotal(MILK) },
    { p: product(BANANAS.template), total: weighedTotal(BANANAS.grams, BANANAS.pricePerKgCents) },
    { p: product(NEWSPAPER), total: pieceTotal(NEWSPAPER) },
  ];
  const total = items.reduce((s, i) => s + i.total, 0);
  const { totalCents } = await payWithWallet(kiosk);
  expect(totalCents).toBe(total);

  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const image = page.getByRole('img', { name: 'Your receipt' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
  // The image really decoded (a broken data URL has no natural size).
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth > 100 && img.naturalHeight > 100)).toBe(true);
  await expect(page.getByText('Please take your receipt')).toBeVisible();
  const view = await kiosk.view();
  const orderRef = view.receipt!.orderRef;
  // One short order number for the customer; the internal id is never on the screen.
  const orderNo = view.receipt!.orderNo!;
  expect(orderNo).toMatch(/^K01-\d{4}$/);
  await expect(page.getByTestId('order-no')).toHaveText(`Order ${orderNo}`);
  expect(await page.locator('main').innerText()).not.toContain(orderRef.slice(0, 8));
  await kiosk.screenshot('thank-you-receipt');

  // The receipt prints after the thank-you screen appears (the printer is a device on a pty).
  await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
  const { receipts } = await kiosk.printer();
  const text = receipts[0]!.text;
  for (const i of items) expect(text).toContain(i.p.name.en);
  expect(text).toMatch(new RegExp(`TOTAL\\s+${esc(euro(total))} €`));
  // One VAT row per rate: rate, net, VAT, gross.
  const rates = [...new Set(items.map((i) => i.p.vatRateBp))].sort((a, b) => b - a);
  expect(rates).toHaveLength(2);
  for (const bp of rates) {
    const gross = items.filter((i) => i.p.vatRateBp === bp).reduce((s, i) => s + i.total, 0);
    const vat = vatOf(gross, bp);
    expect(text).toMatch(new RegExp(`^${bp / 100}%\\s+${esc(euro(gross - vat))}\\s+${esc(euro(vat))}\\s+${esc(euro(gross))}$`, 'm'));
  }
  // The same number is the receipt number and the order line, and SWiP's merchantOrderNumber (the wallet's "Order …").
  expect(text).toMatch(new RegExp(`Receipt: ${esc(orderNo)}$`, 'm'));
  expect(text).toMatch(new RegExp(`^Order:\\s+${esc(orderNo)}$`, 'm'));
  const order = await swipUrlOrder(kiosk, orderRef);
  expect(order.merchantOrderNumber).toBe(orderNo);
  // The receipt's QR opens its digital receipt page (a per-receipt token, never the order id).
  expect(receipts[0]!.qrPayloads).toHaveLength(1);
  expect(receipts[0]!.qrPayloads[0]).toMatch(new RegExp(`^${esc(kiosk.url)}r/[A-Za-z0-9_-]{43}$`));

  // The staff console lists the order under the same number, without internal ids.
  const staff = await staffSignIn(kiosk);
  await staff.getByRole('tab', { name: /Orders/ }).click();
  await expect(staff.getByRole('heading', { name: `Order ${orderNo}` })).toBeVisible();
  const consoleText = await staff.innerText();
  expect(consoleText).not.toContain(orderRef.slice(0, 8));
  expect(consoleText).not.toMatch(/\d{20}/);
  // Staff-facing values in words and a date with month and year, not enums and "03/12".
  const meta = staff.locator('.sorder__meta').first();
  await expect(meta).toContainText('SWiP');
  await expect(meta).toContainText('Paid');
  expect(await meta.innerText()).not.toMatch(/swip|closed|\b\d{2}\/\d{2}\b/);
  expect(await meta.innerText()).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
  await kiosk.screenshot('staff-orders-numbered');

  // Refund 1.00: confirmed with a reason, then a confirmation on the console and a refund slip on paper.
  await staff.getByRole('button', { name: 'Refund', exact: true }).click();
  const keypad = staff.getByRole('group', { name: 'Refund amount' });
  for (const d of '100') await keypad.getByRole('button', { name: d, exact: true }).click();
  await staff.getByRole('button', { name: `Refund ${money(100)}` }).click();
  await staff.getByTestId('confirm-money').getByRole('button', { name: 'Goods returned' }).click();
  await expect(staff.getByTestId('staff-done')).toHaveText(`Refund of ${money(100)} for order ${orderNo} done — the refund slip is printing.`);
  await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(2);
  expect((await kiosk.printer()).receipts[1]!.text).toMatch(new RegExp(`Refund of order ${esc(orderNo)}`));
  await kiosk.screenshot('staff-refund-done');
  // Reprint: said on the console, and printed.
  await staff.getByRole('button', { name: 'Reprint last receipt' }).click();
  await expect(staff.getByTestId('staff-done')).toHaveText('The last receipt was sent to the printer.');
  await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(3);
});

test('paper out: thank-you offers the digital receipt; paper back: the held receipt prints exactly once', async ({ kiosk }) => {
  const page = kiosk.page;
  await fillBasket(kiosk);
  expect((await kiosk.printer({ paperOut: true })).status.paperOut).toBe(true);
  await payWithWallet(kiosk);

  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect(page.getByText('Your receipt could not be printed — scan this code for a digital receipt')).toBeVisible();
  await expect(page.getByText('If you need a paper receipt, please ask a member of staff.')).toBeVisible();
  const qr = page.getByRole('img', { name: 'Digital receipt code' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
  await expect(page.getByRole('img', { name: 'Your receipt' })).toHaveCount(0);
  const view = await kiosk.view();
  expect(view.receipt).toMatchObject({ printed: 'failed' });
  const link = view.receipt!.digitalQr!;
  expect(link).toMatch(new RegExp(`^${esc(kiosk.url)}r/[A-Za-z0-9_-]{43}$`));
  // A phone opens the QR's page: this receipt's order number and total (store mode: the QR is no link).
  await expect(page.getByTestId('digital-receipt-link')).toHaveCount(0);
  const receiptPage = await kiosk.phone();
  await receiptPage.goto(link);
  await expect(receiptPage.getByTestId('order-no')).toHaveText(view.receipt!.orderNo!);
  await expect(receiptPage.getByTestId('total')).toContainText(/\d[.,]\d\d/);
  await receiptPage.close();
  expect(view.devices.printer).toBe('attention');
  expect((await kiosk.printer()).receipts).toHaveLength(0);
  await kiosk.screenshot('thank-you-paper-out');

  await kiosk.printer({ paperOut: false });
  // The queue resumes on its own (status poll or retry) and the thank-you screen follows.
  await expect(page.getByRole('img', { name: 'Your receipt' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Please take your receipt')).toBeVisible();
  const after = await kiosk.printer();
  expect(after.receipts).toHaveLength(1);
  expect(after.receipts[0]!.qrPayloads).toEqual([link]);
  expect((await kiosk.view()).receipt?.printed).toBe('printed');
  await kiosk.screenshot('thank-you-paper-back');
  // Finishing the session does not print it again.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('main.attract')).toBeVisible();
  expect((await kiosk.printer()).receipts).toHaveLength(1);
});
