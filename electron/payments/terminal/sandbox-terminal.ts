import type { CardTerminal, TerminalResult } from '../ports';

/**
 * A card terminal that behaves like one for demos and tests: a charge waits until the
 * "customer" taps (approve/decline, or automatically after `autoApproveMs`), and it keeps a
 * ledger of results so a restarted kiosk can ask what happened to a reference.
 */
export class SandboxTerminal implements CardTerminal {
  private readonly ledger = new Map<string, TerminalResult>();
  private readonly waiting = new Map<string, { amountCents: number; resolve: (r: TerminalResult) => void }>();
  constructor(private readonly opts: { autoApproveMs: number | null } = { autoApproveMs: 1500 }) {}

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
    return this.settle(reference, { approved: true, authCode: `A${reference.replace(/-/g, '').slice(0, 6).toUpperCase()}`, maskedPan: '**** **** **** 4242' });
  }

  decline(reference: string, reason = 'declined'): boolean {
    return this.settle(reference, { approved: false, reason });
  }

  pending(): string[] {
    return [...this.waiting.keys()];
  }

  async lookup(reference: string): Promise<TerminalResult | null> {
    return this.ledger.get(reference) ?? null;
  }

  abort(reference: string): void {
    this.settle(reference, { approved: false, reason: 'aborted' });
  }

  private settle(reference: string, r: TerminalResult): boolean {
    const w = this.waiting.get(reference);
    if (!w) return false;
    this.waiting.delete(reference);
    this.ledger.set(reference, r);
    w.resolve(r);
    return true;
  }
}
