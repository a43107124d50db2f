/**
 * Card payments at the nexo terminal, end to end in Chromium: a kiosk with `terminal.kind: "nexo"`
 * runs the local terminal simulator (as the demo does), and a second page plays the customer at
 * the terminal through the simulator's own page, reached by the link on the kiosk's terminal
 * screen. Every money claim is checked against the simulator's own ledger, not only the screen.
 */
import type { Page } from '@playwright/test';
import { test, expect, SAMPLES, type KioskUnderTest } from './support/fixtures';
import { euro, grandTotal, lines, money, pieceTotal, scanAndWait, startInEnglish, storeConfig, swipLedger } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const BASKET = pieceTotal(MILK) + pieceTotal(BREAD);

/** The simulator's ledger, as its control API gives it (its own record, not the kiosk's). */
interface SimEntry {
  transactionId: string;
  amountCents: number;
  authorizedCents: number;
  reversedCents: number;
  state: string;
  errorCondition: string | null;
  events: Array<{ type: string }>;
}

async function simUrl(kiosk: KioskUnderTest): Promise<string> {
  const r = await fetch(new URL('/__test/terminal-sim', kiosk.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { url } = (await r.json()) as { url: string | null };
  if (!url) throw new Error('this kiosk runs no terminal simulator');
  return url;
}

async function simLedger(kiosk: KioskUnderTest): Promise<SimEntry[]> {
  const r = await fetch(new URL('/__control/ledger', await simUrl(kiosk)));
  if (!r.ok) throw new Error(`terminal simulator ledger answered ${r.status}`);
  return (await r.json()) as SimEntry[];
}

const euros = (cents: number) => `EUR ${(cents / 100).toFixed(2)}`;

/** Presses "Pay at card terminal" and opens the terminal page from the link on the kiosk's screen. */
async function payAtTerminal(kiosk: KioskUnderTest): Promise<Page> {
  const page = kiosk.page;
  await page.getByRole('button', { name: 'Pay at card terminal' }).click();
  await expect(page.getByRole('heading', { name: 'Follow the instructions on the card terminal' })).toBeVisible();
  const link = page.getByRole('link', { name: 'Open the card terminal' });
  await expect(link).toBeVisible();
  const terminal = await kiosk.phone();
  await terminal.goto((await link.getAttribute('href'))!);
  await expect(terminal.locator('#amount')).toHaveText(euros(BASKET));
  return terminal;
}

async function insertCardAndPin(terminal: Page, pin = '1234'): Promise<void> {
  await terminal.getByRole('button', { name: 'Insert card' }).click();
  for (const d of pin) await terminal.getByRole('button', { name: `PIN digit ${d}` }).click();
  await terminal.getByRole('button', { name: 'Confirm PIN' }).click();
}

test.describe('card terminal (nexo simulator)', () => {
  test.use({ kioskOptions: { config: storeConfig({ terminal: { kind: 'nexo' } }) } });

  test.beforeEach(async ({ kiosk }) => {
    await startInEnglish(kiosk);
    await scanAndWait(kiosk, MILK, 1);
    await scanAndWait(kiosk, BREAD, 2);
    await expect(grandTotal(kiosk.page)).toHaveText(money(BASKET));
  });

  test('approved: thank-you, and the receipt carries the card, the auth code and the terminal\'s slip', async ({ kiosk }) => {
    const terminal = await payAtTerminal(kiosk);
    await kiosk.screenshot('terminal-nexo-demo-link');
    await insertCardAndPin(terminal);
    await terminal.getByRole('button', { name: 'Approve' }).click();
    await expect(terminal.getByRole('status')).toHaveText('Approved');
    await terminal.close();
    await expect(kiosk.page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

    const ledger = await simLedger(kiosk);
    expect(ledger).toMatchObject([{ state: 'approved', amountCents: BASKET, authorizedCents: BASKET, reversedCents: 0 }]);
    await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
    const text = (await kiosk.printer()).receipts[0]!.text;
    expect(text).toContain('411111 **** 1111');
    expect(text).toMatch(/Auth code:\s+\d{6}/);
    // The terminal's own customer receipt, with its reference of this very transaction.
    expect(text).toContain(`Ref ${ledger[0]!.transactionId}`);
    expect(text).toContain('CARDHOLDER COPY');
    expect(await swipLedger(kiosk)).toEqual([]);
  });

  test('declined for insufficient funds, then approved on a second try: charged exactly once', async ({ kiosk }) => {
    const page = kiosk.page;
    let terminal = await payAtTerminal(kiosk);
    await insertCardAndPin(terminal);
    await terminal.getByLabel('Decline reason').selectOption('insufficient-funds');
    await terminal.getByRole('button', { name: 'Decline', exact: true }).click();
    await expect(terminal.getByRole('status')).toHaveText('Declined: Not enough balance');
    await terminal.close();
    await expect(page.getByRole('heading', { name: 'The payment was not completed' })).toBeVisible();
    await expect(page.locator('.payfail__msg')).toContainText('The card payment was declined.');
    await kiosk.screenshot('terminal-nexo-declined');

    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Follow the instructions on the card terminal' })).toBeVisible();
    terminal = await kiosk.phone();
    await terminal.goto((await page.getByRole('link', { name: 'Open the card terminal' }).getAttribute('href'))!);
    await expect(terminal.locator('#amount')).toHaveText(euros(BASKET));
    await terminal.getByRole('button', { name: 'Tap card (contactless)' }).click();
    await terminal.getByRole('button', { name: 'Approve' }).click();
    await terminal.close();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

    const ledger = await simLedger(kiosk);
    expect(ledger).toMatchObject([
      { state: 'declined', errorCondition: 'Refusal', authorizedCents: 0 },
      { state: 'approved', authorizedCents: BASKET },
    ]);
    expect(ledger.reduce((s, e) => s + e.authorizedCents - e.reversedCents, 0)).toBe(BASKET);
  });

  test('Cancel on the kiosk during PIN entry aborts the terminal; back to the basket; nothing charged', async ({ kiosk }) => {
    const page = kiosk.page;
    const terminal = await payAtTerminal(kiosk);
    await terminal.getByRole('button', { name: 'Insert card' }).click();
    await terminal.getByRole('button', { name: 'PIN digit 1' }).click();
    await expect(terminal.getByRole('status')).toHaveText('Enter PIN, then OK');

    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await expect(page.locator('.toast')).toContainText('The payment was cancelled.');
    await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
    await expect(lines(page)).toHaveCount(2);
    await expect(terminal.getByRole('status')).toHaveText('Cancelled by the till');
    await expect(terminal.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await terminal.close();

    const ledger = await simLedger(kiosk);
    expect(ledger).toMatchObject([{ state: 'aborted', errorCondition: 'Aborted', authorizedCents: 0 }]);
    const view = await kiosk.view();
    expect(view.state).toBe('shopping');
    expect(view.payment).toBeNull();
  });

  test('the terminal is offline at Pay: a clear message, SWiP offered, and the payment goes through in the app', async ({ kiosk }) => {
    const page = kiosk.page;
    const sim = await simUrl(kiosk);
    // The terminal's port closes (connection refused) and opens again after 6 s.
    const r = await fetch(new URL('/__control/offline', sim), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'refused', forMs: 6000 }) });
    expect(r.status).toBe(200);
    await page.getByRole('button', { name: 'Pay at card terminal' }).click();
    await expect(page.getByRole('heading', { name: 'The payment was not completed' })).toBeVisible();
    await expect(page.locator('.payfail__msg')).toContainText('The card terminal is not answering, so nothing was charged.');
    await kiosk.screenshot('terminal-nexo-offline');

    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    const phone = await kiosk.phone();
    await phone.goto((await kiosk.view()).payment!.qrText!);
    await phone.getByRole('button', { name: `Pay € ${euro(BASKET)}` }).click();
    await phone.close();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(await swipLedger(kiosk)).toMatchObject([{ status: 'CLOSED', paidCents: BASKET }]);
    // The simulator, back online, never saw a payment.
    await expect.poll(async () => (await simLedger(kiosk).catch(() => null)), { timeout: 20_000 }).toEqual([]);
  });
});

test.describe('card terminal (nexo simulator) with a shared key: every message protected', () => {
  test.use({ kioskOptions: { config: storeConfig({ terminal: { kind: 'nexo' } }), env: { KASSA_TERMINAL_KEY_ID: 'E2EKey', KASSA_TERMINAL_KEY_VERSION: '7', KASSA_TERMINAL_KEY_PASSPHRASE: 'e2e-shared-passphrase' } } });

  test('approved over NexoBlob + SecurityTrailer; the passphrase appears nowhere in the host output', async ({ kiosk }) => {
    await startInEnglish(kiosk);
    await scanAndWait(kiosk, MILK, 1);
    await scanAndWait(kiosk, BREAD, 2);
    const terminal = await payAtTerminal(kiosk);
    await terminal.getByRole('button', { name: 'Tap card (contactless)' }).click();
    await terminal.getByRole('button', { name: 'Approve' }).click();
    await terminal.close();
    await expect(kiosk.page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    // The simulator, given the same key, refuses every clear request: a payment means protection worked.
    expect(await simLedger(kiosk)).toMatchObject([{ state: 'approved', authorizedCents: BASKET }]);
    expect(kiosk.hostOutput()).not.toContain('e2e-shared-passphrase');
  });
});
