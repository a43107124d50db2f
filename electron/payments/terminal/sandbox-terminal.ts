import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CardTerminal, TerminalRefundResult, TerminalResult } from '../ports';

/**
 * A card terminal that behaves like one for demos and tests: a charge waits until the
 * "customer" taps (approve/decline, or automatically after `autoApproveMs`), and it keeps a
 * ledger of charges and refunds so a restarted kiosk can ask what happened to a reference.
 * With `ledgerFile` the ledger is the terminal's own memory on disk, so it outlives a killed
 * kiosk the way a real terminal does (a charge still waiting for a card dies with the kiosk).
 */
export class SandboxTerminal implements CardTerminal {
  private readonly ledger = new Map<string, TerminalResult>();
  private readonly refunds = new Map<string, { reference: string; amountCents: number; result: TerminalRefundResult }>();
  private readonly waiting = new Map<string, { amountCents: number; resolve: (r: TerminalResult) => void }>();
  constructor(private readonly opts: { autoApproveMs: number | null; ledgerFile?: string } = { autoApproveMs: 1500 }) {
    if (opts.ledgerFile && existsSync(opts.ledgerFile)) {
      const saved = JSON.parse(readFileSync(opts.ledgerFile, 'utf8')) as { charges: Array<[string, TerminalResult]>; refunds: Array<[string, { reference: string; amountCents: number; result: TerminalRefundResult }]> };
      for (const [k, v] of saved.charges) this.ledger.set(k, v);
      for (const [k, v] of saved.refunds) this.refunds.set(k, v);
    }
  }

  private save(): void {
    if (this.opts.ledgerFile) writeFileSync(this.opts.ledgerFile, JSON.stringify({ charges: [...this.ledger], refunds: [...this.refunds] }));
  }

  charge(amountCents: number, reference: string): Promise<TerminalResult> {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return Promise.resolve({ approved: false, reason: 'invalid amount' });
    const known = this.ledger.get(reference);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      this.waiting.set(reference, { amountCents, resolve });
      if (this.opts.autoApproveMs !== null) setTimeout(() => this.approve(reference), this.opts.autoApproveMs).unref?.();
    });
  }

  approve(reference: string): boolean {
    const w = this.waiting.get(reference);
    return this.settle(reference, { approved: true, authCode: `A${reference.replace(/-/g, '').slice(0, 6).toUpperCase()}`, maskedPan: '**** **** **** 4242', ...(w ? { amountCents: w.amountCents } : {}) });
  }

  decline(reference: string, reason = 'declined'): boolean {
    return this.settle(reference, { approved: false, reason });
  }

  pending(): string[] {
    return [...this.waiting.keys()];
  }

  /** Amount waiting at the terminal for a reference (tests and the demo panel). */
  pendingAmount(reference: string): number | null {
    return this.waiting.get(reference)?.amountCents ?? null;
  }

  async lookup(reference: string): Promise<TerminalResult | null> {
    return this.ledger.get(reference) ?? null;
  }

  abort(reference: string): void {
    this.settle(reference, { approved: false, reason: 'aborted' });
  }

  async refund(reference: string, amountCents: number, refundId: string): Promise<TerminalRefundResult> {
    const done = this.refunds.get(refundId);
    if (done) return done.result;
    const charged = this.ledger.get(reference);
    if (!charged || !charged.approved) return { approved: false, reason: 'no approved charge for this reference' };
    const left = (charged.amountCents ?? 0) - (await this.refundedCents(reference));
    const result: TerminalRefundResult = amountCents > 0 && amountCents <= left ? { approved: true, authCode: `R${refundId.replace(/-/g, '').slice(0, 6).toUpperCase()}` } : { approved: false, reason: `at most ${left} cents can be refunded` };
    this.refunds.set(refundId, { reference, amountCents, result });
    this.save();
    return result;
  }

  async refundedCents(reference: string): Promise<number> {
    let s = 0;
    for (const r of this.refunds.values()) if (r.reference === reference && r.result.approved) s += r.amountCents;
    return s;
  }

  /** Charges and refunds, for tests' invariants. */
  entries(): Array<{ reference: string; result: TerminalResult; refundedCents: number }> {
    return [...this.ledger.entries()].map(([reference, result]) => ({
      reference,
      result,
      refundedCents: [...this.refunds.values()].filter((r) => r.reference === reference && r.result.approved).reduce((s, r) => s + r.amountCents, 0),
    }));
  }

  private settle(reference: string, r: TerminalResult): boolean {
    const w = this.waiting.get(reference);
    if (!w) return false;
    this.waiting.delete(reference);
    this.ledger.set(reference, r);
    this.save();
    w.resolve(r);
    return true;
  }
}
