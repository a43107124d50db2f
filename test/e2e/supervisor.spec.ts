/**
 * Purchase checks and the staff side: age check, sampled full check with a voided line, PIN
 * lock-out, a lock that survives a restart and refuses customer intents in the engine, and a
 * Smarts customer's check resolved in the staff console. Kiosks that press Pay run a store
 * configuration (sandboxes, demo catalog, the demo badge) whose sampling is explicit: demo
 * mode's 5 % random sample would otherwise turn some age checks into purchase checks.
 */
import { hashPin } from '../../electron/supervisor';
import { test, expect, SAMPLES, type KioskUnderTest } from './support/fixtures';
import { euro, grandTotal, lines, payWithWallet, pieceTotal, product, scanAndWait, startInEnglish, storeConfig, STORE_SUPERVISOR, swipLedger } from './support/shop';

const [MILK, BREAD, BUTTER] = SAMPLES.piece as [string, string, string];
const BEER = SAMPLES.alcohol[0]!;
const DEMO_BADGE = 'SUP-DEMO-01';
const DEMO_PIN = '2468';
/** Store configurations (storeConfig) carry the same badge with a 6-digit PIN. */
const STORE_PIN = STORE_SUPERVISOR.pin;

function lockDialog(kiosk: KioskUnderTest) {
  return kiosk.page.getByRole('dialog', { name: 'Please wait — a member of staff is on the way' });
}

function console_(kiosk: KioskUnderTest) {
  return kiosk.page.getByRole('dialog', { name: 'Staff console' });
}

/** Scans the badge on the serial scanner and keys the PIN on the touch keypad. */
async function enterPin(kiosk: KioskUnderTest, pin: string): Promise<void> {
  const pad = kiosk.page.getByRole('dialog', { name: 'Staff sign-in' });
  await expect(pad).toBeVisible();
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
  await expect(pad.getByRole('img', { name: `${pin.length} of 8 digits entered` })).toBeVisible();
  await pad.getByRole('button', { name: 'OK', exact: true }).click();
}

async function staffLogin(kiosk: KioskUnderTest, badge = DEMO_BADGE, pin = DEMO_PIN, shot?: string): Promise<void> {
  kiosk.scanSerial(badge);
  const pad = kiosk.page.getByRole('dialog', { name: 'Staff sign-in' });
  await expect(pad).toBeVisible();
  await expect(pad).toContainText(`Badge ${badge}`);
  if (shot) await kiosk.screenshot(shot);
  await enterPin(kiosk, pin);
  await expect(console_(kiosk)).toBeVisible();
}

