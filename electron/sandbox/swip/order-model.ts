/** The sandbox's stored order and the payment facts a paid order carries. */
import { randomInt } from 'node:crypto';
import type { PurchaseRequest } from './requests';
import type { LedgerEvent } from './types';

export interface Payment {
  method: string;
  system: string;
  pan: string;
  authorizationCode: string;
  rrn: string;
  orderNumber: string;
  terminalNo: string;
  slip: string;
}

export interface StoredOrder {
  id: string;
  merchantOrderId: string;
  merchantOrderNumber: string | null;
  merchantCashier: string;
  merchantCashierId: string | null;
  merchantCash: string;
  merchantStore: string;
  saleDate: number;
  createdAt: number;
  status: 'OPEN' | 'CLOSED';
  /** SWiP's current total: the POS's total, lowered by a personal discount once the app opened the order. */
  totalCents: number;
  /** The total as the POS sent it on create. */
  posTotalCents: number;
  totalOriginalCents: number;
  /** The app opened the order (scenario steps 3–4); personal loyalty is applied then. */
  opened: boolean;
  /** SWiP's personal discount (posTotal − total), also spread over `purchases[].discountCents`. */
  swipDiscountCents: number;
  posType: string;
  paidCents: number;
  unconfirmedCents: number;
  closeAmountCents: number;
  refundedCents: number;
  reversedCents: number;
  sessionCode: string;
  purchases: Array<PurchaseRequest & { id: string; discountCents: number }>;
  payment: Payment | null;
  /** The customer chose cash / the card terminal in the app (scenario 2). */
  alternative: boolean;
  error: string | null;
  closedAt: number | null;
  captured: boolean;
  events: LedgerEvent[];
}

/** Money SWiP took from the customer's card: the close amount of an app payment. */
export function capturedCents(o: StoredOrder): number {
  return o.status === 'CLOSED' && o.payment !== null && !o.alternative ? o.closeAmountCents : 0;
}

/** n random decimal digits (authorization codes, RRNs, bank order numbers). */
export function digits(n: number): string {
  return Array.from({ length: n }, () => randomInt(10)).join('');
}

export function newSessionCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** "4111111111111111" → "4111 11** **** 1111"; an already masked PAN is kept. */
export function maskPan(pan: string): string {
  const d = pan.replace(/\s+/g, '');
  if (!/^\d{12,19}$/.test(d)) return pan;
  return `${d.slice(0, 4)} ${d.slice(4, 6)}** **** ${d.slice(-4)}`;
}

export function paymentSystem(maskedPan: string): string {
  const first = maskedPan.trim()[0];
  return first === '4' ? 'VISA' : first === '5' || first === '2' ? 'MASTERCARD' : first === '3' ? 'AMEX' : 'OTHER';
}
