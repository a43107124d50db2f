/**
 * The overlay policy (renderer/store/overlay-policy.ts) in both orientations: the demo scan panel
 * closes on every screen change and never covers Pay or the QR; a notice never covers the basket
 * header, the totals or the pay actions; "The payment was cancelled." does not follow the customer
 * to the terminal screen or "Thank you!".
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, SAMPLES } from './support/fixtures';
import { DEMO_SUPERVISOR, product, scanAndWait, startInEnglish, storeConfig, staffSignIn } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const ORIENTATIONS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

/** True when the element's centre is really on top there (nothing drawn over it). */
async function onTop(page: Page, target: Locator): Promise<boolean> {
  const box = (await target.boundingBox())!;
  const handle = await target.elementHandle();
  return page.evaluate(
    ([el, x, y]) => {
      const hit = document.elementFromPoint(x as number, y as number);
      return !!hit && (el as Element).contains(hit);
    },
    [handle, box.x + box.width / 2, box.y + box.height / 2] as const,
  );
}

/** The boxes of two elements do not overlap. */
async function apart(a: Locator, b: Locator): Promise<boolean> {
  const x = (await a.boundingBox())!;
  const y = (await b.boundingBox())!;
  return x.x + x.width <= y.x || y.x + y.width <= x.x || x.y + x.height <= y.y || y.y + y.height <= x.y;
}

