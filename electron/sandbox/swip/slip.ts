/** Bank slip texts (at most 80 columns), like the acquirer's text SWiP passes on. */

export const SLIP_WIDTH = 80;

export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function row(label: string, value: string): string {
  return `${label.padEnd(16)}${value}`.slice(0, SLIP_WIDTH);
}

function center(text: string): string {
  const pad = Math.max(0, Math.floor((SLIP_WIDTH - text.length) / 2));
  return (' '.repeat(pad) + text).slice(0, SLIP_WIDTH);
}

export interface SlipFacts {
  operation: 'PURCHASE (HOLD)' | 'REFUND' | 'REVERSAL';
  merchantName: string;
  merchantId: string;
  store: string;
  terminalNo: string;
  at: number;
  paymentSystem: string;
  pan: string;
  amountCents: number;
  authorizationCode: string;
  rrn: string;
  orderNumber: string;
}

export function slipText(f: SlipFacts): string {
  const rule = '-'.repeat(SLIP_WIDTH);
  return [
    center('SWiP'),
    center(f.merchantName),
    rule,
    row('Merchant:', `${f.merchantId} / store ${f.store}`),
    row('Terminal:', f.terminalNo),
    row('Date:', new Date(f.at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'),
    row('Operation:', f.operation),
    row('Card:', `${f.paymentSystem} ${f.pan}`),
    row('Amount:', `EUR ${euro(f.amountCents)}`),
    row('Auth code:', f.authorizationCode),
    row('RRN:', f.rrn),
    row('Order:', f.orderNumber),
    rule,
    center('APPROVED'),
    center('SANDBOX - NOT A REAL PAYMENT'),
  ].join('\n');
}
