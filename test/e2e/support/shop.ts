/**
 * What the end-to-end specs compute on their own, independently of the engine: catalog look-ups
 * from the demo catalog JSON, expected line totals in integer cents, money as the renderer
 * formats it, and the English UI strings that must vanish in another language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Lang } from '../../../electron/checkout/lang';
import { hashPin } from '../../../electron/supervisor/pin-hash';
import { formatMoney } from '../../../renderer/i18n/format';
import { en } from '../../../renderer/i18n/en';
import { et } from '../../../renderer/i18n/et';
import { pl } from '../../../renderer/i18n/pl';
import { ru } from '../../../renderer/i18n/ru';
import { REPO, SAMPLES, type KioskUnderTest } from './fixtures';

export interface CatalogProduct {
  sku: string;
  barcodes: string[];
  name: Record<Lang, string>;
  /** Per piece, or per kg for weighed products. */
  unitPriceCents: number;
  vatRateBp: number;
  soldByWeight: boolean;
  category: string;
  ageLimit: number | null;
}

export const CATALOG = (JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as { products: CatalogProduct[] }).products;

/** The catalog product of a barcode (for a weighed sample, pass its template). */
export function product(barcode: string): CatalogProduct {
  const p = CATALOG.find((x) => x.barcodes.includes(barcode));
  if (!p) throw new Error(`no catalog product with barcode ${barcode}`);
  return p;
}

export type WeighedSample = (typeof SAMPLES.weighed)[number];

/** The weighed rule: round(grams × price per kg / 1000), half up, in integers only. */
export function weighedTotal(grams: number, pricePerKgCents: number): number {
  return Math.floor((grams * pricePerKgCents + 500) / 1000);
}

/** A piece line's total: unit price × count. */
export function pieceTotal(code: string, count = 1): number {
  return product(code).unitPriceCents * count;
}

/** Money exactly as the renderer shows it in that language. */
export function money(cents: number, lang: Lang = 'en'): string {
  return formatMoney(cents, lang);
}

const MESSAGES: Record<Exclude<Lang, 'en'>, unknown> = { et, pl, ru };

function leaves(obj: unknown, path: string[] = []): Array<{ path: string[]; text: string }> {
  if (typeof obj === 'string') return [{ path, text: obj }];
  if (!obj || typeof obj !== 'object') return [];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, [...path, k]));
}

function at(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * English UI texts (from en.ts) that must not be visible once the kiosk speaks `lang`: the
 * static parts of every string (placeholders cut out), ≥ 4 characters, where that language's
 * text differs from the English one.
 */
export function englishTexts(lang: Exclude<Lang, 'en'>): string[] {
  const out = new Set<string>();
  for (const { path, text } of leaves(en)) {
    if (at(MESSAGES[lang], path) === text) continue;
    for (const part of text.split(/\{\{[^}]*\}\}/)) {
      const p = part.trim().replace(/[.:,]$/, '');
      if (p.length >= 4) out.add(p);
    }
  }
  return [...out];
}

/** The English texts from `englishTexts(lang)` that occur as whole words in `text`. */
export function englishLeft(text: string, lang: Exclude<Lang, 'en'>): string[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return englishTexts(lang).filter((s) => new RegExp(`(?<![\\p{L}\\p{N}])${esc(s)}(?![\\p{L}\\p{N}])`, 'u').test(text));
}

/** Basket line rows on the customer screen. */
export function lines(page: Page) {
  return page.locator('.shopping__basket ul.lines > li');
}

/** The big total on the shopping screen. */
export function grandTotal(page: Page) {
  return page.locator('.totals__amount');
}

/** Starts a session in English by touching the English button on the attract screen. */
export async function startInEnglish(kiosk: KioskUnderTest): Promise<void> {
  const page = kiosk.page;
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();
}

/** Scans over the serial pty and waits until the basket has `count` lines. */
export async function scanAndWait(kiosk: KioskUnderTest, code: string, count: number): Promise<void> {
  kiosk.scanSerial(code);
  await expect(lines(kiosk.page)).toHaveCount(count);
}

/** The demo supervisor (demo mode has it built in). */
export const DEMO_SUPERVISOR = { badge: 'SUP-DEMO-01', name: 'Demo Supervisor', pin: '2468' };
/** The same badge in the store configurations here: store mode needs a PIN of at least 6 digits. */
export const STORE_SUPERVISOR = { badge: 'SUP-DEMO-01', name: 'Demo Supervisor', pin: '246813' };

/**
 * The default purchase-control rules (electron/checkout/control-rules.ts) with random sampling
 * off. Demo mode samples 5 % of sessions (keyed by a random session id), so any demo-mode Pay
 * may lock for a purchase check: specs where sampling is not the subject pay under these rules.
 */
export const RULES_NO_SAMPLING = {
  timeZone: 'Europe/Tallinn',
  ageLimits: { alcohol: 18, tobacco: 18 },
  saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }],
  sampling: { rate: 0, seed: 0x4b415353 },
  basketValueCents: 15_000,
  itemCount: 40,
  voidedLines: 3,
  unknownScans: 3,
};

