/**
 * Smarts pickup orders (integrations.md §1.7) through the node, called by the simulator: receive
 * and update (valid, invalid, unauthenticated), journaled with their status history; staff change
 * the status on the console port and the change reaches the simulated gateway through the
 * outbox. Plus the outbox table of an older version, rebuilt to accept pickup rows.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { configSchema } from '../../../electron/config/schema';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import type { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';
import { ensureOutboxTable } from '../../../electron/smarts/outbox';

let dir: string;
let db: JournalDb;
let part: SmartsPart;
let sim: SmartsSandbox;
let publishes = 0;
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-pickup-'));
  db = openJournalDb(join(dir, 'journal.db'));
  const config = configSchema.parse({ smarts: { nodeToken: 'pickup-node-token-0123456789' } });
  const engine = { publish: () => void publishes++ } as unknown as KioskEngine;
  part = (await startSmarts({ config, mode: 'demo', engine, db, clock, log: memoryLog('smarts'), rules: { ...DEFAULT_CONTROL_RULES, timeZone: 'Europe/Tallinn' } }))!;
  sim = part.sandbox!;
  await part.outbox.stop();
});
afterAll(async () => {
  await part?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The reference's Order example, shortened. */
const order = (id: string, status = 'WAITING_FOR_CONFIRMATION') => ({
  id,
  invoiceId: 'INV-P1',
  customerId: 'person-5',
  institutionId: 'demo-store',
  institutionInvoiceId: 'SM-000042',
  resolverId: null,
  shipment: { method: 'PARCEL', parcelId: '1ABSC', name: 'Ravala street parcel', status, price: 5, currency: 'EUR', contactPhone: '56314762', address: { level1: 'EE', level3: 'Tallinn', postalCode: '10115' } },
  products: [{ id: 'MILK', barcode: '4740000000010', productName: 'Piim', amount: 2, rowPrice: 2.58, categories: [{ id: 'C1', name: 'Piimatooted' }] }],
  currency: 'EUR',
  orderTotalPrice: 7.58,
  created: '2026-11-23',
  closed: null,
  statusChangelogs: [],
});

describe('pickup orders', () => {
  it('receive: stored and shown to staff; the same order again changes nothing; bad or unauthenticated bodies are refused and store nothing', async () => {
    const before = publishes;
    const r = await sim.sendPickupOrder(order('ORD-1'));
    expect(r).toMatchObject({ status: 200, valid: true });
    expect(publishes).toBeGreaterThan(before);
    expect(part.port.pickups()).toEqual([{ id: 'ORD-1', customerId: 'person-5', status: 'WAITING_FOR_CONFIRMATION', method: 'PARCEL', totalCents: 758, products: [{ name: 'Piim', amount: 2 }], receivedAt: clock.now(), updatedAt: clock.now() }]);
    expect((await sim.sendPickupOrder(order('ORD-1'))).status).toBe(200);
    expect(part.pickups.changes('ORD-1')).toHaveLength(1);
    const bad = [{ ...order('ORD-X1'), products: [] }, { ...order('ORD-X2'), orderTotalPrice: -1 }, { ...order('ORD-X3'), shipment: undefined }, { ...order(''), id: '' }, { ...order('ORD-X4'), customerId: 'a\u202Eb' }];
    for (const b of bad) expect((await sim.sendPickupOrder(b as Record<string, unknown>)).status, JSON.stringify(b).slice(0, 60)).toBe(400);
    expect((await sim.sendPickupOrder(order('ORD-X5'), null)).status).toBe(401);
    expect(part.port.pickups().map((o) => o.id)).toEqual(['ORD-1']);
  });

  it('update: Smarts\' new status is journaled; an unknown order is 404', async () => {
    clock.advance(60_000);
    expect((await sim.updatePickupOrder(order('ORD-NOPE'))).status).toBe(404);
    expect((await sim.updatePickupOrder({ ...order('ORD-1'), orderTotalPrice: 8.58 })).status).toBe(200);
    expect(part.pickups.get('ORD-1')).toMatchObject({ status: 'WAITING_FOR_CONFIRMATION', totalCents: 858 });
    expect((await sim.updatePickupOrder(order('ORD-1', 'CONFIRMED'))).status).toBe(200);
    expect(part.pickups.changes('ORD-1').map((c) => [c.from, c.to, c.by])).toEqual([[null, 'WAITING_FOR_CONFIRMATION', 'smarts'], ['WAITING_FOR_CONFIRMATION', 'CONFIRMED', 'smarts']]);
  });

  it('staff set the status; each change reaches Smarts through the outbox; a final order cannot change', async () => {
    await sim.sendPickupOrder(order('ORD-2'));
    part.port.setPickupStatus('ORD-2', 'CONFIRMED', 'SUP-1');
    part.port.setPickupStatus('ORD-2', 'COMPLETED', 'SUP-1');
    expect(() => part.port.setPickupStatus('ORD-2', 'REJECTED', 'SUP-1')).toThrow(expect.objectContaining({ code: 'final' }));
    expect(() => part.port.setPickupStatus('ORD-404', 'CONFIRMED', 'SUP-1')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(sim.pickupStatuses()).toEqual([]); // not before delivery
    await part.outbox.flush();
    await part.outbox.flush();
    expect(sim.pickupStatuses()).toEqual([
      { id: 'ORD-2', status: 'CONFIRMED', resolverId: 'SUP-1' },
      { id: 'ORD-2', status: 'COMPLETED', resolverId: 'SUP-1' },
    ]);
    expect(part.pickups.changes('ORD-2').map((c) => c.to)).toEqual(['WAITING_FOR_CONFIRMATION', 'CONFIRMED', 'COMPLETED']);
    // The open order is listed before the finished one.
    expect(part.port.pickups().map((o) => [o.id, o.status])).toEqual([['ORD-1', 'CONFIRMED'], ['ORD-2', 'COMPLETED']]);
  });

  it('an outbox table of an older version (result and resend only) is rebuilt, its rows kept', () => {
    const old = new Database(join(dir, 'old.db'));
    try {
      old.exec(`CREATE TABLE smarts_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, invoice_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('result','resend')),
        body_json TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending','sent','failed')), attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL, sent_at INTEGER);
        INSERT INTO smarts_outbox (invoice_id, kind, body_json, state, next_attempt_at, created_at) VALUES ('INV-OLD', 'result', '{}', 'pending', 1, 1);`);
      expect(() => old.prepare(`INSERT INTO smarts_outbox (invoice_id, kind, body_json, state, next_attempt_at, created_at) VALUES ('O', 'pickup', '{}', 'pending', 1, 1)`).run()).toThrow(/CHECK/);
      ensureOutboxTable(old);
      ensureOutboxTable(old); // a second start changes nothing
      old.prepare(`INSERT INTO smarts_outbox (invoice_id, kind, body_json, state, next_attempt_at, created_at) VALUES ('O', 'pickup', '{}', 'pending', 1, 1)`).run();
      expect(old.prepare('SELECT id, invoice_id, kind FROM smarts_outbox ORDER BY id').all()).toEqual([{ id: 1, invoice_id: 'INV-OLD', kind: 'result' }, { id: 2, invoice_id: 'O', kind: 'pickup' }]);
    } finally {
      old.close();
    }
  });
});
