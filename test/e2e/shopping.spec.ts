/**
 * Foundation: the customer's shopping flow on the real kiosk (browser host, real pty scanner):
 * attract, serial scans, basket lines and totals, notices, garbage on the line, idle reset,
 * languages, the keyboard wedge, and the out-of-order screen when the scanner is missing.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, SAMPLES } from './support/fixtures';
import { englishLeft, grandTotal, lines, money, pieceTotal, product, scanAndWait, startInEnglish, wedgeBurst, weighedTotal } from './support/shop';
import type { Lang } from '../../electron/checkout/lang';
import { et } from '../../renderer/i18n/et';

const [MILK, BREAD, BUTTER, COLA, CHOCOLATE] = SAMPLES.piece as [string, string, string, string, string];
const BANANAS = SAMPLES.weighed[0]!;

test('scan three products (one weighed) from the attract screen, change a quantity, remove a line', async ({ kiosk }) => {
  const page = kiosk.page;
  await expect(page.locator('main.attract')).toBeVisible();
  await kiosk.screenshot('attract');

  // The first scan starts the session (in the default language), straight from the attract screen.
  await scanAndWait(kiosk, MILK, 1);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
  await scanAndWait(kiosk, BANANAS.example, 2);
  await scanAndWait(kiosk, BREAD, 3);

  const milk = product(MILK);
  const bananas = product(BANANAS.template);
  const bread = product(BREAD);
  expect(bananas.unitPriceCents).toBe(BANANAS.pricePerKgCents);
  const bananasCents = weighedTotal(BANANAS.grams, bananas.unitPriceCents);
  const rows = lines(page);
  await expect(rows.locator('.line__name')).toHaveText([milk.name.en, bananas.name.en, bread.name.en]);
  await expect(rows.locator('.line__total')).toHaveText([money(milk.unitPriceCents), money(bananasCents), money(bread.unitPriceCents)]);
  // The weighed line shows its weight and price per kg.
  await expect(rows.nth(1).locator('.line__measure')).toHaveText(`1.234\u00a0kg × ${money(bananas.unitPriceCents)}\u00a0/\u00a0kg`);
  await expect(grandTotal(page)).toHaveText(money(milk.unitPriceCents + bananasCents + bread.unitPriceCents));
  await expect(page.locator('.totals__count')).toHaveText('3 items');

  // + on the milk line: two milks.
  await page.getByRole('button', { name: `Add one more ${milk.name.en}` }).click();
  await expect(rows.nth(0).locator('.line__total')).toHaveText(money(pieceTotal(MILK, 2)));
  await expect(grandTotal(page)).toHaveText(money(pieceTotal(MILK, 2) + bananasCents + bread.unitPriceCents));
  await expect(page.locator('.totals__count')).toHaveText('4 items');
  // A weighed line has no stepper.
  await expect(page.getByRole('button', { name: `Add one more ${bananas.name.en}` })).toHaveCount(0);

  // Remove the bread.
  await page.getByRole('button', { name: `Remove ${bread.name.en}` }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('.line__name')).toHaveText([milk.name.en, bananas.name.en]);
  const total = pieceTotal(MILK, 2) + bananasCents;
  await expect(grandTotal(page)).toHaveText(money(total));

  // The engine agrees, in cents.
  const view = await kiosk.view();
  expect(view.basket.totalCents).toBe(total);
  expect(view.basket.lines.map((l) => l.totalCents)).toEqual([pieceTotal(MILK, 2), bananasCents]);
  await kiosk.screenshot('basket-en');
});

test('an invalid barcode (bad check digit) shows its message and adds nothing', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, BUTTER, 1);
  kiosk.scanSerial(SAMPLES.invalid);
  await expect(page.locator('.toast')).toContainText('This barcode could not be read. Please scan again.');
  await expect(lines(page)).toHaveCount(1);
  expect((await kiosk.view()).basket.lines).toHaveLength(1);
  await kiosk.screenshot('notice-invalid');
});

test('an unknown valid barcode says "not found — ask for help" and adds nothing', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, BUTTER, 1);
  kiosk.scanSerial(SAMPLES.unknownValid);
  await expect(page.locator('.toast')).toContainText('Product not found — please ask for help.');
  await expect(lines(page)).toHaveCount(1);
  const view = await kiosk.view();
  expect(view.basket.lines).toHaveLength(1);
  expect(view.notice?.code).toBe('product-not-found');
  await kiosk.screenshot('notice-not-found');
});

test('garbage bytes on the serial line add nothing, and the next good scan still works', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, COLA, 1);
  // Line noise: control bytes, high bytes, an escape sequence, each burst ended by CR like a frame.
  kiosk.writeSerial(Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x41, 0x0d]));
  kiosk.writeSerial(Buffer.from([0x80, 0x34, 0x37, 0x34, 0x30, 0x07, 0x0d, 0x0d, 0x0a]));
  kiosk.writeSerial(Buffer.from('\u0000\u0001\u0002474000100017\u0003\r', 'latin1'));
  // The good scan after the noise arrives and is the only thing added.
  await scanAndWait(kiosk, CHOCOLATE, 2);
  await expect(lines(page).locator('.line__name')).toHaveText([product(COLA).name.en, product(CHOCOLATE).name.en]);
  await expect(grandTotal(page)).toHaveText(money(pieceTotal(COLA) + pieceTotal(CHOCOLATE)));
  expect((await kiosk.view()).basket.lines).toHaveLength(2);
});

test('idle: the prompt after 120 s, back to attract with an empty basket 30 s later', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await kiosk.advance(120_000);
  const prompt = page.getByRole('dialog', { name: 'Are you still there?' });
  await expect(prompt).toBeVisible();
  await expect(prompt.locator('.idle__num')).toHaveText('30');
  await kiosk.screenshot('idle-prompt');
  await kiosk.advance(30_000);
  await expect(page.locator('main.attract')).toBeVisible();
  await expect(prompt).toHaveCount(0);
  const view = await kiosk.view();
  expect(view.state).toBe('attract');
  expect(view.basket.lines).toHaveLength(0);
  expect(view.sessionId).toBeNull();
});

test('the language switch changes every visible string and the product names', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BANANAS.example, 2);
  await scanAndWait(kiosk, SAMPLES.reducedVat, 3);
  const codes = [MILK, BANANAS.template, SAMPLES.reducedVat];
  const total = pieceTotal(MILK) + weighedTotal(BANANAS.grams, BANANAS.pricePerKgCents) + pieceTotal(SAMPLES.reducedVat);
  await expect(grandTotal(page)).toHaveText(money(total, 'en'));

  const native: Record<Exclude<Lang, 'en'>, string> = { et: 'Eesti', pl: 'Polski', ru: 'Русский' };
  for (const lang of ['et', 'pl', 'ru'] as const) {
    await page.getByRole('button', { name: `${lang.toUpperCase()} ${native[lang]}`, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(lines(page).locator('.line__name')).toHaveText(codes.map((c) => product(c).name[lang]));
    await expect(grandTotal(page)).toHaveText(money(total, lang));
    // Open the VAT summary too, so its table is part of what must be translated.
    await page.locator('.vat__toggle').click();
    await expect(page.locator('#vat-table')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(englishLeft(text, lang), `English left on the ${lang} screen`).toEqual([]);
    for (const c of codes) expect(text).not.toContain(product(c).name.en);
    await kiosk.screenshot(`basket-${lang}`);
    await page.locator('.vat__toggle').click();
    await expect(page.locator('#vat-table')).toBeHidden();
    expect((await kiosk.view()).lang).toBe(lang);
  }
});

test('keyboard wedge: a fast burst with Enter adds the item, slow typing adds nothing', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  // A scanner's burst: keys 5 ms apart, then Enter.
  await wedgeBurst(page, BREAD, 5);
  await expect(lines(page)).toHaveCount(1);
  await expect(lines(page).locator('.line__name')).toHaveText([product(BREAD).name.en]);

  // A person typing: 120 ms between keys (real gaps only grow under load, so this stays slow).
  await page.keyboard.type(BUTTER, { delay: 120 });
  await page.keyboard.press('Enter');
  // The same digits with scanner-like stamps but 120 ms apart: still a person, still nothing.
  await wedgeBurst(page, BUTTER, 120);
  // Prove the slow keys were all delivered and handled before checking nothing was added:
  // a fast scan afterwards lands as the second line, and the butter never appears.
  await wedgeBurst(page, COLA, 5);
  await expect(lines(page)).toHaveCount(2);
  await expect(lines(page).locator('.line__name')).toHaveText([product(BREAD).name.en, product(COLA).name.en]);
  expect((await kiosk.view()).basket.lines.map((l) => l.sku)).toEqual([product(BREAD).sku, product(COLA).sku]);
});

/** The scanner's port: a path that does not exist yet (the test plugs a pty in there later). */
const LATE_SCANNER_DIR = join(tmpdir(), `kassa-e2e-late-scanner-${process.pid}-${Date.now().toString(36)}`);

