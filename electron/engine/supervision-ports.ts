import type { LaneAction } from '../store/lane';
import type { Lang } from '../checkout/lang';
import type { Product } from '../checkout/product';
import type { AttentionView, OrderRecordView, PickupOrderView, SmartsCheckView } from '../ipc/view';
import type { LockJournal } from '../journal/locks';

/** Purchase-control decision, as decided by electron/checkout/purchase-control. */
export interface ControlVerdict {
  decision: 'NO' | 'AGE' | 'FULL';
  reasons: Array<{ rule: string; detail: string; sku?: string }>;
}

/** The ports supervision needs; the composition root wires the real ones. */
export interface SupervisionPorts {
  directory: {
    isBadge(text: string): boolean;
    /** True while that badge is locked after too many wrong PINs. */
    isLocked?(badge: string): boolean;
    /** Asynchronous: the scrypt work runs off the engine's thread. */
    verify(badge: string, pin: string): Promise<{ ok: true; supervisor: { badge: string; name: string } } | { ok: false; reason: 'unknown-badge' | 'wrong-pin' | 'locked' | 'inactive'; lockedUntil?: number; attemptsLeft?: number }>;
  };
  audit: { record(e: { at: number; supervisorBadge: string; supervisorName: string; action: string; kioskSessionId: string | null; basketBefore: unknown; basketAfter: unknown; detail: unknown }): number };
  locks: LockJournal;
  /** Decides at Pay whether staff must check the basket. `drawKey` fixes the random draw per session. */
  decide(input: { lines: Array<{ sku: string; category: string; ageLimit: number | null; quantity: number; totalCents: number; lookedUpWeighed?: boolean }>; basketTotalCents: number; voidedLines: number; unknownScans: number; now: number }, drawKey: string): ControlVerdict;
  /** Sale-hour check at scan time. */
  saleAllowed(product: Product, now: number): { allowed: true } | { allowed: false; from: string; to: string };
  /** Minimum age for a product (catalog and store rules), or null. */
  requiredAge(product: { category: string; ageLimit: number | null }): number | null;
  payments: {
    busy: boolean;
    guards: Array<() => void>;
    refund(mid: string, cents: number, reason: string, by: string): Promise<unknown>;
    reverse(mid: string, reason: string, by: string): Promise<unknown>;
    act(mid: string, action: 'retry' | 'resolve-paid' | 'refund' | 'cancel', by: string): Promise<unknown>;
    recentOrders(): OrderRecordView[];
    attention(): AttentionView[];
    /** The kiosk's order number of a payment (for the audit log). */
    orderNo?(mid: string): string | null;
    /** Continues a Pay that a staff check stopped, once the kiosk is free again. */
    resumeAfterCheck?(): boolean;
  } | null;
  receipts: { reprintLast(): void } | null;
  smarts: {
    checks(): SmartsCheckView[];
    resolve(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING', edits: Array<{ index: number; quantity: number }> | undefined, by: string): void;
    /** The store node resolves the check (electron/store/smarts-remote.ts): used instead of `resolve` when present. */
    resolveAsync?(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING', edits: Array<{ index: number; quantity: number }> | undefined, by: string): Promise<void>;
    requestResend(invoiceId: string): Promise<void>;
    /** A supervisor opened a pending check (PENDING goes to Smarts once). */
    open?(invoiceId: string, by: string): void;
    /** Smarts pickup orders, and staff setting their status (sent to Smarts through the outbox). */
    pickups?(): PickupOrderView[];
    setPickupStatus?(id: string, status: 'CONFIRMED' | 'REJECTED' | 'COMPLETED', by: string): void;
    /** Paid Smarts receipts for the order record, newest first. */
    orders?(): OrderRecordView[];
    /** Prints a paid Smarts receipt (a copy if printed before). */
    reprint?(institutionInvoiceId: string): void;
    /** Re-queues a result the gateway refused for good. */
    retryFailed?(invoiceId: string): void;
  } | null;
  deviceStatus(): Record<string, string>;
  /** The staff's language (PIN pad and console), not the customer's; the session's when absent. */
  staffLang?: Lang;
}

/** What an attendant may do from afar: the store seam's `LaneAction` (electron/store/lane.ts, types only), validated by the lane agent. */
export type RemoteStaffAction = LaneAction;

/** A member of staff as the audit log names them. */
export interface StaffIdentity {
  badge: string;
  name: string;
}
