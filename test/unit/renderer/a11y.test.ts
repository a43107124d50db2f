import { afterEach, describe, expect, it } from 'vitest';
import { kassaStore, resetKassaStore } from '../../../renderer/store';
import { FIXTURES } from '../../../renderer/fixtures';
import { i18n } from '../../../renderer/i18n';
import { spokenTitle, utteranceFor } from '../../../renderer/a11y/speech';

const s = () => kassaStore.getState();
const basket = (seq: number, sessionId: string | null = 'S-1') => ({ ...FIXTURES.basket!.view('en'), seq, sessionId });
afterEach(() => resetKassaStore());

describe("the customer's accessibility choices", () => {
  it('stay across screens of one session and reset when it ends', () => {
    s().applyView({ ...FIXTURES.attract!.view('en'), seq: 1 });
    s().toggleReach();
    s().nextTextStep();
    s().nextTextStep();
    s().toggleSpeech();
    // Chosen on the attract screen, kept when the session starts and through payment.
    s().applyView(basket(2));
    s().applyView({ ...FIXTURES['payment-waiting']!.view('en'), seq: 3, sessionId: 'S-1' });
    expect({ reach: s().reach, textStep: s().textStep, speech: s().speech }).toEqual({ reach: true, textStep: 2, speech: true });
    s().nextTextStep();
    expect(s().textStep).toBe(0);
    s().nextTextStep();
    // The session ends (back to attract): the next customer starts with the defaults.
    s().applyView({ ...FIXTURES.attract!.view('en'), seq: 4, sessionId: null });
    expect({ reach: s().reach, textStep: s().textStep, speech: s().speech }).toEqual({ reach: false, textStep: 0, speech: false });
  });
});

describe('spoken guidance', () => {
  const t = i18n.getFixedT('en');
  const money = (c: number) => `€${(c / 100).toFixed(2)}`;

  it('says the screen title, the new total and errors, and nothing when nothing changed', () => {
    const a = basket(1);
    expect(utteranceFor(null, a, t, money)).toBe(`Your basket. Total ${money(a.basket.totalCents)}`);
    expect(utteranceFor(a, { ...a, seq: 2 }, t, money)).toBeNull();
    const more = { ...a, seq: 3, basket: { ...a.basket, totalCents: a.basket.totalCents + 100 } };
    expect(utteranceFor(a, more, t, money)).toBe(`Total ${money(more.basket.totalCents)}`);
    const err = { ...more, seq: 4, notice: { id: 9, code: 'product-not-found' as const, tone: 'error' as const, params: { code: '123' } } };
    expect(utteranceFor(more, err, t, money)).toBe(`Product not found — please ask for help. Total ${money(more.basket.totalCents)}`);
    const pay = { ...FIXTURES['payment-waiting']!.view('en'), seq: 5 };
    expect(utteranceFor(err, pay, t, money)).toContain('Scan with the SWiP app');
  });

  it('titles follow the language of the view', () => {
    expect(spokenTitle(FIXTURES['done-printed']!.view('et'), i18n.getFixedT('et'))).toContain('Aitäh');
  });
});
