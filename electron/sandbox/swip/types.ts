/** Public types of the SWiP sandbox. Amounts in cents. */

export type LoyaltyProgram =
  | {
      programId: number;
      description: string;
      kind: 'percent';
      /** Discount in basis points of the order total (1000 = 10 %). */
      percentBp: number;
      /** Applies only when the total is at least this (cents). */
      minTotalCents?: number;
    }
  | {
      programId: number;
      description: string;
      kind: 'product-amount';
      /** The merchant's productId the discount is for. */
      productId: string;
      /** Cents off per unit (per piece, or per kg / litre pro rata). */
      amountOffCents: number;
    };

export interface SandboxClock {
  now(): number;
}

export interface SwipSandboxOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  token: string;
  /** Expected X-Merchant-ID (and `merchantId` in refund/reverse bodies). */
  merchantId: string;
  /** Expected X-Store-ID; any non-empty value when omitted. */
  storeId?: string;
  loyaltyPrograms?: LoyaltyProgram[];
  /** Sandbox time (epoch ms) for order expiry and capture; default Date.now. */
  clock?: SandboxClock;
  /** Base of the wallet links in sessionCode (e.g. the kiosk's LAN address); default the server url. */
  publicBaseUrl?: string;
  /** Host name for wallet links, keeping the server's port (e.g. the kiosk's LAN address). */
  publicHost?: string;
  /** A closed card payment is captured this long after close; reverse works only before (default 60 000 ms). */
  captureDelayMs?: number;
  /** An OPEN order is cancelled this long after create (default 90 000 ms, "1,5 minutes"). */
  openTimeoutMs?: number;
  /**
   * Personal SWiP discount in basis points of the POS's total (500 = 5 %), applied when the app
   * opens an order (wallet page, `open()`, or implicitly by pay / markTerminal). Default none.
   */
  personalDiscountBp?: number;
  /** Basis points the wallet page's "Pay with personal discount" button uses (default personalDiscountBp, else 500). */
  walletDiscountBp?: number;
  /** The final loyalty discount is rounded half away from zero to a multiple of this (default 1 cent). */
  discountStepCents?: number;
  /** Shown in the wallet and on slips (default "Kassa Demo Shop"). */
  merchantName?: string;
  /** Accept /__control calls from non-loopback peers (a phone on the LAN in demos). Default false. */
  controlFromAnyHost?: boolean;
}

export type Fault =
  | { kind: 'delay'; ms: number; path?: string; times?: number }
  | { kind: 'status'; status: 500 | 429 | 503; path?: string; times?: number; retryAfterS?: number }
  /** Destroys the socket without answering; the request is not processed. */
  | { kind: 'drop'; path?: string; times?: number }
  /** Processes the request, then destroys the socket instead of answering. */
  | { kind: 'lose-response'; path?: string; times?: number }
  /** Answers 200 with `body` as the raw response text; the request is not processed. */
  | { kind: 'malformed'; path?: string; times?: number; body: string }
  /** Processes the request; an answer carrying an order reports `orderStatus: value` (a status the document does not list). */
  | { kind: 'order-status'; value: string; path?: string; times?: number };

export type PaymentMethod = 'CARD' | 'APPLE_PAY' | 'GOOGLE_PAY';

export interface PayOptions {
  method?: PaymentMethod;
  /** A full test card number (masked on the order) or an already masked PAN. */
  pan?: string;
}

export type LedgerEventType =
  | 'created'
  /** The app opened the order; `amountCents` is SWiP's total after personal loyalty. */
  | 'opened'
  | 'paid'
  | 'declined'
  | 'alternative-payment'
  | 'closed'
  /** A close call on an order that was already CLOSED (refused with code 30): a POS bug to catch. */
  | 'close-refused'
  | 'voided-hold'
  | 'expired'
  | 'captured'
  | 'refunded'
  | 'reversed';

export interface LedgerEvent {
  type: LedgerEventType;
  /** Sandbox clock, epoch ms. */
  at: number;
  amountCents?: number;
  note?: string;
}

/** One order with its money and full history, for tests' invariants. */
export interface SandboxLedgerEntry {
  id: string;
  merchantOrderId: string;
  sessionCode: string;
  status: 'OPEN' | 'CLOSED';
  totalCents: number;
  totalOriginalCents: number;
  /** The total the POS sent; `totalCents` is lower by `swipDiscountCents` after a personal discount. */
  posTotalCents: number;
  swipDiscountCents: number;
  posType: string;
  paidCents: number;
  unconfirmedCents: number;
  closeAmountCents: number;
  /** Card money SWiP took (closeAmount of an app payment, 0 for cash/terminal). */
  capturedCents: number;
  refundedCents: number;
  reversedCents: number;
  /** Paid outside SWiP (cash or the card terminal, scenario 2). */
  cash: boolean;
  events: LedgerEvent[];
}
