import type { StateCreator } from 'zustand';
import type { KassaState } from './index';

export type SupervisorTab = 'basket' | 'smarts' | 'orders' | 'devices';
export const SUPERVISOR_TABS: readonly SupervisorTab[] = ['basket', 'smarts', 'orders', 'devices'];

/** Longest PIN the engine accepts (4 to 8 digits). */
export const PIN_MAX = 8;
export const PIN_MIN = 4;
/** Refund entry: at most 7 digits of cents (99 999,99). */
const REFUND_MAX_DIGITS = 7;

/** State that only the screen needs (never sent to the engine until an action submits it). */
export interface UiSlice {
  pinDigits: string;
  pinPress(digit: string): void;
  pinBackspace(): void;
  pinClear(): void;
  scanPanelOpen: boolean;
  setScanPanelOpen(open: boolean): void;
  supervisorTab: SupervisorTab;
  setSupervisorTab(tab: SupervisorTab): void;
  confirmStartOver: boolean;
  setConfirmStartOver(open: boolean): void;
  vatOpen: boolean;
  setVatOpen(open: boolean): void;
  /** Refund being keyed in: the order and the amount as cent digits ("1250" = 12.50). */
  refund: { orderId: string; digits: string } | null;
  refundOpen(orderId: string): void;
  refundPress(digit: string): void;
  refundBackspace(): void;
  refundClose(): void;
  /** A money action waiting for the supervisor's confirmation with a reason (refund, reverse, void…). */
  confirm: StaffConfirm | null;
  confirmOpen(c: StaffConfirm): void;
  confirmClose(): void;
  /** Staff edits to a Smarts check's product quantities, by invoice then product index. */
  smartsEdits: Record<string, Record<number, number>>;
  setSmartsQuantity(invoiceId: string, index: number, quantity: number): void;
  clearSmartsEdits(invoiceId: string): void;
  /** The last refused intent, shown on the staff console. */
  lastError: { channel: string; code: string; message: string } | null;
  setLastError(e: UiSlice['lastError']): void;
}

export type StaffConfirm =
  | { kind: 'refund'; orderId: string; amountCents: number }
  | { kind: 'reverse'; orderId: string }
  | { kind: 'void'; lineId: string; name: string }
  | { kind: 'payment'; orderId: string; action: 'retry' | 'resolve-paid' | 'refund' | 'cancel' };

export const createUiSlice: StateCreator<KassaState, [], [], UiSlice> = (set, get) => ({
  pinDigits: '',
  pinPress(digit) {
    if (!/^\d$/.test(digit)) return;
    const cur = get().pinDigits;
    if (cur.length < PIN_MAX) set({ pinDigits: cur + digit });
  },
  pinBackspace() {
    set({ pinDigits: get().pinDigits.slice(0, -1) });
  },
  pinClear() {
    set({ pinDigits: '' });
  },
  scanPanelOpen: false,
  setScanPanelOpen(open) {
    set({ scanPanelOpen: open });
  },
  supervisorTab: 'basket',
  setSupervisorTab(tab) {
    set({ supervisorTab: tab, refund: null });
  },
  confirmStartOver: false,
  setConfirmStartOver(open) {
    set({ confirmStartOver: open });
  },
  vatOpen: false,
  setVatOpen(open) {
    set({ vatOpen: open });
  },
  refund: null,
  refundOpen(orderId) {
    set({ refund: { orderId, digits: '' } });
  },
  refundPress(digit) {
    const r = get().refund;
    if (!r || !/^\d$/.test(digit) || r.digits.length >= REFUND_MAX_DIGITS) return;
    if (r.digits === '' && digit === '0') return;
    set({ refund: { ...r, digits: r.digits + digit } });
  },
  refundBackspace() {
    const r = get().refund;
    if (r) set({ refund: { ...r, digits: r.digits.slice(0, -1) } });
  },
  refundClose() {
    set({ refund: null });
  },
  confirm: null,
  confirmOpen(c) {
    set({ confirm: c });
  },
  confirmClose() {
    set({ confirm: null });
  },
  smartsEdits: {},
  setSmartsQuantity(invoiceId, index, quantity) {
    const all = get().smartsEdits;
    const q = Math.max(0, Math.min(100_000, Math.round(quantity)));
    set({ smartsEdits: { ...all, [invoiceId]: { ...(all[invoiceId] ?? {}), [index]: q } } });
  },
  clearSmartsEdits(invoiceId) {
    const rest = { ...get().smartsEdits };
    delete rest[invoiceId];
    set({ smartsEdits: rest });
  },
  lastError: null,
  setLastError(e) {
    set({ lastError: e });
  },
});
