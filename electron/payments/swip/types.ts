/** Public types of the SWiP POS API v3 client. All money is integer cents. */

export interface SwipRetryConfig {
  /** Total tries of one call, the first included (default 3). */
  attempts: number;
  /** First backoff step in ms (default 200); doubles per try, with jitter. */
  baseMs: number;
  /** Longest backoff step in ms (default 2000). A 429 Retry-After is honoured up to 5 × maxMs. */
  maxMs: number;
}

export interface SwipConfig {
  /** e.g. "https://capi3.weawer.ru" (no trailing path). */
  baseUrl: string;
  /** Static bearer token. Never logged. */
  token: string;
  /** X-Merchant-ID; also sent as `merchantId` in refund/reverse bodies. */
  merchantId: string;
  /** X-Store-ID. */
  storeId: string;
  /** X-Cash-ID (the kiosk's POS id). */
  cashId: string;
  /** Per-try timeout in ms (default 8000). */
  timeoutMs?: number;
  retry?: SwipRetryConfig;
  /**
   * `posType` sent on every create (the document marks it required but its list of values is
   * cut off; its example "RKEEPER" names the POS software, so the default is "KASSA").
   */
  posType?: string;
}

export type SwipUnit = 'PIECES' | 'KILOGRAMS' | 'LITERS';

export interface SwipPurchase {
  name: string;
  /** The merchant's product id (sku). */
  productId: string;
  /** Sent as is: pieces, or kilograms/litres as a decimal (0.253). */
  quantity: number;
  unit: SwipUnit;
  /** Unit price in cents. */
  priceCents: number;
  /** Line amount in cents (price × quantity, rounded once). */
  amountCents: number;
}

/** UNKNOWN: a status the document does not list; tolerated (treated as not finished) and logged. */
export type SwipOrderStatus = 'OPEN' | 'CLOSED' | 'UNKNOWN';

/** The SWiP Order object, amounts in cents; fields the kiosk does not use are dropped. */
export interface SwipOrder {
  id: string;
  merchantOrderId: string;
  status: SwipOrderStatus;
  /** The status text as SWiP sent it. */
  rawStatus: string;
  /** Amount after discount. */
  totalCents: number;
  /** Amount before discount. */
  totalOriginalCents: number;
  /** Paid in the app (held or captured); 0 when missing. */
  paidCents: number;
  /** Paid in the app but not yet confirmed by the POS (close); 0 when missing. */
  unconfirmedCents: number;
  /** Amount the order was closed with; 0 when missing or still open. */
  closeAmountCents: number;
  refundedCents: number;
  /** QR text to show the customer; null when the server sent none. */
  sessionCode: string | null;
  orderNumber?: string | null;
  paymentMethod?: string | null;
  paymentSystem?: string | null;
  pan?: string | null;
  authorizationCode?: string | null;
  /** Bank slip text, 80 columns wide. */
  slip?: string | null;
  rrn?: string | null;
  /** Alternative payment (cash or the card terminal). */
  cash?: boolean | null;
  /** Text of the last payment error (e.g. declined card). */
  error?: string | null;
}

export interface SwipCreateOrder {
  /** Kassa's id for this order (use newMerchantOrderId()); unique forever. */
  merchantOrderId: string;
  /** Printed on the receipt. */
  merchantOrderNumber?: string;
  cashier: string;
  /** merchantCashierId: a stable UUID per kiosk. */
  cashierId?: string;
  /** Epoch ms. */
  saleDate: number;
  /** After loyalty discount, cents. */
  totalCents: number;
  /** Before discount, cents. */
  totalOriginalCents: number;
  purchases: SwipPurchase[];
  /** QR text when the POS has one; SWiP generates one when omitted. */
  sessionCode?: string;
}

export interface SwipOperationResult {
  status: 'SUCCESS' | 'FAIL';
  slip?: string | null;
  description?: string | null;
  code?: number | null;
}

export interface SwipLoyaltyLine {
  programId: number;
  description: string;
  discountCents: number;
}

export interface SwipLoyaltyResult {
  /** Discount before SWiP's final rounding. */
  discountOriginalCents: number;
  /** Discount to apply. */
  discountCents: number;
  lines: SwipLoyaltyLine[];
  totalBeforeCents: number;
  /** Total after the discount: send this as `totalCents` on create. */
  totalCents: number;
}
