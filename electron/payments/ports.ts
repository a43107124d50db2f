/**
 * The card terminal device port (SWiP scenario 2 and plain card payments). The real protocol
 * (nexo Retailer) comes later; today a sandbox adapter implements it (payments/terminal). The
 * checkout never talks to it directly: providers/terminal.ts puts it behind the payment port.
 */
export type TerminalResult = { approved: true; authCode: string; maskedPan: string | null; amountCents?: number; scheme?: string | null; receipt?: TerminalReceipt } | { approved: false; reason: string };

/** The terminal's own receipt texts (printed on the kiosk receipt); null when it sent none. */
export interface TerminalReceipt {
  merchant: string | null;
  customer: string | null;
}

/** The terminal's health for the staff Devices tab (nexo Diagnosis). */
export interface TerminalHealth {
  state: 'ok' | 'busy' | 'maintenance' | 'host-unreachable' | 'offline' | 'error';
  detail: string | null;
}

export type TerminalRefundResult = { approved: true; authCode: string } | { approved: false; reason: string };

export interface CardTerminal {
  /** Asks the customer to pay `amountCents` at the terminal; resolves when the terminal answers. */
  charge(amountCents: number, reference: string): Promise<TerminalResult>;
  /** What the terminal knows of a reference (after a crash): approved, declined, or nothing. */
  lookup(reference: string): Promise<TerminalResult | null>;
  /** Stops waiting for the customer (Cancel on the kiosk). */
  abort(reference: string): void;
  /** Refunds part or all of an approved charge; `refundId` makes a repeated request harmless. */
  refund(reference: string, amountCents: number, refundId: string): Promise<TerminalRefundResult>;
  /** Cents refunded so far for a reference (start-up reconciliation of refunds). */
  refundedCents(reference: string): Promise<number>;
  /** Health check (optional: the sandbox has none). Never throws. */
  diagnose?(): Promise<TerminalHealth>;
  /** "checking": the answer to a charge was lost or late and the terminal is being asked what happened. */
  progress?(reference: string): 'checking' | null;
}