for (const o of ORIENTATIONS) {
  test.describe(`${o.name}`, () => {
    test.describe('demo mode', () => {
      test('the scan panel closes on a badge scan\'s PIN pad and at Pay; Pay and the QR stay uncovered', async ({ kiosk }) => {
        const page = kiosk.page;
        await page.setViewportSize({ width: o.width, height: o.height });
        // Before a language is chosen the attract screen greets in every enabled language.
        const attract = page.locator('main.attract');
        for (const w of ['Tere tulemast', 'Welcome', 'Witamy', 'Добро пожаловать']) await expect(attract).toContainText(w);
        await startInEnglish(kiosk);
        await scanAndWait(kiosk, MILK, 1);
        // Help: the staff console shows the request as an alert after sign-in.
        await page.getByRole('button', { name: 'Help' }).click();
        await expect(page.getByRole('button', { name: 'Help called' })).toBeVisible();
        const panel = page.getByRole('complementary', { name: 'Scan panel (demo)' });
        // A badge typed into the panel opens the PIN pad: the panel closes with that screen change.
        await page.getByRole('button', { name: 'Open the scan panel' }).click();
        await expect(panel).toBeVisible();
        await panel.getByLabel('Type a barcode').fill(DEMO_SUPERVISOR.badge);
        await panel.getByRole('button', { name: 'Scan', exact: true }).click();
        const pad = page.getByRole('dialog', { name: 'Staff sign-in' });
        await expect(pad).toBeVisible();
        await expect(panel).toHaveCount(0);
        for (const d of DEMO_SUPERVISOR.pin) await pad.getByRole('button', { name: d, exact: true }).click();
        await pad.getByRole('button', { name: 'OK', exact: true }).click();
        const staff = page.getByRole('dialog', { name: 'Staff console' });
        // Signing in does not clear the call: staff acknowledge it explicitly, then sign out (finished).
        const help = staff.getByTestId('staff-help');
        await expect(help).toContainText(/Help requested (just now|\d+ min ago)/);
        await help.getByRole('button', { name: 'Acknowledge' }).click();
        await expect(help).toContainText('Acknowledged by');
        await staff.getByRole('button', { name: 'Sign out' }).click();
        await expect(page.getByRole('button', { name: 'Help', exact: true })).toBeVisible();
        await expect(staff).toHaveCount(0);
        await expect(panel).toHaveCount(0);
        expect(await onTop(page, page.getByRole('button', { name: 'Pay with SWiP' }))).toBe(true);

        // Open again, then pay: the payment screen starts without the panel over the QR.
        await page.getByRole('button', { name: 'Open the scan panel' }).click();
        await expect(panel).toBeVisible();
        // Demo mode draws a random purchase check (5 %): then Pay is refused as locked and the lock
        // screen shows instead of the QR.
        const paid = await kiosk.intent('checkout/pay', { method: 'swip' });
        expect(paid.ok || paid.error?.code === 'locked', JSON.stringify(paid)).toBe(true);
        await expect(panel).toHaveCount(0);
        const qr = page.getByRole('img', { name: 'SWiP payment code' });
        await expect(qr.or(page.locator('.lock'))).toBeVisible();
        if (await qr.isVisible()) {
          expect(await onTop(page, qr)).toBe(true);
          // Demo mode: the QR is also a link to the wallet page, for paying without a phone.
          expect(await page.getByTestId('qr-link').getAttribute('href')).toBe((await kiosk.view()).payment!.qrText);
        }
        await kiosk.screenshot(`overlays-pay-no-panel-${o.name}`);
      });
    });

    test.describe('store configuration', () => {
      test.use({ kioskOptions: { config: storeConfig({ terminal: { kind: 'sandbox', autoApproveMs: null }, languages: { default: 'et', available: ['en', 'et', 'pl', 'ru'], staff: 'en' } }) } });

      // Language, not layout: once (portrait) is enough.
      if (o.name === 'portrait') test('the PIN pad and the console speak the staff language (languages.staff), not the customer\'s', async ({ kiosk }) => {
        const page = kiosk.page;
        await page.setViewportSize({ width: o.width, height: o.height });
        await page.getByRole('button', { name: 'Русский' }).click();
        await expect(page.getByRole('heading', { name: 'Ваша корзина' })).toBeVisible();
        const staff = await staffSignIn(kiosk);
        await expect(staff.getByRole('button', { name: 'Sign out' })).toBeVisible();
        await staff.getByRole('button', { name: 'Sign out' }).click();
        await expect(page.getByRole('heading', { name: 'Ваша корзина' })).toBeVisible();
      });

      test('a notice sits under the basket header, clear of the count, the totals and Pay; a cancelled payment\'s notice ends at the next screen', async ({ kiosk }) => {
        const page = kiosk.page;
        await page.setViewportSize({ width: o.width, height: o.height });
        await startInEnglish(kiosk);
        await scanAndWait(kiosk, MILK, 1);
        await scanAndWait(kiosk, BREAD, 2);
        // Screen readers hear what was added with the new total.
        await expect(page.getByTestId('basket-live')).toContainText(`Added: ${product(BREAD).name.en}. Total`);
        // An unknown product: an error notice while the basket is on screen.
        kiosk.scanSerial('4740000009991');
        const toast = page.getByTestId('notice').locator('.toast');
        await expect(toast).toBeVisible();
        for (const what of [page.locator('.basket-head'), page.locator('.totals'), page.locator('.pay')]) {
          expect(await apart(toast, what), `notice clear of ${await what.getAttribute('class')}`).toBe(true);
        }
        expect(await onTop(page, page.getByRole('button', { name: 'Pay with SWiP' }))).toBe(true);
        await kiosk.screenshot(`overlays-notice-${o.name}`);

        // Reach mode and the largest text, by keyboard: the basket header, totals and Pay stay uncovered.
        const kioskRoot = page.locator('.kiosk');
        await page.getByRole('button', { name: 'Easy reach' }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: /^Text size/ }).focus();
        await page.keyboard.press('Space');
        await expect(kioskRoot).toHaveClass(/kiosk--text-1/);
        // The second step by touch: two keys in quick succession read as a keyboard-wedge scanner burst.
        await page.getByRole('button', { name: /^Text size/ }).click();
        await expect(kioskRoot).toHaveClass(/kiosk--reach/);
        await expect(kioskRoot).toHaveClass(/kiosk--text-2/);
        await expect(page.getByRole('button', { name: 'Easy reach' })).toHaveAttribute('aria-pressed', 'true');
        for (const what of [page.locator('.basket-head h1'), page.locator('.totals'), page.getByRole('button', { name: 'Pay with SWiP' })]) {
          expect(await onTop(page, what), `${await what.getAttribute('class')} uncovered in reach mode`).toBe(true);
        }
        // Everything the customer touches is in the lower part of the screen.
        expect((await page.locator('.basket-head').boundingBox())!.y).toBeGreaterThan(o.height * 0.2);
        await kiosk.screenshot(`overlays-reach-text2-${o.name}`);

        // Cancel a SWiP payment: "The payment was cancelled." on the basket…
        await page.getByRole('button', { name: 'Pay with SWiP' }).click();
        await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
        await page.getByRole('button', { name: 'Cancel payment' }).click();
        await expect(toast).toContainText('The payment was cancelled.');
        // …but not on the terminal screen that follows, nor after it.
        await page.getByRole('button', { name: 'Pay at card terminal' }).click();
        await expect(page.locator('.payment__body')).toBeVisible();
        await expect.poll(async () => (await kiosk.view()).payment?.method).toBe('terminal');
        await expect(page.getByText('The payment was cancelled.')).toHaveCount(0);
        expect((await kiosk.view()).notice).toBeNull();
        await kiosk.terminal(true);
        await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
        await expect(page.getByText('The payment was cancelled.')).toHaveCount(0);
        // The choices were this customer's: kept to the thank-you screen, gone for the next one.
        await expect(kioskRoot).toHaveClass(/kiosk--reach/);
        await page.getByRole('button', { name: 'Done' }).click();
        await expect(page.locator('main.attract')).toBeVisible();
        await expect(kioskRoot).not.toHaveClass(/kiosk--reach|kiosk--text/);
      });
    });
  });
}
