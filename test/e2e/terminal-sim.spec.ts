/**
 * The card-terminal simulator's page driven the way a person does it: a payment arrives on
 * POST /nexo, the "customer" inserts the card, types the PIN, the bank approves or declines.
 * Needs no kiosk; runs once (browser-host target).
 */
import { chromium, expect, test, type Browser } from '@playwright/test';
import { TerminalSimulator } from '../../electron/sandbox/terminal';
import { CHROMIUM, CHROMIUM_ARGS } from './support/targets';

let browser: Browser;
let sim: TerminalSimulator;

test.beforeEach(async () => {
  test.skip(test.info().project.name !== 'browser-host', 'the simulator page needs no Electron');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  sim = await TerminalSimulator.start({ poiId: 'P400-E2E' });
});
test.afterEach(async () => {
  await browser?.close();
  await sim?.close();
});

function pay(serviceId: string, amount: number): Promise<Record<string, any>> {
  const body = {
    SaleToPOIRequest: {
      MessageHeader: { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', ServiceID: serviceId, SaleID: 'E2E', POIID: 'P400-E2E' },
      PaymentRequest: {
        SaleData: { SaleTransactionID: { TransactionID: serviceId, TimeStamp: new Date().toISOString() } },
        PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: amount } },
      },
    },
  };
  return fetch(sim.nexoUrl, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, any>>);
}

test('terminal page: insert card, PIN, approve; then a decline for insufficient funds', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await page.goto(`${sim.url}/terminal`);
  const approved = pay('E2E0000001', 12.5);
  await expect(page.locator('#amount')).toHaveText('EUR 12.50');
  await page.getByRole('button', { name: 'Insert card' }).click();
  for (const d of ['1', '2', '3', '4']) await page.getByRole('button', { name: `PIN digit ${d}` }).click();
  await expect(page.getByLabel('PIN entered')).toHaveText('••••');
  await page.getByRole('button', { name: 'Confirm PIN' }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  expect((await approved).SaleToPOIResponse.PaymentResponse.Response.Result).toBe('Success');
  await expect(page.getByRole('status')).toHaveText('Approved');

  const declined = pay('E2E0000002', 3);
  await expect(page.locator('#amount')).toHaveText('EUR 3.00');
  await page.getByRole('button', { name: 'Insert card' }).click();
  await page.getByLabel('Decline reason').selectOption('insufficient-funds');
  await page.getByRole('button', { name: 'Decline', exact: true }).click();
  expect((await declined).SaleToPOIResponse.PaymentResponse.Response.ErrorCondition).toBe('Refusal');
  await expect(page.getByRole('status')).toHaveText('Declined: Not enough balance');
  expect(sim.ledger().map((e) => e.state)).toEqual(['approved', 'declined']);
});
