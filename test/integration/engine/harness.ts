/** An engine with supervision on a real SQLite file, a fake clock and a small catalog. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { SessionJournal } from '../../../electron/journal/sessions';
import { LockJournal } from '../../../electron/journal/locks';
import { AuditLog } from '../../../electron/journal/audit';
import { KioskEngine, type ScanParse } from '../../../electron/engine/engine';
import { Supervision, type SupervisionPorts } from '../../../electron/engine/supervision';
import { ManualClock } from '../../../electron/engine/clock';
import { parseBarcode, DEFAULT_WEIGHT_RULES } from '../../../electron/devices/barcode';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';
import { decidePurchaseCheck, DEFAULT_CONTROL_RULES, keyedSampler, requiredAge, saleAllowedNow, type ControlRules } from '../../../electron/checkout/purchase-control';
import { SupervisorDirectory } from '../../../electron/supervisor';
import { memoryLog } from '../../../electron/log';
import type { Product } from '../../../electron/checkout/product';

const n = (en: string) => ({ en, et: `${en} (et)`, pl: `${en} (pl)`, ru: `${en} (ru)` });
export const CODES = {
  milk: withCheckDigit('4740000000010'),
  bread: withCheckDigit('4740000000020'),
  beer: withCheckDigit('4740000000030'),
  apples1234: withCheckDigit('2000123012340'),
  unknown: withCheckDigit('4740000009990'),
  badCheck: '4740000000011',
};
export const PRODUCTS: Product[] = [
  { sku: 'MILK', barcodes: [CODES.milk], name: n('Milk'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BREAD', barcodes: [CODES.bread], name: n('Bread'), unitPriceCents: 245, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
  { sku: 'BEER', barcodes: [CODES.beer], name: n('Beer'), unitPriceCents: 189, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'alcohol', ageLimit: 18 },
  { sku: 'APPLES', barcodes: [withCheckDigit('2000123000000')], name: n('Apples'), unitPriceCents: 249, vatRateBp: 2400, unit: 'weight', soldByWeight: true, category: 'produce', ageLimit: null },
];
export const BADGE = 'SUP-0042';
/** The fake payments port knows one order number (for the audit log). */
export const ORDER_WITH_NUMBER = { mid: '0b9f6c1e-1111-4222-8333-444455556666', orderNo: 'K01-0427' };
export const PIN = '4711';

export interface EngineHarness {
  engine: KioskEngine;
  supervision: Supervision;
  clock: ManualClock;
  db: JournalDb;
  audit: AuditLog;
  directory: SupervisorDirectory;
  paymentGuards: Array<() => void>;
  /** When Supervision asked the payments to continue a Pay a check stopped (clock times). */
  resumed: number[];
  /** The fake payments port (set `busy` to play a payment under way). */
  payments: { busy: boolean };
  reopen(): EngineHarness;
  close(): void;
}

export function startEngine(opts: { rules?: Partial<ControlRules>; dir?: string; clock?: ManualClock; smarts?: SupervisionPorts['smarts']; staffLang?: SupervisionPorts['staffLang'] } = {}): EngineHarness {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'kassa-engine-'));
  const clock = opts.clock ?? new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
  const db = openJournalDb(join(dir, 'journal.db'));
  const log = memoryLog('engine');
  const byGtin = new Map(PRODUCTS.flatMap((p) => p.barcodes.map((b) => [b.padStart(14, '0'), p] as const)));
  const engine = new KioskEngine(
    { mode: 'demo', idle: { idleMs: 120_000, promptMs: 30_000, doneMs: 10_000 }, languages: { default: 'en', available: ['en', 'et', 'pl', 'ru'] }, store: { name: 'T' }, demoSamples: null },
    { clock, log, catalog: { byBarcode: (g) => byGtin.get(g) ?? null }, parse: (raw) => parseBarcode(raw.trim(), { rules: DEFAULT_WEIGHT_RULES }) as ScanParse, sessions: new SessionJournal(db) },
  );
  const rules: ControlRules = { ...DEFAULT_CONTROL_RULES, sampling: { rate: 0, seed: 1 }, ...opts.rules };
  const directory = new SupervisorDirectory(db, log, clock);
  if (!directory.isBadge(BADGE)) directory.upsert(BADGE, 'Mari Maasikas', PIN);
  const audit = new AuditLog(db);
  const paymentGuards: Array<() => void> = [];
  const resumed: number[] = [];
  const payments = { busy: false, guards: paymentGuards, refund: async () => null, reverse: async () => null, act: async () => null, recentOrders: () => [], attention: () => [], orderNo: (mid: string) => (mid === ORDER_WITH_NUMBER.mid ? ORDER_WITH_NUMBER.orderNo : null), resumeAfterCheck: () => resumed.push(clock.now()) > 0 };
  const supervision = new Supervision(
      engine,
      {
        directory,
        audit,
        locks: new LockJournal(db),
        decide: (input, key) => decidePurchaseCheck(input, rules, keyedSampler(rules.sampling.seed, key)),
        saleAllowed: (p, now) => saleAllowedNow(p, rules, now),
        requiredAge: (p) => requiredAge(p, rules),
        payments,
        receipts: null,
        smarts: opts.smarts ?? null,
        deviceStatus: () => ({}),
        ...(opts.staffLang ? { staffLang: opts.staffLang } : {}),
      },
      log,
    );
  engine.use(supervision);
  // Stands in for PaymentFlow.pay: the engine refuses payment while any guard refuses.
  engine.use({ name: 'pay-probe', handlers: { 'checkout/pay': () => paymentGuards.forEach((g) => g()) } });
  engine.restore();
  const h: EngineHarness = {
    engine,
    supervision,
    clock,
    db,
    audit,
    directory,
    paymentGuards,
    resumed,
    payments,
    reopen: () => {
      db.close();
      return startEngine({ ...opts, dir, clock });
    },
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
