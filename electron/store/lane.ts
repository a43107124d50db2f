/**
 * The store's view of one kiosk ("lane"), and the seam between the kiosk and the store.
 *
 * - A kiosk's `LaneAgent` (kiosk side) builds its `LaneSnapshot` from the engine and carries out
 *   the remote actions an attendant may take (`LaneAction`), audited like any staff action.
 * - The store bus carries snapshots (lane registry) and actions (request/reply) between kiosks and
 *   the store node: in-process for a one-kiosk shop, NATS JetStream for a store.
 * - A `StorePort` is what the attendant console reads and acts through; the store node implements
 *   it over the bus, a one-kiosk shop over its own agent.
 *
 * Types (and the refusal codes they name) only: no imports from the engine, so every side can depend on this file.
 */

/** What a lane needs, most urgent first in the console. */
export type LaneStatus =
  | 'idle' // attract screen, no customer
  | 'shopping'
  | 'paying'
  | 'locked' // a purchase check or an age check is waiting for staff
  | 'help' // the customer pressed Help
  | 'payment-attention' // a payment needs staff (unknown outcome, refund failed …)
  | 'device-fault' // scanner, printer, scale or terminal down
  | 'out-of-order'
  | 'offline'; // no heartbeat from the kiosk (set by the store, never by the kiosk)

export interface LaneLine {
  id: string;
  name: string;
  /** Pieces, or grams for a weighed line. */
  quantity: number;
  unit: 'piece' | 'gram';
  totalCents: number;
  ageLimit: number | null;
}

export interface LaneSnapshot {
  /** The kiosk's id, e.g. "K01" (unique in a store). */
  laneId: string;
  storeId: string;
  status: LaneStatus;
  /** When the current status began (ms since epoch): how long the customer has waited. */
  since: number;
  /** The kiosk's clock when it published this snapshot (heartbeat). */
  publishedAt: number;
  /** Increases with every snapshot a kiosk publishes; a store keeps the newest. */
  seq: number;
  sessionId: string | null;
  currency: string;
  basket: { totalCents: number; articleCount: number; lines: LaneLine[] };
  /** A purchase/age check waiting for staff: the reasons as rule ids with a short detail. */
  lock: { reason: string; details: string[] } | null;
  assistance: boolean;
  /** Optional (added by the console work): who acknowledged the request for help, and when. */
  assistanceAck?: { name: string; at: number } | null;
  /** Optional: the actions the kiosk would accept now (the console offers only these). */
  actions?: Array<LaneAction['kind']>;
  /** Device name → status word ('ok', 'disconnected', …). */
  devices: Record<string, string>;
  /** Events journaled on the kiosk and not yet accepted by the store stream. */
  outboxBacklog: number;
  /** Optional: the sha-256 (hex) of the store catalog this kiosk sells from (null: none from the store yet). */
  catalogVersion?: string | null;
  /** Optional: the sha-256 (hex) of the store settings this kiosk runs (null: its configuration file's alone). */
  settingsVersion?: string | null;
  /** Optional (older kiosks send none): the lane's payments waiting for staff, at most 10. */
  payments?: LanePayment[];
}

/** A payment of the lane that needs staff (payments.staff.attention()), as the console shows it. */
export interface LanePayment {
  merchantOrderId: string;
  /** The kiosk's order number (`K01-0427`), if one was given. */
  orderNo: string | null;
  /**
   * swip, terminal or inpost (PROVIDER_KINDS) from kiosks of this version. Validated on the wire
   * as a short text, not as the closed list: a newer kiosk's provider must not make the store
   * drop its whole lane snapshot; the console words a provider it does not know neutrally.
   */
  provider: string;
  /** What the provider/journal says is owed, and what the customer paid as far as known (integer cents). */
  amountCents: number;
  paidCents: number;
  /** What went wrong: close-refused, cancel-refused, close-unknown, pay-at-till, charged-order-gone, create-refused; the console words it per provider. */
  reason: string;
  /** The provider's code and words, if it refused. */
  code: number | null;
  description: string | null;
  since: number;
  /** The console may ask the provider again (`retry-payment`); everything else is done at the kiosk. */
  retry: boolean;
}

