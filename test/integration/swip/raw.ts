/**
 * Raw HTTP helpers for sandbox tests written from the SWiP document (no kiosk client): the five
 * documented headers, JSON bodies with decimal amounts, and the sandbox's control API.
 */
import { randomUUID } from 'node:crypto';
import { SwipSandbox, type SwipSandboxOptions } from '../../../electron/sandbox/swip';

export const RAW_TOKEN = '8c6b8b64-6815-6084-0a3e-178401251b68';
export const RAW_MERCHANT = 'ABCD';
export const RAW_STORE = 'store-3';

export class RawClock {
  t = Date.UTC(2026, 2, 1, 9, 0, 0);
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface Raw {
  sb: SwipSandbox;
  clock: RawClock;
  /** A SWiP API call with the documented headers. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawAnswer>;
  /** A control API call (POST with a JSON body, or GET without). */
  control(path: string, body?: unknown): Promise<RawAnswer>;
  close(): Promise<void>;
}

export async function startRaw(opts: Partial<SwipSandboxOptions> = {}): Promise<Raw> {
  const clock = new RawClock();
  const sb = await SwipSandbox.start({ token: RAW_TOKEN, merchantId: RAW_MERCHANT, storeId: RAW_STORE, clock, ...opts });
  const answer = async (res: Response): Promise<RawAnswer> => {
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    sb,
    clock,
    api: async (method, path, body, headers = {}) =>
      answer(
        await fetch(sb.url + path, {
          method,
          headers: {
            Authorization: `Bearer ${RAW_TOKEN}`,
            'X-Merchant-ID': RAW_MERCHANT,
            'X-Store-ID': RAW_STORE,
            'X-Cash-ID': '1231',
            'Api-Version': '3',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    control: async (path, body) =>
      answer(
        await fetch(`${sb.url}/__control/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      ),
    close: () => sb.close(),
  };
}

/** A create body as the document's request example shapes it: Sprite, bread and cheese, 10.00 €. */
export function createBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    guests: 0,
    merchantCashier: 'Kiosk 3',
    merchantCashierId: '77527945-9a53-4849-a732-bd8736b39144',
    merchantOrderId: randomUUID(),
    merchantOrderNumber: '11',
    posType: 'SELF_CHECKOUT',
    purchases: [
      { name: 'Sprite 0,33 l', productId: 'sprite', quantity: 3, unit: 'PIECES', price: 1.0, amount: 3.0 },
      { name: 'Bread', productId: 'bread', quantity: 1, unit: 'PIECES', price: 2.33, amount: 2.33 },
      { name: 'Cheese', productId: 'cheese', quantity: 0.5, unit: 'KILOGRAMS', price: 9.34, amount: 4.67 },
    ],
    saleDate: Date.UTC(2026, 2, 1, 9, 0, 0),
    total: 10.0,
    totalOriginal: 10.0,
    ...over,
  };
}

/** Σ of decimal amounts in cents (from the decimal text, no float sums). */
export function centsOf(values: unknown[]): number {
  return values.reduce<number>((s, v) => {
    const [w, f = ''] = String(v).split('.');
    return s + Number(w) * 100 + Number(f.padEnd(2, '0').slice(0, 2));
  }, 0);
}
