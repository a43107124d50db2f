/**
 * The kiosk side of the store: one `LaneAgent` per kiosk. It reads the engine (what the customer
 * screen shows) into a `LaneSnapshot` and carries out an attendant's remote actions through the
 * same engine paths a supervisor at the kiosk uses (electron/engine/supervision.ts `remote`),
 * each audited with the attendant and where it came from.
 */
import { z } from 'zod';
import { BasketError } from '../checkout/basket';
import { IntentRefused, type KioskEngine } from '../engine/engine';
import type { RemoteStaffAction } from '../engine/supervision';
import type { AttentionView, KioskView } from '../ipc/view';
import type { Log } from '../log';
import type { AuditEntry } from '../journal/audit';
import type { ActionResult, LaneAction, LaneAgent, LaneSnapshot, LaneStatus, StaffIdentity } from './lane';
import { createPaymentRetry, lanePayments } from './lane-payments';

/** What the agent needs from supervision (the engine feature); the real one is `Supervision`. */
export interface RemoteStaff {
  remote(a: RemoteStaffAction, by: StaffIdentity, via: string, lane: string): void;
  agePending(): boolean;
  paymentBusy(): boolean;
}

export interface LaneAgentOptions {
  laneId: string;
  storeId: string;
  engine: KioskEngine;
  staff: RemoteStaff;
  /** Payments waiting for staff (payments.staff.attention()). */
  attention: () => AttentionView[];
  /** Store setting `attendant.remoteAgeCheck` (default false: staff must see the customer); a function when it may change while running. */
  remoteAgeCheck: boolean | (() => boolean);
  log: Log;
  /** Events not yet accepted by the store stream (the outbox); 0 without one. */
  outboxBacklog?: () => number;
  /** The store catalog version the kiosk sells from (catalog-follower.ts); absent without a store. */
  catalogVersion?: () => string | null;
  /** The version of the store settings in force (live-settings.ts); absent without a store. */
  settingsVersion?: () => string | null;
  /** The staff payment path (payments.staff) and the audit log: the console's `retry-payment`; absent, it is not offered. */
  paymentRetry?: { act(mid: string, action: 'retry', by: string): Promise<string>; orderNo?(mid: string): string | null; audit: { record(e: Omit<AuditEntry, 'id'>): number } };
}

/** The line ids of the kiosk contract (electron/ipc/contract.ts). */
const lineId = z.string().regex(/^L\d{1,6}$/, 'a line id like L1');
const reason = z.string().trim().min(3, 'a reason of at least 3 characters').max(200, 'a reason of at most 200 characters');

/** Every action from outside is checked before the engine sees it. */
export const laneActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ack-help') }).strict(),
  z.object({ kind: z.literal('pass-check') }).strict(),
  z.object({ kind: z.literal('fail-check') }).strict(),
  z.object({ kind: z.literal('approve-age') }).strict(),
  z.object({ kind: z.literal('void-line'), lineId, reason }).strict(),
  z.object({ kind: z.literal('cancel-session'), reason }).strict(),
  z.object({ kind: z.literal('retry-payment'), merchantOrderId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a merchant order id (letters, digits, . _ -, at most 64)') }).strict(),
]);

const staffSchema = z.object({ badge: z.string().min(3).max(64), name: z.string().min(1).max(64) }).strict();
const viaSchema = z.string().regex(/^[a-z]+:[A-Za-z0-9._-]{1,64}$/, 'like console:c1');

/** Device words that stop or hinder sales (the rest: ok, connecting, not-configured). */
const FAULTS = new Set(['unavailable', 'attention', 'disconnected', 'error', 'offline']);
/** Devices the store sees (deviceStatus also carries URLs and reasons that stay on the kiosk). */
const DEVICE_KEYS = ['scanner', 'printer', 'payments', 'scale'] as const;

/** The lane's status from the customer screen, most urgent first. */
export function laneStatus(v: KioskView, attention: number): LaneStatus {
  if (v.outOfOrder) return 'out-of-order';
  if (v.lock) return 'locked';
  if (v.payment?.phase === 'needs-attention' || attention > 0) return 'payment-attention';
  if (v.assistance.requested) return 'help';
  if (DEVICE_KEYS.some((k) => FAULTS.has(v.devices[k] ?? 'ok'))) return 'device-fault';
  if (v.state === 'checkout' || v.state === 'paying' || v.state === 'finishing') return 'paying';
  if (v.state === 'shopping') return 'shopping';
  return 'idle';
}

