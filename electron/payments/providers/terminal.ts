/**
 * The card terminal behind the payment-provider port. A plain card payment: no SWiP order.
 * The terminal rounds the amount like cash (store.cashRoundingCents) and says so as a named
 * adjustment; an approval is the capture (card-present purchase), so capture only confirms it.
 */
import { divRound } from '../../checkout/money';
import type { Log } from '../../log';
import type { CardTerminal, TerminalResult } from '../ports';
import { ProviderRefused, type MoneyBackResult, type PaymentProvider, type ProviderStatus, type StartPayment, type Started } from '../port';

export class TerminalProvider implements PaymentProvider {
  readonly kind = 'terminal' as const;
  readonly available: boolean;
  /** Charges of this process: the result, once the terminal answered. */
  private readonly charges = new Map<string, { amountCents: number; result: TerminalResult | null }>();

  constructor(
    private readonly terminal: CardTerminal | null,
    private readonly log: Log,
    private readonly roundingStepCents: number,
  ) {
    this.available = terminal !== null;
  }

  async start(p: StartPayment): Promise<Started> {
    const t = this.need();
    const due = this.roundingStepCents > 1 ? divRound(p.basketTotalCents, this.roundingStepCents) * this.roundingStepCents : p.basketTotalCents;
    const charge = { amountCents: due, result: null as TerminalResult | null };
    this.charges.set(p.paymentId, charge);
    void t.charge(due, p.paymentId).then(
      (r) => (charge.result = r),
      (err: unknown) => {
        this.log.warn('terminal charge failed', { reference: p.paymentId, error: err as Error });
        charge.result = { approved: false, reason: 'terminal error' };
      },
    );
    return { ref: p.paymentId, qrText: null, amountDueCents: due, adjustments: due !== p.basketTotalCents ? [{ kind: 'rounding', amountCents: due - p.basketTotalCents }] : [], expiresAfterMs: null };
  }

  async status(ref: string): Promise<ProviderStatus> {
    const c = this.charges.get(ref);
    // The terminal's own record is the truth (also after a restart, when this process knows nothing).
    const r = c?.result ?? (await this.need().lookup(ref));
    if (!r) return { kind: 'awaiting', amountDueCents: c?.amountCents ?? 0, declined: null, ...(this.terminal?.progress?.(ref) === 'checking' ? { checking: true } : {}) };
    if (!r.approved) return { kind: 'declined', reason: r.reason };
    const amount = r.amountCents ?? c?.amountCents ?? 0;
    return { kind: 'paid', amountCents: amount, amountDueCents: amount, details: { method: r.scheme ? r.scheme.toUpperCase() : 'CARD', maskedPan: r.maskedPan, authCode: r.authCode, slip: r.receipt?.customer ?? null } };
  }

  async capture(ref: string, amountCents: number) {
    const s = await this.status(ref);
    if (s.kind !== 'paid') throw new ProviderRefused('terminal', null, `the terminal has no approved charge for ${ref}`);
    return { amountCents: s.amountCents || amountCents, details: s.details };
  }

  async cancel(ref: string): Promise<void> {
    this.need().abort(ref);
  }

  async refund(p: { ref: string; amountCents: number; refundId: string }): Promise<MoneyBackResult> {
    const r = await this.need().refund(p.ref, p.amountCents, p.refundId);
    return r.approved ? { outcome: 'succeeded', slip: null } : { outcome: 'refused', code: null, description: r.reason };
  }

  readonly reverse = null;

  async refundedTotal(ref: string): Promise<number> {
    return this.need().refundedCents(ref);
  }

  private need(): CardTerminal {
    if (!this.terminal) throw new ProviderRefused('terminal', null, 'this kiosk has no card terminal');
    return this.terminal;
  }
}
