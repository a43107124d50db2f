/** Public types of the card-terminal simulator (nexo Retailer, Terminal API JSON). Amounts in cents. */

export interface SimClock {
  now(): number;
}

/** How the "customer" ends a payment without the page: an approval or one of the decline reasons. */
export type Outcome = 'approve' | DeclineReason;

/**
 * Decline reasons the simulator can play:
 * - `insufficient-funds`: the issuer refuses (ErrorCondition Refusal);
 * - `card-removed`: the card is pulled out before the end (Cancel);
 * - `wrong-pin`: the PIN is wrong (WrongPIN);
 * - `cancelled`: the customer presses Cancel on the terminal (Cancel).
 */
export type DeclineReason = 'insufficient-funds' | 'card-removed' | 'wrong-pin' | 'cancelled';

export interface AutoAct {
  outcome: Outcome;
  /** Delay from the payment request to the outcome (ms). */
  afterMs: number;
}

export interface TerminalSimulatorOptions {
  /** Default 0 (any free port); real terminals listen on 8443. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The terminal's POIID; requests for another POIID are refused. Default "V400m-000000001". */
  poiId?: string;
  /** The only SaleID accepted when set; any non-empty SaleID otherwise. */
  saleId?: string;
  /** The PIN the page's PIN pad accepts (default "1234"). */
  pin?: string;
  /** A running payment ends as timed out after this long (default 120 000 ms, as the local Terminal API). */
  paymentTimeoutMs?: number;
  /** Plays the customer by itself (for tests); default none: the page or the control API acts. */
  auto?: AutoAct | null;
  /** Time for stamps and the ledger (default Date.now). Timers use real time. */
  clock?: SimClock;
  /** Shown on receipts (default "Kassa Demo Shop"). */
  merchantName?: string;
  /** Accept /__control calls from non-loopback peers (default false). */
  controlFromAnyHost?: boolean;
  /**
   * Serve HTTPS like a real terminal: `true` makes a self-signed certificate (needs `openssl`;
   * `sim.certificate` is its PEM), or give a key and certificate. Default plain HTTP.
   */
  tls?: boolean | { key: string; cert: string };
  /**
   * A shared key (Adyen's local message protection): every request must then come as a NexoBlob
   * with a SecurityTrailer of this key, and every answer goes back protected. Default none:
   * clear JSON only (a protected request is refused with "crypto error").
   */
  sharedKey?: { keyIdentifier: string; keyVersion: number; passphrase: string };
}

export type TransactionState = 'in-progress' | 'approved' | 'declined' | 'aborted' | 'reversed';

export type LedgerEventType =
  | 'requested'
  | 'card-inserted'
  | 'pin-entered'
  | 'approved'
  | 'declined'
  | 'aborted'
  | 'timed-out'
  | 'answer-lost'
  | 'answered'
  | 'reversed';

export interface LedgerEvent {
  type: LedgerEventType;
  /** Simulator clock, epoch ms. */
  at: number;
  amountCents?: number;
  note?: string;
}

/** One payment with its money and history, as the simulator's ledger keeps it. */
export interface LedgerEntry {
  /** POITransactionID.TransactionID. */
  transactionId: string;
  saleId: string;
  serviceId: string;
  saleTransactionId: string;
  currency: string;
  amountCents: number;
  /** Approved amount (0 unless approved). */
  authorizedCents: number;
  reversedCents: number;
  state: TransactionState;
  errorCondition: string | null;
  refusalReason: string | null;
  /** True when the answer reached the socket; false when it was lost or the client had gone. */
  answerDelivered: boolean;
  createdAt: number;
  endedAt: number | null;
  events: LedgerEvent[];
}

/** What the page shows. */
export type Stage = 'idle' | 'present-card' | 'enter-pin' | 'authorising' | 'done';

export interface TerminalView {
  stage: Stage;
  amountCents: number | null;
  currency: string | null;
  lastResult: { state: TransactionState; errorCondition: string | null; refusalReason: string | null; amountCents: number } | null;
  offline: OfflineMode | null;
  maintenance: boolean;
  hostReachable: boolean;
}

/** `refused`: the port is closed (connection refused); `unreachable`: connections are accepted and never answered. */
export type OfflineMode = 'refused' | 'unreachable';