let demoPinHash: string | null = null;

/**
 * A store-mode configuration that still runs on the local sandboxes and the demo catalog, with
 * sampling off and the demo supervisor configured (a config file switches the kiosk to store
 * mode: no demo catalog, no demo supervisor, no scan panel). `extra` overrides top-level keys.
 */
export function storeConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  demoPinHash ??= hashPin(STORE_SUPERVISOR.pin);
  return {
    sandboxes: true,
    catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') },
    purchaseControl: RULES_NO_SAMPLING,
    supervisors: [{ badge: STORE_SUPERVISOR.badge, name: STORE_SUPERVISOR.name, pinHash: demoPinHash }],
    ...extra,
  };
}

/** "12.34": cents as the SWiP sandbox's wallet page writes them. */
export function euro(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export interface LedgerEntry {
  id: string;
  merchantOrderId: string;
  status: 'OPEN' | 'CLOSED';
  totalCents: number;
  totalOriginalCents: number;
  paidCents: number;
  closeAmountCents: number;
  capturedCents: number;
  cash: boolean;
}

/** Every order the in-process SWiP sandbox holds, from its control API. */
export async function swipLedger(kiosk: KioskUnderTest): Promise<LedgerEntry[]> {
  const r = await fetch(new URL('/__control/ledger', await kiosk.swipUrl()));
  if (!r.ok) throw new Error(`SWiP sandbox ledger answered ${r.status}`);
  return (await r.json()) as LedgerEntry[];
}

/** Presses "Pay with SWiP", waits for the QR, opens the wallet link in a second page and pays there. */
export async function payWithWallet(kiosk: KioskUnderTest, opts: { started?: boolean } = {}): Promise<{ qrText: string; totalCents: number }> {
  const page = kiosk.page;
  // `started`: the payment is already on screen (it continued by itself after a staff check).
  if (!opts.started) await page.getByRole('button', { name: 'Pay with SWiP' }).click();
  await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
  const view = await kiosk.view();
  const qrText = view.payment?.qrText;
  if (!qrText) throw new Error('no QR text in the view while the QR is shown');
  const phone = await kiosk.phone();
  try {
    await phone.goto(qrText);
    await phone.getByRole('button', { name: `Pay € ${euro(view.payment!.totalCents)}` }).click();
    await expect(phone.locator('#state')).toHaveText('Paid. Thank you!');
  } finally {
    await phone.close();
  }
  return { qrText, totalCents: view.payment!.totalCents };
}

/** One order as the SWiP sandbox holds it (wire format), by merchantOrderId, SWiP id or session code. */
export async function swipUrlOrder(kiosk: KioskUnderTest, ref: string): Promise<{ id: string; orderNumber: string | null; merchantOrderId: string; merchantOrderNumber: string | null }> {
  const r = await fetch(new URL(`/__control/orders/${encodeURIComponent(ref)}`, await kiosk.swipUrl()));
  if (!r.ok) throw new Error(`SWiP sandbox has no order ${ref} (${r.status})`);
  return (await r.json()) as { id: string; orderNumber: string | null; merchantOrderId: string; merchantOrderNumber: string | null };
}

/**
 * Types `text` + Enter the way a keyboard-wedge scanner does: key events stamped exactly
 * `gapMs` apart (CDP `timestamp`), all sent in one go. The wedge detector judges the gaps by
 * the events' time stamps, so a burst does not depend on how busy this machine is — unlike
 * `page.keyboard.type(code, { delay: 5 })`, whose real gaps stretch past the detector's 35 ms
 * under load and made the fast case flaky.
 */
export async function wedgeBurst(page: Page, text: string, gapMs = 5): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const t0 = Date.now() / 1000;
    const sends = [...text, 'Enter'].flatMap((key, i) => {
      const enter = key === 'Enter';
      const ts = t0 + (i * gapMs) / 1000;
      const id = { key, code: enter ? 'Enter' : /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`, windowsVirtualKeyCode: enter ? 13 : key.toUpperCase().charCodeAt(0) };
      return [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...id, text: enter ? '\r' : key, timestamp: ts }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...id, timestamp: ts + 0.001 }),
      ];
    });
    await Promise.all(sends);
  } finally {
    await cdp.detach();
  }
}

/** Scans a supervisor's badge on the serial scanner, keys the PIN on the touch pad and answers the staff console dialog. */
export async function staffSignIn(kiosk: KioskUnderTest, who: { badge: string; pin: string } = STORE_SUPERVISOR): Promise<Locator> {
  const page = kiosk.page;
  kiosk.scanSerial(who.badge);
  const pad = page.getByRole('dialog', { name: 'Staff sign-in' });
  await expect(pad).toBeVisible();
  for (const d of who.pin) await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.getByRole('button', { name: 'OK', exact: true }).click();
  const staff = page.getByRole('dialog', { name: 'Staff console' });
  await expect(staff).toBeVisible();
  return staff;
}
