/** Shared set-up for the SWiP integration tests: a sandbox on port 0, a client, a fake clock. */
import { afterEach, beforeEach, expect } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { SwipClient, SwipError, newMerchantOrderId, type SwipConfig, type SwipCreateOrder, type SwipPurchase } from '../../../electron/payments/swip';
import { SwipSandbox, type SwipSandboxOptions } from '../../../electron/sandbox/swip';

export const TOKEN = 'c7a8d063-ac26-4226-a6f4-b1d232ca179d-secret';
export const MERCHANT = 'SWTS';
export const STORE = 'SwipTestStore';

export class FakeClock {
  t = Date.UTC(2025, 0, 15, 10, 0, 0);
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface Harness {
  sandbox: SwipSandbox;
  client: SwipClient;
  log: ReturnType<typeof memoryLog>;
  clock: FakeClock;
  /** A client with other settings against the same sandbox. */
  clientWith(over: Partial<SwipConfig>, fetchImpl?: typeof fetch): SwipClient;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<SwipSandboxOptions> = {}, cfg: Partial<SwipConfig> = {}): Promise<Harness> {
  const clock = new FakeClock();
  const sandbox = await SwipSandbox.start({ token: TOKEN, merchantId: MERCHANT, storeId: STORE, clock, ...opts });
  const log = memoryLog('swip');
  const base: SwipConfig = {
    baseUrl: sandbox.url,
    token: TOKEN,
    merchantId: MERCHANT,
    storeId: STORE,
    cashId: 'kiosk-1',
    posType: 'SELF_CHECKOUT',
    timeoutMs: 2000,
    retry: { attempts: 3, baseMs: 10, maxMs: 40 },
    ...cfg,
  };
  return {
    sandbox,
    clock,
    log,
    client: new SwipClient(base, log),
    clientWith: (over, fetchImpl) => new SwipClient({ ...base, ...over }, log, fetchImpl),
    close: () => sandbox.close(),
  };
}

export const milk: SwipPurchase = { name: 'Piim 2,5% 1 l', productId: 'sku-milk', quantity: 2, unit: 'PIECES', priceCents: 129, amountCents: 258 };
export const apples: SwipPurchase = { name: 'Õunad', productId: 'sku-apple', quantity: 0.753, unit: 'KILOGRAMS', priceCents: 199, amountCents: 150 };
export const bread: SwipPurchase = { name: 'Leib <Rukki> & "Co"', productId: 'sku-bread', quantity: 1, unit: 'PIECES', priceCents: 245, amountCents: 245 };

/** An order of milk, apples and bread: 6.53 € before discount. */
export function orderOf(over: Partial<SwipCreateOrder> = {}): SwipCreateOrder {
  const purchases = over.purchases ?? [milk, apples, bread];
  const total = purchases.reduce((s, p) => s + p.amountCents, 0);
  return {
    merchantOrderId: newMerchantOrderId(),
    merchantOrderNumber: 'K1-0001',
    cashier: 'Kiosk 1',
    saleDate: Date.UTC(2025, 0, 15, 10, 0, 0),
    totalCents: total,
    totalOriginalCents: total,
    purchases,
    ...over,
  };
}

/** Runs fn and returns what it threw (fails when it did not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** `fn` must throw a SwipError; returns it. */
export async function swipError(fn: () => Promise<unknown>): Promise<SwipError> {
  const e = await thrown(fn);
  expect(e).toBeInstanceOf(SwipError);
  return e as SwipError;
}

/** A fresh harness for every test of the file, closed after it: `let h; eachTest(async () => (h = await startHarness()));` */
export function eachTest(start: () => Promise<Harness>): void {
  let current: Harness | null = null;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
}
