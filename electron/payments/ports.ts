/**
 * What the checkout needs from a payment service, in cents. SwipClient (payments/swip)
 * implements SwipPort; the card terminal port has a sandbox adapter (payments/terminal).
 */
export interface PaymentPurchase {
  name: string;
  productId: string;
  quantity: number;
  unit: 'PIECES' | 'KILOGRAMS' | 'LITERS';
  priceCents: number;
  amountCents: number;
}

export interface PaymentOrder {
  id: string;
  merchantOrderId: string;
  status: 'OPEN' | 'CLOSED';
  totalCents: number;
  paidCents: number;
  closeAmountCents: number;
  refundedCents: number;
  sessionCode: string | null;
  orderNumber?: string | null;
  paymentMethod?: string | null;
  pan?: string | null;
  authorizationCode?: string | null;
  slip?: string | null;
}

export interface SwipPort {
  createOrder(o: { merchantOrderId: string; merchantOrderNumber?: string; cashier: string; saleDate: number; totalCents: number; totalOriginalCents: number; purchases: PaymentPurchase[] }): Promise<PaymentOrder>;
  getOrder(id: string): Promise<PaymentOrder>;
  closeOrder(id: string, amountCents: number, opts?: { rounded?: boolean }): Promise<PaymentOrder>;
  cancelOrder(id: string): Promise<PaymentOrder>;
  refund(merchantOrderId: string, amountCents: number): Promise<{ status: 'SUCCESS' | 'FAIL'; description?: string | null; code?: number | null }>;
  reverse(merchantOrderId: string, amountCents?: number): Promise<{ status: 'SUCCESS' | 'FAIL'; description?: string | null; code?: number | null }>;
  loyaltyCalculation(merchantOrderId: string, purchases: PaymentPurchase[], totalCents: number): Promise<{ discountCents: number; lines: Array<{ programId: number; description: string; discountCents: number }>; totalCents: number }>;
}

export type TerminalResult = { approved: true; authCode: string; maskedPan: string | null } | { approved: false; reason: string };

/** A card terminal (SWiP scenario 2). The real protocol is out of scope; a sandbox adapter exists. */
export interface CardTerminal {
  /** Asks the customer to pay `amountCents` at the terminal; resolves when the terminal answers. */
  charge(amountCents: number, reference: string): Promise<TerminalResult>;
  /** What the terminal knows of a reference (after a crash): approved, declined, or nothing. */
  lookup(reference: string): Promise<TerminalResult | null>;
  /** Stops waiting for the customer (Cancel on the kiosk). */
  abort(reference: string): void;
}