test.describe('scanner missing', () => {
  test.use({ kioskOptions: { env: { KASSA_SCANNER_PORT: join(LATE_SCANNER_DIR, 'a') } } });

  test('a kiosk whose scanner port does not exist is out of order; plugging the scanner in brings it back', async ({ kiosk }) => {
    const page = kiosk.page;
    // No session yet: the kiosk speaks its default language, Estonian.
    await expect(page.getByRole('alert')).toContainText(et.outOfOrder.title);
    await expect(page.locator('.ooo__code')).toContainText(et.outOfOrder.reasons.scanner);
    const view = await kiosk.view();
    expect(view.outOfOrder).toEqual({ reason: 'scanner' });
    expect(view.devices.scanner).toBe('unavailable');
    const r = await kiosk.intent('basket/scan', { code: MILK, source: 'wedge' });
    expect(r).toMatchObject({ ok: false, error: { code: 'out-of-order' } });
    await kiosk.screenshot('scanner-unavailable');

    // Plug a scanner in at that path: the kiosk reopens it (backoff ≤ 5 s) and sells again.
    mkdirSync(LATE_SCANNER_DIR, { recursive: true });
    const a = join(LATE_SCANNER_DIR, 'a');
    const b = join(LATE_SCANNER_DIR, 'b');
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    try {
      await expect.poll(() => existsSync(a) && existsSync(b)).toBe(true);
      await expect(page.locator('main.attract')).toBeVisible({ timeout: 15_000 });
      expect((await kiosk.view()).outOfOrder).toBeNull();
      const fd = openSync(b, 'w');
      try {
        writeSync(fd, Buffer.from(`${MILK}\r`, 'latin1'));
      } finally {
        closeSync(fd);
      }
      await expect(lines(page)).toHaveCount(1);
      expect((await kiosk.view()).basket.lines.map((l) => l.sku)).toEqual([product(MILK).sku]);
    } finally {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill('SIGKILL');
      await exited;
      rmSync(LATE_SCANNER_DIR, { recursive: true, force: true });
    }
  });
});
