/**
 * The one contract between the renderer and the main process. Keys are channel names.
 * - intents: renderer → main, request/response; every payload is checked with its zod schema
 *   by the main-side wrapper before any handler runs.
 * - pushes: main → renderer.
 * The preload (Electron) and the browser host (WebSocket) both carry exactly this.
 */
import { z } from 'zod';
import { LANGS } from '../checkout/lang';
import type { KioskView } from './view';

const lang = z.enum(LANGS);
const lineId = z.string().regex(/^L\d{1,6}$/, 'a line id like L1');
const pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
const cents = z.number().int().positive().max(100_000_000);
const reason = z.string().trim().min(3, 'a reason of at least 3 characters').max(200);

export const intentSchemas = {
  'view/get': z.object({}).strict(),
  'session/start': z.object({ lang: lang.optional() }).strict(),
  'session/setLanguage': z.object({ lang }).strict(),
  /** Any touch or key on the screen: keeps the session alive and dismisses the idle prompt. */
  'session/activity': z.object({}).strict(),
  /** Customer chose "Start over": the basket is cleared, back to attract. */
  'session/cancel': z.object({}).strict(),
  /** A barcode from the keyboard wedge or the demo scan panel (serial scans arrive in main). */
  'basket/scan': z.object({ code: z.string().min(1).max(256), source: z.enum(['wedge', 'panel']) }).strict(),
  'basket/setQuantity': z.object({ lineId, quantity: z.number().int().min(1).max(99) }).strict(),
  'basket/removeLine': z.object({ lineId }).strict(),
  /** A product sold by weight, weighed now on the kiosk's scale (chosen without a barcode). */
  'basket/weigh': z.object({ sku: z.string().min(1).max(64) }).strict(),
  /** A piece product chosen in the "Look up item" picker, with its quantity from the keypad. */
  'basket/addPieces': z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(99) }).strict(),
  /** The "Look up item" picker: open it, show a category (null: the category tiles), close it. */
  'lookup/open': z.object({}).strict(),
  'lookup/category': z.object({ category: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64).nullable() }).strict(),
  /** The picker's search: name words in any language (typo-tolerant prefix), or PLU digits; '' ends it. */
  'lookup/search': z.object({ query: z.string().max(40) }).strict(),
  'lookup/close': z.object({}).strict(),
  'notice/dismiss': z.object({ id: z.number().int() }).strict(),
  'assistance/call': z.object({}).strict(),
  'checkout/pay': z.object({ method: z.enum(['swip', 'terminal', 'inpost']) }).strict(),
  'checkout/cancelPayment': z.object({}).strict(),
  'checkout/back': z.object({}).strict(),
  'checkout/finish': z.object({}).strict(),
  'supervisor/pin': z.object({ pin }).strict(),
  'supervisor/logout': z.object({}).strict(),
  'supervisor/approveAge': z.object({}).strict(),
  'supervisor/passCheck': z.object({}).strict(),
  'supervisor/failCheck': z.object({}).strict(),
  'supervisor/voidLine': z.object({ lineId, reason: reason.optional() }).strict(),
  'supervisor/setQuantity': z.object({ lineId, quantity: z.number().int().min(1).max(99) }).strict(),
  'supervisor/cancelSession': z.object({}).strict(),
  /** The customer's Help: staff saw it (the customer reads "Help is on the way"), then are done. Audited. */
  'supervisor/acknowledgeHelp': z.object({}).strict(),
  'supervisor/finishHelp': z.object({}).strict(),
  'supervisor/reprintLast': z.object({}).strict(),
  /** Refund, reverse and void need a reason from the supervisor (audited). */
  'supervisor/refund': z.object({ merchantOrderId: z.string().min(1).max(64), amountCents: cents, reason }).strict(),
  'supervisor/reverse': z.object({ merchantOrderId: z.string().min(1).max(64), reason }).strict(),
  /** A needs-attention payment: retry the close, resolve as paid, refund (terminal), cancel (void). */
  'supervisor/paymentAction': z.object({ merchantOrderId: z.string().min(1).max(64), action: z.enum(['retry', 'resolve-paid', 'refund', 'cancel']), reason }).strict(),
  'supervisor/resolveSmarts': z
    .object({
      invoiceId: z.string().min(1).max(128),
      status: z.enum(['PASSED', 'FAILED', 'FAILED_ALLOW_PAYMENT', 'CANCEL_SHOPPING']),
      products: z.array(z.object({ index: z.number().int().min(0), quantity: z.number().min(0).max(100000) }).strict()).max(500).optional(),
    })
    .strict(),
  'supervisor/resendSmarts': z.object({ invoiceId: z.string().min(1).max(128) }).strict(),
  'supervisor/reprintSmarts': z.object({ institutionInvoiceId: z.string().min(1).max(64) }).strict(),
  'supervisor/pickupStatus': z.object({ id: z.string().min(1).max(100), status: z.enum(['CONFIRMED', 'REJECTED', 'COMPLETED']) }).strict(),
  'supervisor/openSmarts': z.object({ invoiceId: z.string().min(1).max(128) }).strict(),
  'supervisor/retrySmarts': z.object({ invoiceId: z.string().min(1).max(128) }).strict(),
} as const;

export type IntentName = keyof typeof intentSchemas;
export type IntentPayload<C extends IntentName> = z.input<(typeof intentSchemas)[C]>;

/**
 * Who sent an intent: the carrier's identity for one connection (browser host: `ws-<n>`,
 * Electron: `window-<webContents id>`, test hooks: `test-hook`). A supervisor session belongs
 * to the client that logged in; supervisor intents from any other client are refused.
 * Never sent to the renderer and never chosen by it.
 */
export interface IntentContext {
  client: string;
}

/** What every intent answers. Errors carry a code the UI can translate and a developer message. */
export type IntentResult = { ok: true; view?: KioskView } | { ok: false; error: { code: string; message: string } };

export interface PushMap {
  view: KioskView;
}
export type PushName = keyof PushMap;

/** The API the preload puts on `window.kassa`, and the browser host's client implements. */
export interface KassaApi {
  invoke<C extends IntentName>(channel: C, payload: IntentPayload<C>): Promise<IntentResult>;
  on<P extends PushName>(channel: P, cb: (payload: PushMap[P]) => void): () => void;
}

export const INTENT_NAMES = Object.keys(intentSchemas) as IntentName[];

export function isIntentName(x: unknown): x is IntentName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(intentSchemas, x);
}

/**
 * Checks a channel name and payload from the renderer. Returns the parsed payload, or an
 * error result naming the field. Used by both carriers before any handler runs.
 */
export function parseIntent(channel: unknown, payload: unknown):
  | { ok: true; channel: IntentName; payload: unknown }
  | { ok: false; error: { code: 'unknown-intent' | 'invalid-intent'; message: string } } {
  if (!isIntentName(channel)) {
    // Never String() an object from the wire: `{ "toString": 0 }` would throw.
    const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 64)) : `(${channel === null ? 'null' : typeof channel})`;
    return { ok: false, error: { code: 'unknown-intent', message: `unknown intent ${shown}` } };
  }
  const r = intentSchemas[channel].safeParse(payload ?? {});
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : '(payload)';
    return { ok: false, error: { code: 'invalid-intent', message: `${channel}: ${where}: ${first?.message ?? 'invalid'}` } };
  }
  return { ok: true, channel, payload: r.data };
}
