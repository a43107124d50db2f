import type { Lang } from '../checkout/lang';
import type { Currency } from '../checkout/currency';
import type { Product } from '../checkout/product';
import type { IdlePolicy } from '../checkout/session';
import type { IntentContext, IntentName } from '../ipc/contract';
import type { KioskView } from '../ipc/view';
import type { SessionJournal } from '../journal/sessions';
import type { Log } from '../log';
import type { Clock } from './clock';
import type { RefusalCode } from './refusal-codes';

// The engine's contract: what it needs (options, ports), what features offer it, and how a
// refusal is told. `engine.ts` re-exports all of it.

/** What the engine needs from the barcode parser (see electron/devices/barcode). */
export type ScanParse =
  | { ok: true; code: ScannedCode }
  | { ok: false; code: string; message: string; raw: string };
export type ScannedCode =
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'variable'; lookupGtin14: string; measure: { type: 'weight'; grams: number } | { type: 'price'; cents: number } }
  | { kind: 'gs1'; gtin14: string | null; weightGrams?: number; priceCents?: number }
  | { kind: 'text'; text: string };

export interface EngineOptions {
  mode: 'demo' | 'store';
  idle: IdlePolicy;
  languages: { default: Lang; available: Lang[] };
  store: { name: string; timeZone?: string; currency?: Currency };
  demoSamples: Array<{ label: string; code: string }> | null;
  /** How long a notice stays on screen (ms). */
  noticeMs?: number;
}

export interface EngineDeps {
  clock: Clock;
  log: Log;
  catalog: { byBarcode(gtin14: string): Product | null };
  parse: (raw: string) => ScanParse;
  sessions: SessionJournal;
}

/** Thrown by handlers for a refusal the customer or staff should see; becomes `{ ok: false }`. */
export class IntentRefused extends Error {
  readonly kind = 'IntentRefused';
  readonly code: string;
  /**
   * `code`: one of `refusal-codes.ts` (a new one must be listed there, and a staff one translated).
   * `unchanged`: thrown before anything changed, so the engine need not rebuild the view.
   * Keeps a flood of refused intents (a PIN pad hammered while busy) cheap for everyone else.
   */
  constructor(code: RefusalCode, message: string, readonly unchanged = false) {
    super(message);
    this.code = code;
  }

  /** A code passed on as another part gave it (a store node's answer, a coded error): not checked against the list. */
  static passOn(code: string, message: string): IntentRefused {
    return new IntentRefused(code as RefusalCode, message);
  }
}

export type IntentHandler = (payload: never, ctx: IntentContext) => void | Promise<void>;

/** The context of intents the engine runs for itself or for a test (no connection). */
export const LOCAL_CLIENT: IntentContext = { client: 'local' };

/** A piece of engine behaviour (payments, supervisor, receipts...) that adds handlers and view parts. */
export interface EngineFeature {
  name: string;
  handlers?: Partial<Record<IntentName, (payload: any, ctx: IntentContext) => void | Promise<void>>>;
  /** Called on every tick with the current time. */
  tick?(now: number): void;
  /** Contributes to the view. */
  view?(v: KioskView): void;
  /** Lets a feature see a scanned code first (e.g. a supervisor badge). Return true when consumed. */
  interceptScan?(raw: string, parsed: ScanParse): boolean;
  /** Refuses customer intents while true (lock overlay). */
  blocksCustomer?(): boolean;
  /** Called when a session ends (basket cleared). */
  onSessionEnd?(reason: string): void;
}

/** Intents a customer can send; refused while a feature blocks customers (lock). */
export const CUSTOMER_INTENTS = new Set<IntentName>([
  'session/start', 'session/setLanguage', 'session/cancel', 'basket/scan', 'basket/setQuantity', 'basket/removeLine', 'basket/weigh', 'basket/addPieces', 'lookup/open', 'lookup/category', 'lookup/search', 'lookup/close',
  'checkout/pay', 'checkout/back', 'checkout/cancelPayment', 'checkout/finish',
]);
