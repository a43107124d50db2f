import { describe, expect, it } from 'vitest';
import { staffDone } from '../../../electron/engine/staff-feedback';

describe('staff action confirmations', () => {
  it('a refund names the order and the amount; a refusal by the provider says so', () => {
    const refund = { refund: { amountCents: 250, state: 'succeeded' } };
    expect(staffDone('refund', { orderNo: 'K01-0007', amountCents: 250 }, refund, 5)).toEqual({ action: 'refund', outcome: 'succeeded', orderNo: 'K01-0007', amountCents: 250, at: 5 });
    expect(staffDone('reverse', { orderNo: 'K01-0007' }, { refund: { amountCents: 900, state: 'refused' } }, 6)).toMatchObject({ outcome: 'refused', amountCents: 900 });
  });

  it('reprint and payment actions are confirmed; basket edits show their result in the basket instead', () => {
    expect(staffDone('reprint-last', null, null, 1)).toMatchObject({ action: 'reprint-last', outcome: 'succeeded', orderNo: null });
    expect(staffDone('payment-retry', { orderNo: 'K01-0001' }, 'closed', 1)).toMatchObject({ action: 'payment-retry', orderNo: 'K01-0001' });
    expect(staffDone('void-line', null, null, 1)).toBeNull();
  });
});
