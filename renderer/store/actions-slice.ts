import type { StateCreator } from 'zustand';
import type { IntentName, IntentPayload, IntentResult } from '../../electron/ipc/contract';
import type { Lang } from '../../electron/checkout/lang';
import { currentApi } from './api';
import type { KassaState } from './index';
import { PIN_MIN } from './ui-slice';

type Res = Promise<IntentResult>;

/** Every intent the screens may send. Each resolves to the engine's answer; a lost link answers `disconnected`. */
export interface ActionsSlice {
  invoke<C extends IntentName>(channel: C, payload: IntentPayload<C>): Res;
  startSession(lang?: Lang): Res;
  setLanguage(lang: Lang): Res;
  activity(): Res;
  cancelSession(): Res;
  scan(code: string, source: 'wedge' | 'panel'): Res;
  setQuantity(lineId: string, quantity: number): Res;
  removeLine(lineId: string): Res;
  dismissNotice(id: number): Res;
  callAssistance(): Res;
  pay(method: 'swip' | 'terminal' | 'inpost'): Res;
  cancelPayment(): Res;
  back(): Res;
  finish(): Res;
  /** Sends the keyed-in PIN (4–8 digits) and clears it; shorter PINs are not sent. */
  submitPin(): Res;
  supervisorLogout(): Res;
  approveAge(): Res;
  passCheck(): Res;
  failCheck(): Res;
  /** Asks for a confirmation with a reason (ui.confirm), then voids the line (confirmWith). */
  voidLine(lineId: string, name?: string): Res;
  supervisorSetQuantity(lineId: string, quantity: number): Res;
  supervisorCancelSession(): Res;
  reprintLast(): Res;
  /** The customer's call for help: staff saw it; then staff are done. */
  acknowledgeHelp(): Res;
  finishHelp(): Res;
  /** Asks for confirmation (with a reason) to refund the keyed-in amount (ui.refund). */
  submitRefund(): Res;
  /** Asks for confirmation (with a reason) to reverse what is left of an order. */
  reverse(merchantOrderId: string): Res;
  /** Sends the confirmed money action (ui.confirm) with the supervisor's reason. */
  confirmWith(reason: string): Res;
  /** Resolves a Smarts check with the staff's product edits, if any. */
  resolveSmarts(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT' | 'CANCEL_SHOPPING'): Res;
  resendSmarts(invoiceId: string): Res;
  /** Tells the kiosk a supervisor opened a pending Smarts check (PENDING goes to Smarts once). */
  openSmarts(invoiceId: string): Res;
  /** Sends again a Smarts result the gateway refused. */
  retrySmarts(invoiceId: string): Res;
  /** Prints (a copy of) a paid Smarts receipt. */
  reprintSmarts(institutionInvoiceId: string): Res;
  /** Sets a Smarts pickup order's status (sent to Smarts). */
  pickupStatus(id: string, status: 'CONFIRMED' | 'REJECTED' | 'COMPLETED'): Res;
}

const refused = (code: string, message: string): IntentResult => ({ ok: false, error: { code, message } });

export const createActionsSlice: StateCreator<KassaState, [], [], ActionsSlice> = (_set, get) => ({
  async invoke(channel, payload) {
    let r: IntentResult;
    try {
      r = await currentApi().invoke(channel, payload);
    } catch (e) {
      r = refused('disconnected', e instanceof Error ? e.message : String(e));
    }
    if (r.ok && r.view) get().applyView(r.view);
    if (!r.ok && channel.startsWith('supervisor/')) get().setLastError({ channel, ...r.error });
    else if (r.ok && channel.startsWith('supervisor/')) get().setLastError(null);
    return r;
  },
  startSession: (lang) => get().invoke('session/start', lang ? { lang } : {}),
  setLanguage: (lang) => get().invoke('session/setLanguage', { lang }),
  activity: () => get().invoke('session/activity', {}),
  cancelSession: () => {
    get().setConfirmStartOver(false);
    return get().invoke('session/cancel', {});
  },
  scan: (code, source) => get().invoke('basket/scan', { code, source }),
  setQuantity: (lineId, quantity) => get().invoke('basket/setQuantity', { lineId, quantity }),
  removeLine: (lineId) => get().invoke('basket/removeLine', { lineId }),
  dismissNotice: (id) => get().invoke('notice/dismiss', { id }),
  callAssistance: () => get().invoke('assistance/call', {}),
  pay: (method) => get().invoke('checkout/pay', { method }),
  cancelPayment: () => get().invoke('checkout/cancelPayment', {}),
  back: () => get().invoke('checkout/back', {}),
  finish: () => get().invoke('checkout/finish', {}),
  submitPin: () => {
    const pin = get().pinDigits;
    if (pin.length < PIN_MIN) return Promise.resolve(refused('pin-too-short', `a PIN has at least ${PIN_MIN} digits`));
    get().pinClear();
    return get().invoke('supervisor/pin', { pin });
  },
  supervisorLogout: () => get().invoke('supervisor/logout', {}),
  approveAge: () => get().invoke('supervisor/approveAge', {}),
  passCheck: () => get().invoke('supervisor/passCheck', {}),
  failCheck: () => get().invoke('supervisor/failCheck', {}),
  async voidLine(lineId, name = '') {
    get().confirmOpen({ kind: 'void', lineId, name });
    return { ok: true };
  },
  supervisorSetQuantity: (lineId, quantity) => get().invoke('supervisor/setQuantity', { lineId, quantity }),
  supervisorCancelSession: () => get().invoke('supervisor/cancelSession', {}),
  reprintLast: () => get().invoke('supervisor/reprintLast', {}),
  acknowledgeHelp: () => get().invoke('supervisor/acknowledgeHelp', {}),
  finishHelp: () => get().invoke('supervisor/finishHelp', {}),
  async submitRefund() {
    const r = get().refund;
    const amountCents = r ? Number(r.digits) : 0;
    if (!r || !Number.isSafeInteger(amountCents) || amountCents <= 0) return refused('refund-amount', 'key in an amount first');
    get().confirmOpen({ kind: 'refund', orderId: r.orderId, amountCents });
    return { ok: true };
  },
  async reverse(merchantOrderId) {
    get().confirmOpen({ kind: 'reverse', orderId: merchantOrderId });
    return { ok: true };
  },
  async confirmWith(reason) {
    const c = get().confirm;
    if (!c) return refused('nothing-to-confirm', 'nothing to confirm');
    const res =
      c.kind === 'void'
        ? await get().invoke('supervisor/voidLine', { lineId: c.lineId, reason })
        : c.kind === 'refund'
        ? await get().invoke('supervisor/refund', { merchantOrderId: c.orderId, amountCents: c.amountCents, reason })
        : c.kind === 'reverse'
          ? await get().invoke('supervisor/reverse', { merchantOrderId: c.orderId, reason })
          : await get().invoke('supervisor/paymentAction', { merchantOrderId: c.orderId, action: c.action, reason });
    get().confirmClose();
    if (res.ok && c.kind === 'refund') get().refundClose();
    return res;
  },
  async resolveSmarts(invoiceId, status) {
    const edits = get().smartsEdits[invoiceId];
    const products = edits ? Object.entries(edits).map(([index, quantity]) => ({ index: Number(index), quantity })) : undefined;
    const res = await get().invoke('supervisor/resolveSmarts', products ? { invoiceId, status, products } : { invoiceId, status });
    if (res.ok) get().clearSmartsEdits(invoiceId);
    return res;
  },
  resendSmarts: (invoiceId) => get().invoke('supervisor/resendSmarts', { invoiceId }),
  openSmarts: (invoiceId) => get().invoke('supervisor/openSmarts', { invoiceId }),
  retrySmarts: (invoiceId) => get().invoke('supervisor/retrySmarts', { invoiceId }),
  reprintSmarts: (institutionInvoiceId) => get().invoke('supervisor/reprintSmarts', { institutionInvoiceId }),
  pickupStatus: (id, status) => get().invoke('supervisor/pickupStatus', { id, status }),
});
