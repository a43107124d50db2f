/**
 * Loyalty cards (integrations.md §1.6): the store's programme in SQLite, Smarts' card
 * registration and bonus endpoints called by the simulator, points for a paid Smarts receipt,
 * and the kiosk's receipt lines for a customer who scanned their card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoyaltyFeature } from '../../../electron/app/loyalty';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { Catalog } from '../../../electron/catalog';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { configSchema } from '../../../electron/config/schema';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import type { PaymentRecord } from '../../../electron/journal/payments';
import { memoryLog } from '../../../electron/log';
import { LoyaltyProgramme } from '../../../electron/loyalty/programme';
import type { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';

const MILK = withCheckDigit('4740000000010');
const ROWS = [{ sku: 'MILK', barcodes: [MILK], name: { en: 'Milk', et: 'Piim', pl: 'Mleko', ru: 'Молоко' }, unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null }];
const CARD = '22103944833292';

let dir: string;
let db: JournalDb;
let catalog: Catalog;
let part: SmartsPart;
let sim: SmartsSandbox;
let loyalty: LoyaltyProgramme;
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-loyalty-'));
  db = openJournalDb(join(dir, 'journal.db'));
  catalog = Catalog.open(join(dir, 'catalog.db'), memoryLog('catalog'));
  catalog.importProducts(ROWS, 'test');
  loyalty = new LoyaltyProgramme(db, clock, { pointsPerEuro: 2 });
  const config = configSchema.parse({ smarts: { nodeToken: 'loyalty-node-token-0123456789' } });
  const rules = { ...DEFAULT_CONTROL_RULES, timeZone: 'Europe/Tallinn', saleHours: [], sampling: { rate: 0, seed: 1 } };
  const engine = { publish: () => undefined } as unknown as KioskEngine;
  part = (await startSmarts({ config, mode: 'demo', engine, db, clock, log: memoryLog('smarts'), rules, catalog, defaultLang: 'et', loyalty }))!;
  sim = part.sandbox!;
});
afterAll(async () => {
  await part?.close();
  catalog?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const registration = (value: string, personId: string) => ({
  loyaltyCard: { id: 'store-card', imageId: null, type: 'BONUS', canUseBonusPointsForPayment: false, name: { originalText: 'Kassa card', translations: [{ EN: 'Kassa card' }] }, validationTypes: ['CARD_NUMER'], colorTheme: 'DARK', primary: true, colors: ['#fff', '#000'] },
  value,
  personId,
  personEmail: 'mari@example.ee',
  personName: 'Mari',
});

describe('loyalty cards through the node', () => {
  it('registration: new card, same person again, another person 409, bad input 400, no token 401; nothing stored on refusal', async () => {
    const r = await sim.registerLoyaltyCard(registration(CARD, 'person-1'));
    expect(r).toMatchObject({ status: 200, valid: true, body: { cardNumber: CARD, personId: 'person-1', points: 0, created: true } });
    expect((await sim.registerLoyaltyCard(registration(CARD, 'person-1'))).body).toMatchObject({ created: false });
    expect((await sim.registerLoyaltyCard(registration(CARD, 'person-2'))).body).toMatchObject({ error: 'registered-to-another' });
    expect((await sim.registerLoyaltyCard(registration(CARD, 'person-2'))).status).toBe(409);
    for (const bad of ['12345', 'ABC1234567', '1'.repeat(21), '']) expect((await sim.registerLoyaltyCard(registration(bad, 'person-3'))).status, bad).toBe(400);
    expect((await sim.registerLoyaltyCard({ ...registration('99887766', 'person-3'), personId: '' })).status).toBe(400);
    expect((await sim.registerLoyaltyCard(registration('99887766', 'person-3'), null)).status).toBe(401);
    expect(loyalty.card('99887766')).toBeNull();
    expect(loyalty.card(CARD)).toMatchObject({ personId: 'person-1', name: 'Mari', email: 'mari@example.ee' });
  });

  it('bonus: the holder reads the balance; another person or an unknown card is 404; no card number 400', async () => {
    expect(await sim.loyaltyBonus({ value: CARD, personId: 'person-1' })).toMatchObject({ status: 200, body: { cardNumber: CARD, points: 0, pointsPerEuro: 2 } });
    expect((await sim.loyaltyBonus({ cardNumber: CARD, personId: 'person-1' })).status).toBe(200);
    expect((await sim.loyaltyBonus({ value: CARD, personId: 'person-2' })).status).toBe(404);
    expect((await sim.loyaltyBonus({ value: '11112222', personId: 'person-1' })).status).toBe(404);
    expect((await sim.loyaltyBonus({ personId: 'person-1' })).status).toBe(400);
    expect((await sim.loyaltyBonus({ value: CARD, personId: 'person-1' }, 'wrong-token-000000000000')).status).toBe(401);
  });

  it('a paid Smarts receipt with the holder\'s card earns points once', async () => {
    const cart = (invoiceId: string, personId: string) => ({
      invoiceId,
      langCode: 'ET',
      personId,
      institutionId: 'store-1',
      products: [{ id: 'MILK', barcode: MILK, type: 'SINGLE', translatableName: { originalText: 'Piim', translations: [{ ET: 'Piim' }] }, quantity: { unit: 'PIECE', value: 4 }, price: { vat: { sumWithoutVAT: 0.01, VATSum: 0, sumWithVAT: 0.01, VATRate: 0 }, total: 0.01 }, weightItem: false }],
      loyaltyCards: [{ id: 'store-card', cardNumber: CARD, useBonusOnPayment: false }],
    });
    const made = (await sim.createReceipt(cart('L-1', 'person-1'))).body as { institutionInvoiceId: string; total: number };
    expect(made.total).toBe(5.16);
    expect(loyalty.card(CARD)?.points).toBe(0); // not before payment
    expect((await sim.confirmReceipt({ invoiceId: 'L-1', institutionInvoiceId: made.institutionInvoiceId })).status).toBe(200);
    expect(loyalty.card(CARD)?.points).toBe(10); // 5 full euros × 2
    expect((await sim.confirmReceipt({ invoiceId: 'L-1', institutionInvoiceId: made.institutionInvoiceId })).status).toBe(409);
    expect(loyalty.card(CARD)?.points).toBe(10);
    // Someone else's card in the request earns nothing.
    const other = (await sim.createReceipt(cart('L-2', 'person-9'))).body as { institutionInvoiceId: string };
    await sim.confirmReceipt({ invoiceId: 'L-2', institutionInvoiceId: other.institutionInvoiceId });
    expect(loyalty.card(CARD)?.points).toBe(10);
  });
});

describe('a kiosk customer\'s loyalty card', () => {
  it('a scanned card is attached to the session while shopping; the closed order earns points once and the receipt says so', () => {
    const notices: unknown[] = [];
    const engine = { state: 'shopping', sessionId: 'S-1', isBlocked: () => false, setNotice: (...a: unknown[]) => notices.push(a) } as unknown as KioskEngine;
    const f = new LoyaltyFeature(engine, loyalty, memoryLog('loyalty'));
    expect(f.interceptScan('4740000000010')).toBe(false); // a product, not a card
    expect(f.interceptScan(` ${CARD} `)).toBe(true);
    expect(notices).toEqual([['loyalty-card', 'success', { card: '••3292', points: 10 }]]);
    const rec = { merchantOrderId: 'K-77', sessionId: 'S-1', closeAmountCents: 1299, paidCents: 1299 } as PaymentRecord;
    expect(f.onClosed(rec, 'en')).toEqual(['Loyalty card ****3292', 'Points earned: 24 (balance 34)']);
    expect(f.onClosed(rec, 'et')).toEqual(['Kliendikaart ****3292', 'Teenitud punkte: 24 (kokku 34)']); // a replay: no second credit
    expect(loyalty.card(CARD)?.points).toBe(34);
    expect(f.onClosed({ ...rec, merchantOrderId: 'K-78', sessionId: 'S-2' } as PaymentRecord, 'en')).toEqual([]); // no card in that session
    (engine as { isBlocked: () => boolean }).isBlocked = () => true;
    expect(f.interceptScan(CARD)).toBe(false); // past a lock the engine refuses the scan
  });
});