export function createLaneAgent(o: LaneAgentOptions): LaneAgent & { close(): void } {
  const e = o.engine;
  const remoteAge = () => (typeof o.remoteAgeCheck === 'function' ? o.remoteAgeCheck() : o.remoteAgeCheck);
  const clock = e.deps.clock;
  let seq = 0;
  let status: LaneStatus | null = null;
  let since = clock.now();
  let lastKey = '';
  let current: LaneSnapshot | null = null;
  const listeners = new Set<() => void>();
  const pr = o.paymentRetry;
  const retryPayment = pr
    ? createPaymentRetry({ laneId: o.laneId, payments: { attention: () => o.attention(), act: (m, a, by) => pr.act(m, a, by), ...(pr.orderNo ? { orderNo: (m: string) => pr.orderNo!(m) } : {}) }, audit: pr.audit, sessionId: () => e.sessionId, now: () => clock.now(), log: o.log })
    : null;

  let seenAttention = '';
  const keyOf = (list: AttentionView[]) => JSON.stringify(list.map((a) => [a.merchantOrderId, a.reason, a.actions.length]));
  const attentionKey = () => keyOf(safe(() => o.attention(), []));

  function build(v: KioskView): LaneSnapshot {
    const attention = safe(() => o.attention(), []);
    seenAttention = keyOf(attention);
    const s = laneStatus(v, attention.length);
    const now = clock.now();
    if (s !== status) {
      status = s;
      since = s === 'locked' && v.lock ? v.lock.since : s === 'help' && e.assistance.since !== null ? e.assistance.since : now;
    }
    const devices: Record<string, string> = {};
    for (const k of DEVICE_KEYS) if (v.devices[k] !== undefined) devices[k] = v.devices[k]!;
    return {
      laneId: o.laneId,
      storeId: o.storeId,
      status: s,
      since,
      publishedAt: now,
      seq: 0,
      sessionId: v.sessionId,
      currency: v.store.currency,
      basket: {
        totalCents: v.basket.totalCents,
        articleCount: v.basket.articleCount,
        lines: v.basket.lines.map((l) => ({
          id: l.id,
          name: l.name,
          quantity: l.measure.kind === 'pieces' ? l.measure.count : l.measure.kind === 'weight' ? l.measure.grams : 1,
          unit: l.measure.kind === 'weight' ? 'gram' : 'piece',
          totalCents: l.totalCents,
          ageLimit: l.ageLimit,
        })),
      },
      lock: v.lock ? { reason: v.lock.reason, details: v.lock.reasons } : null,
      assistance: v.assistance.requested,
      assistanceAck: e.assistance.ack ? { name: e.assistance.ack.name, at: e.assistance.ack.at } : null,
      actions: allowed(v, attention),
      devices,
      outboxBacklog: o.outboxBacklog?.() ?? 0,
      ...(o.catalogVersion ? { catalogVersion: o.catalogVersion() } : {}),
      ...(o.settingsVersion ? { settingsVersion: o.settingsVersion() } : {}),
      ...(attention.length > 0 ? { payments: lanePayments(attention) } : {}),
    };
  }

  /** The actions the kiosk would accept now (the console offers only these). */
  function allowed(v: KioskView, attention: AttentionView[]): Array<LaneAction['kind']> {
    const out: Array<LaneAction['kind']> = [];
    if (v.assistance.requested && !e.assistance.ack && !v.lock) out.push('ack-help');
    if (v.lock?.reason === 'purchase-check') out.push('pass-check');
    if (v.lock) out.push('fail-check');
    if (remoteAge() && safe(() => o.staff.agePending(), false)) out.push('approve-age');
    const busy = safe(() => o.staff.paymentBusy(), true);
    if (!busy && (v.state === 'shopping' || v.state === 'checkout') && v.basket.lines.length > 0 && v.lock?.reason !== 'age-check') out.push('void-line');
    if (v.sessionId && !busy) out.push('cancel-session');
    if (retryPayment && attention.some((a) => a.actions.includes('retry'))) out.push('retry-payment');
    return out;
  }

  function refresh(v: KioskView): void {
    const snap = build(v);
    // The heartbeat time and counters do not make a change; anything the console shows does.
    const key = JSON.stringify({ ...snap, publishedAt: 0, seq: 0 });
    if (key === lastKey && current) return;
    lastKey = key;
    snap.seq = ++seq;
    current = snap;
    for (const l of listeners) {
      try {
        l();
      } catch (err) {
        o.log.error('lane listener failed', { error: err as Error });
      }
    }
  }

  const stop = e.onView((v) => refresh(v));

  return {
    snapshot() {
      // A payment may enter or leave attention without a change on the customer screen (the
      // reconciler, an older order): the heartbeat's snapshot looks again.
      if (!current || attentionKey() !== seenAttention) refresh(e.view());
      return { ...current!, publishedAt: clock.now() };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async act(action: LaneAction, by: StaffIdentity, via: string): Promise<ActionResult> {
      const a = laneActionSchema.safeParse(action);
      const who = staffSchema.safeParse(by);
      const from = viaSchema.safeParse(via);
      if (!a.success || !who.success || !from.success) {
        const issue = (!a.success ? a.error : !who.success ? who.error : from.error!).issues[0];
        return { ok: false, code: 'invalid', message: `${issue?.path.join('.') || 'action'}: ${issue?.message ?? 'invalid'}` };
      }
      if (a.data.kind === 'approve-age' && !remoteAge()) {
        return { ok: false, code: 'not-allowed', message: 'this store approves ages only at the kiosk (attendant.remoteAgeCheck is off)' };
      }
      if (a.data.kind === 'retry-payment') {
        if (!retryPayment) return { ok: false, code: 'not-allowed', message: 'this kiosk retries payments only at the kiosk' };
        const r = await retryPayment(a.data.merchantOrderId, who.data, from.data);
        refresh(e.publish());
        return r;
      }
      try {
        o.staff.remote(a.data, who.data, from.data, o.laneId);
      } catch (err) {
        if (err instanceof IntentRefused || err instanceof BasketError) {
          o.log.info('remote action refused', { action: a.data.kind, code: err.code, via: from.data, badge: who.data.badge });
          return { ok: false, code: 'refused', message: err.message };
        }
        o.log.error('remote action failed', { action: a.data.kind, via: from.data, error: err as Error });
        e.publish();
        return { ok: false, code: 'refused', message: 'the kiosk could not do that' };
      }
      o.log.info('remote action', { action: a.data.kind, via: from.data, badge: who.data.badge });
      // Some of what the lane shows is not on the customer screen (who acknowledged help).
      refresh(e.publish());
      return { ok: true };
    },
    close() {
      stop();
      listeners.clear();
    },
  };
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
