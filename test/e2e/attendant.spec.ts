/**
 * The attendant console of a one-kiosk shop (demo mode, purchase checks sampled at rate 1 so
 * the check at Pay is certain): on a phone, the attendant signs in, sees the lane lock at Pay
 * within a second, passes the check from the console, and the kiosk goes on to payment.
 * Then a Smarts check of the store, passed from the console (listed with the alerts, gone after).
 * Screenshots of the console on a phone and a tablet in two languages; axe (about 5 s a run here)
 * once, on a lane with a confirmation open (header, lane, basket and dialog).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, REPO, SAMPLES } from './support/fixtures';
import { DEMO_SUPERVISOR, RULES_NO_SAMPLING, scanAndWait, startInEnglish } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const SHOTS = join(REPO, 'artifacts', 'screens', 'attendant');

test.use({
  kioskOptions: {
    config: { mode: 'demo', languages: { default: 'en', available: ['en', 'et', 'pl', 'ru'] }, purchaseControl: { ...RULES_NO_SAMPLING, sampling: { rate: 1, seed: 15 } } },
  },
});

async function axeClean(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const problems = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(problems, problems.join('\n')).toEqual([]);
}

test('the console sees the lane lock at Pay within a second; the attendant passes the check; the kiosk goes on to pay', async ({ kiosk }) => {
  // About 25 s on an idle machine; the margin is for a loaded CI machine.
  test.setTimeout(90_000);
  mkdirSync(SHOTS, { recursive: true });
  const url = /Kassa attendant console: (http:\/\/\S+)/.exec(kiosk.hostOutput())?.[1];
  expect(url, kiosk.hostOutput()).toBeTruthy();
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BREAD, 2);

  const phone = await kiosk.phone();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url!);
  await expect(phone.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await phone.getByLabel('Badge').fill(DEMO_SUPERVISOR.badge);
  await phone.getByLabel('PIN').fill('1111');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByRole('alert').filter({ hasText: 'The PIN was not accepted. Attempts left: 4.' })).toBeVisible();
  await phone.getByLabel('PIN').fill(DEMO_SUPERVISOR.pin);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByText(`Signed in as ${DEMO_SUPERVISOR.name}`)).toBeVisible();
  const lane = phone.locator('[data-lane="K01"]');
  await expect(lane).toHaveAttribute('data-status', 'shopping');

  // Pay: the kiosk locks for the sampled check, and the console shows it within a second.
  await page.getByRole('button', { name: 'Pay with SWiP' }).click();
  await expect(page.getByRole('dialog', { name: 'Please wait — a member of staff is on the way' })).toBeVisible();
  const t0 = Date.now();
  await expect(lane).toHaveAttribute('data-status', 'locked', { timeout: 1000 });
  process.stdout.write(`attendant console: lock visible ${Date.now() - t0} ms after the kiosk showed it\n`);
  await expect(phone.getByRole('button', { name: /^Lane K01: Locked/ })).toBeVisible();
  await phone.screenshot({ path: join(SHOTS, 'phone-en-lanes.png') });
  // The same alert on a tablet, in Estonian, both ways round.
  await phone.getByLabel('Language').selectOption('et');
  await expect(phone.getByRole('heading', { name: 'Kassad' })).toBeVisible();
  for (const [name, width, height] of [['tablet-landscape', 1024, 768], ['tablet-portrait', 768, 1024]] as const) {
    await phone.setViewportSize({ width, height });
    await phone.screenshot({ path: join(SHOTS, `${name}-et-locked.png`) });
  }
  await phone.getByLabel('Keel').selectOption('en');
  await phone.setViewportSize({ width: 390, height: 844 });

  await lane.click();
  await expect(phone.getByRole('heading', { name: 'Lane K01' })).toBeVisible();
  await expect(phone.getByRole('group', { name: 'What it needs' })).toContainText('Purchase check');
  await expect(phone.getByRole('group', { name: 'What it needs' })).toContainText('Random check');
  await phone.screenshot({ path: join(SHOTS, 'phone-en-lane.png'), fullPage: true });
  // A destructive action asks first; keeping it changes nothing.
  await phone.getByRole('button', { name: 'Cancel session' }).click();
  const confirm = phone.getByRole('dialog', { name: 'Cancel the session on lane K01? The basket is cleared.' });
  await expect(confirm.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  await axeClean(phone);
  await phone.screenshot({ path: join(SHOTS, 'phone-en-confirm.png') });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(confirm).toHaveCount(0);

  await phone.getByRole('button', { name: 'Pass check' }).click();
  await expect(phone.getByTestId('feedback')).toHaveText('Done: Pass check on lane K01.');
  // The kiosk unlocks and continues to SWiP without a second Pay.
  await expect(page.getByText('Thank you — you can pay now.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
  await expect(phone.getByTestId('lane-status')).toContainText('Paying');
  const view = await kiosk.view();
  expect(view.lock).toBeNull();
  expect(view.state).toBe('paying');

  // Estonian on the phone, the lane paying.
  await phone.getByRole('button', { name: 'Back to lanes' }).click();
  await phone.getByLabel('Language').selectOption('et');
  await expect(lane).toHaveAttribute('data-status', 'paying');
  await phone.screenshot({ path: join(SHOTS, 'phone-et-lanes.png') });

  // A Smarts check of the store (here the kiosk's own Smarts node): an alert and a card with Pass /
  // Fail; passed from the console once, it disappears and Smarts gets the result.
  await phone.getByLabel('Keel').selectOption('en');
  const invoiceId = 'INV-CONSOLE-1';
  const sent = await kiosk.smarts({ invoiceId, institutionId: 'demo-store', products: [{ id: 'BEER-1', barcode: '4740001000734', name: 'Õlu 0,5 l', priceCents: 229, minAge: 18 }] });
  expect(sent.sent?.status).toBe(200);
  const check = phone.locator(`[data-invoice="${invoiceId}"]`);
  await expect(check).toContainText('Õlu 0,5 l');
  await expect(check).toContainText('18+');
  await expect(phone.getByRole('button', { name: /^Smarts check: / })).toBeVisible();
  await phone.screenshot({ path: join(SHOTS, 'phone-en-checks.png'), fullPage: true });
  await phone.setViewportSize({ width: 1024, height: 768 });
  await phone.screenshot({ path: join(SHOTS, 'tablet-landscape-en-checks.png') });
  await phone.setViewportSize({ width: 390, height: 844 });
  await check.getByRole('button', { name: 'Pass' }).click();
  await phone.getByRole('dialog', { name: `Pass the Smarts check ${invoiceId}?` }).getByRole('button', { name: 'Confirm' }).click();
  await expect(phone.getByTestId('check-feedback')).toHaveText(`Passed: ${invoiceId}. The customer can pay in the app.`);
  await expect(check).toHaveCount(0);
  await expect.poll(async () => (await kiosk.smarts()).results.map((r) => `${r.result.invoiceId} ${r.result.status}`)).toEqual([`${invoiceId} PASSED`]);
  await phone.close();
});
