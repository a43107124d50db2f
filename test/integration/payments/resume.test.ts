/** After staff pass the check that stopped Pay, the customer goes straight on to paying (no second Pay). */
import { afterEach, describe, expect, it } from 'vitest';
import { IntentRefused } from '../../../electron/engine/engine';
import { BREAD, MILK, startPaymentHarness } from './harness';

type H = Awaited<ReturnType<typeof startPaymentHarness>>;
let h: H | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** A staff check that refuses Pay until `locked` is cleared (as Supervision's guard does). */
function checkGuard(h: H) {
  const state = { locked: true };
  h.flow.guards.push(() => {
    if (state.locked) throw new IntentRefused('locked', 'a purchase check is required');
  });
  return state;
}

describe('continue to payment after a passed check', () => {
  it('the Pay the check stopped starts by itself with "you can pay now", the way the customer chose', async () => {
    h = await startPaymentHarness();
    const check = checkGuard(h);
    await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' });
    expect(await h.engine.dispatch('checkout/pay', { method: 'terminal' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.engine.state).toBe('shopping');
    check.locked = false;
    expect(h.staff.resumeAfterCheck()).toBe(true);
    expect(h.engine.view().notice).toMatchObject({ code: 'pay-now', tone: 'success' });
    await h.until(() => h!.engine.view().payment?.method === 'terminal' && h!.engine.state === 'paying', 'terminal payment');
    // Only once.
    expect(h.staff.resumeAfterCheck()).toBe(false);
  });

  it('nothing resumes for another customer, or while the check still refuses', async () => {
    h = await startPaymentHarness();
    const check = checkGuard(h);
    await h.engine.dispatch('basket/scan', { code: BREAD, source: 'panel' });
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    // Still refused: no payment, no notice of success.
    expect(h.staff.resumeAfterCheck()).toBe(false);
    expect(h.engine.view().payment).toBeNull();
    expect(h.engine.view().notice?.code).not.toBe('pay-now');
    // A new session: the old Pay is forgotten.
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.engine.dispatch('session/cancel', {});
    await h.engine.dispatch('basket/scan', { code: BREAD, source: 'panel' });
    check.locked = false;
    expect(h.staff.resumeAfterCheck()).toBe(false);
    expect(h.engine.view().payment).toBeNull();
  });
});