/** What an attendant may do from the console; the age check only where the store allows it. */
export type LaneAction =
  | { kind: 'ack-help' }
  | { kind: 'pass-check' }
  | { kind: 'fail-check' }
  | { kind: 'approve-age' }
  | { kind: 'void-line'; lineId: string; reason: string }
  | { kind: 'cancel-session'; reason: string }
  /** Ask the provider again for a payment in attention (never decides it): the kiosk supervisor's retry. */
  | { kind: 'retry-payment'; merchantOrderId: string };

/** Why a remote action was not done (the console words each one: `console.result.<code>`). */
export const ACTION_REFUSAL_CODES = ['timeout', 'offline', 'refused', 'not-allowed', 'invalid', 'not-needed', 'busy'] as const;
export type ActionResult =
  | { ok: true }
  | { ok: false; code: (typeof ACTION_REFUSAL_CODES)[number]; message: string };

export interface StaffIdentity {
  badge: string;
  name: string;
}

/** Kiosk side: one per kiosk. */
export interface LaneAgent {
  snapshot(): LaneSnapshot;
  /** Called after every change of the snapshot; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Carries out a remote action; `via` names the console or kiosk it came from (audit). */
  act(action: LaneAction, by: StaffIdentity, via: string): Promise<ActionResult>;
}

/**
 * A Smarts purchase check of the store waiting for staff (the customer's phone app is locked):
 * not tied to a lane. `decision` AGE: only the age-limited products; FULL: the whole basket.
 */
export interface StoreCheck {
  invoiceId: string;
  decision: 'AGE' | 'FULL';
  /** When the store received it: how long the customer has waited. */
  receivedAt: number;
  /** After this Smarts unlocks the app by itself (the check expires). */
  expiresAt: number;
  products: Array<{ name: string; quantity: number; unit: string; totalCents: number; minAge: number | null }>;
  /** The stored check cannot be shown (invalid data): it can still be passed or failed. */
  unreadable?: boolean;
}

export type CheckVerdict = 'PASSED' | 'FAILED';

/** Why a verdict on a Smarts check was not recorded (the console words each one: `console.checks.result.<code>`). */
export const CHECK_REFUSAL_CODES = ['already-resolved', 'not-found', 'expired', 'offline', 'timeout', 'invalid', 'refused'] as const;
export type CheckResult =
  | { ok: true }
  | { ok: false; code: (typeof CHECK_REFUSAL_CODES)[number]; message: string };

/** An InPost Pay basket of the store (read-only on the console): its kiosk, amount (integer cents, the kiosk's book) and status. */
export interface StoreInpostOrder {
  basketId: string;
  laneId: string;
  orderId: string | null;
  status: 'open' | 'bound' | 'ordered' | 'authorized' | 'completed' | 'rejected' | 'deleted' | 'expired';
  totalCents: number;
  createdAt: number;
  updatedAt: number;
}

/** What the attendant console reads and acts through. */
export interface StorePort {
  storeId: string;
  lanes(): LaneSnapshot[];
  /** Called with the full list after any lane changed; returns the unsubscribe. */
  subscribe(listener: (lanes: LaneSnapshot[]) => void): () => void;
  act(laneId: string, action: LaneAction, by: StaffIdentity, via: string): Promise<ActionResult>;
  /**
   * The store's Smarts checks waiting for staff, oldest first; null (or absent) where the store
   * runs no Smarts node. Resolved exactly once, whoever asks first (console or kiosk).
   */
  checks?(): StoreCheck[] | null;
  /** Called with the pending list after it changed; returns the unsubscribe. */
  subscribeChecks?(listener: (checks: StoreCheck[]) => void): () => void;
  /** A verdict; `via` names the console connection (audit, and the check's `resolved_by`). */
  resolveCheck?(invoiceId: string, verdict: CheckVerdict, by: StaffIdentity, via: string): Promise<CheckResult>;
  /** The store's InPost Pay baskets and orders, newest first; null (or absent) where the store node serves no InPost Pay. */
  inpostOrders?(): StoreInpostOrder[] | null;
  /** Called after the list changed; returns the unsubscribe. */
  subscribeInpost?(listener: () => void): () => void;
}