test.describe('store configuration, sampling off (the locks come from the basket only)', () => {
  test.use({ kioskOptions: { config: storeConfig() } });

  test('age check: alcohol → Pay → lock → badge + PIN → approve age → sign out → pay → thank-you', async ({ kiosk }) => {
    // Sign-in, approval and a wallet payment in one flow: 60 s is tight on a loaded CI machine.
    test.setTimeout(90_000);
    const page = kiosk.page;
    await startInEnglish(kiosk);
    await scanAndWait(kiosk, BEER, 1);
    await expect(page.locator('.toast')).toContainText('This item is for customers aged 18 and over.');
    await scanAndWait(kiosk, MILK, 2);
    await expect(lines(page).first()).toContainText('Awaiting staff approval');

    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(lockDialog(kiosk)).toBeVisible();
    await expect(lockDialog(kiosk)).toContainText('Your basket has age-restricted items. Please have your ID ready.');
    expect((await kiosk.view()).lock?.reason).toBe('age-check');
    await kiosk.screenshot('lock-age-check');

    await staffLogin(kiosk, DEMO_BADGE, STORE_PIN, 'pin-pad');
    const staff = console_(kiosk);
    await expect(staff).toContainText('Locked: Age check');
    await kiosk.screenshot('staff-console-age-check');
    await staff.getByRole('button', { name: 'Approve age' }).click();
    await expect(staff.getByText('Locked: Age check')).toHaveCount(0);
    expect((await kiosk.view()).lock).toBeNull();
    await staff.getByRole('button', { name: 'Sign out' }).click();
    await expect(staff).toHaveCount(0);
    await expect(lockDialog(kiosk)).toHaveCount(0);
    // Straight on to the payment the customer chose, with a word of thanks; no second Pay.
    await expect(page.getByText('Thank you — you can pay now.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
    await kiosk.screenshot('pay-now-after-age-check');
    const total = pieceTotal(BEER) + pieceTotal(MILK);
    const { totalCents } = await payWithWallet(kiosk, { started: true });
    expect(totalCents).toBe(total);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    expect(await swipLedger(kiosk)).toMatchObject([{ status: 'CLOSED', closeAmountCents: total }]);
  });

  test('a lock refuses customer intents in the engine, and survives a restart', async ({ kiosk }) => {
    const page = kiosk.page;
    await startInEnglish(kiosk);
    await scanAndWait(kiosk, BEER, 1);
    await scanAndWait(kiosk, BREAD, 2);
    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(lockDialog(kiosk)).toBeVisible();

    const refusedWhileLocked = async () => {
      const lineId = (await kiosk.view()).basket.lines[0]!.id;
      expect(await kiosk.intent('basket/scan', { code: MILK, source: 'wedge' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await kiosk.intent('basket/removeLine', { lineId })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await kiosk.intent('checkout/pay', { method: 'swip' })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await kiosk.intent('basket/setQuantity', { lineId, quantity: 3 })).toMatchObject({ ok: false, error: { code: 'locked' } });
      // A serial scan is refused as well. The badge scanned after it on the same line is the
      // barrier: once the PIN pad shows, the butter frame has been handled.
      kiosk.scanSerial(BUTTER);
      kiosk.scanSerial(DEMO_BADGE);
      await expect(page.getByRole('dialog', { name: 'Staff sign-in' })).toBeVisible();
      expect(await kiosk.intent('supervisor/logout')).toMatchObject({ ok: true });
      await expect(page.getByRole('dialog', { name: 'Staff sign-in' })).toHaveCount(0);
      const view = await kiosk.view();
      expect(view.basket.lines.map((l) => l.sku)).toEqual([product(BEER).sku, product(BREAD).sku]);
      expect(view.payment).toBeNull();
      expect(view.lock?.reason).toBe('age-check');
    };
    await refusedWhileLocked();

    await kiosk.restart();
    await expect(lockDialog(kiosk)).toBeVisible();
    await expect(lockDialog(kiosk)).toContainText('Please have your ID ready.');
    const view = await kiosk.view();
    expect(view.lock?.reason).toBe('age-check');
    expect(view.basket.lines).toHaveLength(2);
    await refusedWhileLocked();
    await kiosk.screenshot('lock-after-restart');
  });
});

test('wrong PIN five times locks the badge', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  kiosk.scanSerial(DEMO_BADGE);
  const pad = page.getByRole('dialog', { name: 'Staff sign-in' });
  for (let left = 4; left >= 1; left--) {
    await enterPin(kiosk, '1111');
    await expect(pad.getByRole('alert')).toHaveText(`Wrong PIN. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`);
  }
  await enterPin(kiosk, '1111');
  await expect(pad.getByRole('alert')).toContainText('Too many attempts. Locked until');
  await kiosk.screenshot('pin-locked');
  // Now even the right PIN is refused, by the engine.
  await enterPin(kiosk, DEMO_PIN);
  await expect(pad.getByRole('alert')).toContainText('Too many attempts.');
  await expect(console_(kiosk)).toHaveCount(0);
  expect(await kiosk.intent('supervisor/pin', { pin: DEMO_PIN })).toMatchObject({ ok: false, error: { code: 'locked' } });
  expect((await kiosk.view()).supervisor).toMatchObject({ phase: 'pin', pinError: { reason: 'locked' } });
});

test('Smarts: a check with an age-restricted product appears in the staff console; edit and Pass reach the sandbox', async ({ kiosk }) => {
  const invoiceId = `INV-E2E-${Date.now().toString(36)}`;
  const sent = await kiosk.smarts({
    invoiceId,
    institutionId: 'demo-store',
    products: [
      { id: 'BEER-1', barcode: '4740001000734', name: 'Õlu 0,5 l', nameEn: 'Beer 0.5 l', priceCents: 229, minAge: 18, category: { id: 'alcohol', name: 'Alkohol' } },
      { id: 'BREAD-1', barcode: '4740001000055', name: 'Rukkileib', nameEn: 'Rye bread', priceCents: 378, quantity: 2, category: { id: 'bakery', name: 'Pagaritooted' } },
    ],
  });
  expect(sent.sent?.status).toBe(200);
  const decision = (sent.sent?.body as { decision?: string }).decision;
  expect(['AGE', 'FULL']).toContain(decision);

  await startInEnglish(kiosk);
  await staffLogin(kiosk);
  const staff = console_(kiosk);
  await kiosk.screenshot('staff-tab-basket');
  const smartsTab = staff.getByRole('tab', { name: /Smarts checks/ });
  await expect(smartsTab).toContainText('1');
  await smartsTab.click();
  const check = staff.locator('li.scheck').filter({ hasText: `Invoice ${invoiceId}` });
  await expect(check).toBeVisible();
  await expect(check).toContainText(decision === 'FULL' ? 'Full check' : 'Age check');
  await expect(check).toContainText('Pending');
  await expect(check).toContainText('18+');
  await kiosk.screenshot('staff-tab-smarts');

  // Two breads become three, then Pass.
  const bread = check.locator('li.sprod').filter({ hasText: 'Rukkileib' });
  await expect(bread.locator('.sstepper__value')).toHaveText('2pcs');
  await check.getByRole('button', { name: 'More Rukkileib' }).click();
  await expect(bread.locator('.sstepper__value')).toHaveText('3pcs');
  await check.getByRole('button', { name: 'Pass', exact: true }).click();
  await expect(check).toContainText('Passed');

  // Opening the check sent PENDING first; then the verdict.
  await expect.poll(async () => (await kiosk.smarts()).results.map((r) => r.result.status)).toEqual(['PENDING', 'PASSED']);
  const got = (await kiosk.smarts()).results.find((r) => r.result.status === 'PASSED');
  expect(got!.result.invoiceId).toBe(invoiceId);
  expect(got!.result.status).toBe('PASSED');
  const qty = Object.fromEntries((got!.result.products ?? []).map((p) => [p.id, p.quantity.value]));
  expect(qty).toEqual({ 'BEER-1': 1, 'BREAD-1': 3 });

  for (const tab of ['Orders', 'Devices'] as const) {
    await staff.getByRole('tab', { name: tab }).click();
    await expect(staff.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await kiosk.screenshot(`staff-tab-${tab.toLowerCase()}`);
  }
  await expect(staff.getByRole('tabpanel')).toContainText('Scanner');
});

const SUPERVISOR = { badge: 'SUP-E2E-01', name: 'Mari Maasikas', pin: '739146' };

test.describe('sampled basket (store mode, sampling rate 1)', () => {
  test.use({
    kioskOptions: {
      config: storeConfig({
        purchaseControl: {
          timeZone: 'Europe/Tallinn',
          ageLimits: { alcohol: 18, tobacco: 18 },
          saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }],
          sampling: { rate: 1, seed: 20261123 },
          basketValueCents: 15_000,
          itemCount: 40,
          voidedLines: 3,
          unknownScans: 3,
        },
        supervisors: [{ badge: SUPERVISOR.badge, name: SUPERVISOR.name, pinHash: hashPin(SUPERVISOR.pin) }],
      }),
    },
  });

  test('Pay → purchase check → badge + PIN → void a line → pass → the corrected total is paid', async ({ kiosk }) => {
    const page = kiosk.page;
    await startInEnglish(kiosk);
    await scanAndWait(kiosk, MILK, 1);
    await scanAndWait(kiosk, BREAD, 2);
    await scanAndWait(kiosk, BUTTER, 3);
    await expect(grandTotal(page)).toHaveText(`€${euro(pieceTotal(MILK) + pieceTotal(BREAD) + pieceTotal(BUTTER))}`);

    await page.getByRole('button', { name: 'Pay with SWiP' }).click();
    await expect(lockDialog(kiosk)).toBeVisible();
    await expect(lockDialog(kiosk)).toContainText('Your purchase has been chosen for a quick check.');
    expect((await kiosk.view()).lock).toMatchObject({ reason: 'purchase-check', reasons: ['sampling'] });
    await kiosk.screenshot('lock-purchase-check');

    // The demo badge does not exist in store mode: the configured supervisor signs in.
    await staffLogin(kiosk, SUPERVISOR.badge, SUPERVISOR.pin);
    const staff = console_(kiosk);
    await expect(staff).toContainText(SUPERVISOR.name);
    await expect(staff).toContainText('Locked: Purchase check');
    await expect(staff).toContainText('Random check');
    await kiosk.screenshot('staff-console-purchase-check');
    await staff.getByRole('button', { name: `Void ${product(BREAD).name.en}` }).click();
    // A void is confirmed with a reason (audited); nothing changes before that.
    const confirmVoid = staff.getByTestId('confirm-money');
    await expect(confirmVoid).toContainText(`Void ${product(BREAD).name.en}?`);
    await expect(staff.locator('li.sline')).toHaveCount(3);
    await confirmVoid.getByRole('button', { name: 'Scanned twice' }).click();
    await expect(staff.locator('li.sline')).toHaveCount(2);
    const corrected = pieceTotal(MILK) + pieceTotal(BUTTER);
    await expect(staff.locator('.stab__total strong')).toHaveText(`€${euro(corrected)}`);
    await staff.getByRole('button', { name: 'Pass check' }).click();
    await expect(staff.getByText('Locked: Purchase check')).toHaveCount(0);
    await staff.getByRole('button', { name: 'Sign out' }).click();
    await expect(staff).toHaveCount(0);

    // Passed: the customer continues straight to SWiP (no second Pay), asked for the corrected total.
    await expect(page.getByText('Thank you — you can pay now.')).toBeVisible();
    await expect(page.locator('.paysum__amount')).toHaveText(`€${euro(corrected)}`);
    const { totalCents } = await payWithWallet(kiosk, { started: true });
    expect(totalCents).toBe(corrected);
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    const ledger = await swipLedger(kiosk);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'CLOSED', totalCents: corrected, closeAmountCents: corrected });
    await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
    const text = (await kiosk.printer()).receipts[0]!.text;
    expect(text).toMatch(new RegExp(`TOTAL\\s+${euro(corrected).replace('.', '\\.')} €`));
    expect(text).not.toContain(product(BREAD).name.en);
  });
});
