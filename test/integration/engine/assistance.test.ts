import { afterEach, describe, expect, it } from 'vitest';
import { BADGE, CODES, PIN, startEngine, type EngineHarness } from './harness';

let h: EngineHarness;
afterEach(() => h?.close());
const scan = (code: string) => h.engine.dispatch('basket/scan', { code, source: 'panel' });
const login = async () => {
  await scan(BADGE);
  expect((await h.engine.dispatch('supervisor/pin', { pin: PIN })).ok).toBe(true);
};

describe("the customer's call for help", () => {
  it('survives sign-in, is shown with its age, acknowledged (audited) and finished by staff', async () => {
    h = startEngine();
    await scan(CODES.milk);
    const t0 = h.clock.now();
    await h.engine.dispatch('assistance/call', {});
    expect(h.engine.view().assistance).toEqual({ requested: true, acknowledged: false, since: t0 });
    h.clock.advance(3 * 60_000 + 5_000);
    // Pressing Help again keeps the first time.
    await h.engine.dispatch('assistance/call', {});
    expect(h.engine.view().assistance.since).toBe(t0);
    await login();
    const v = h.engine.view();
    expect(v.assistance).toEqual({ requested: true, acknowledged: false, since: t0 });
    expect(v.supervisor?.help).toEqual({ minutes: 3, acknowledgedBy: null });
    expect((await h.engine.dispatch('supervisor/acknowledgeHelp', {})).ok).toBe(true);
    expect(h.engine.view().assistance).toEqual({ requested: true, acknowledged: true, since: t0 });
    expect(h.engine.view().supervisor?.help).toEqual({ minutes: 3, acknowledgedBy: 'Mari Maasikas' });
    expect(await h.engine.dispatch('supervisor/acknowledgeHelp', {})).toMatchObject({ ok: false, error: { code: 'already-acknowledged' } });
    const ack = h.audit.list().find((e) => e.action === 'assistance-acknowledged');
    expect(ack).toMatchObject({ supervisorBadge: BADGE, supervisorName: 'Mari Maasikas', detail: { via: 'kiosk-console', waitedMs: 3 * 60_000 + 5_000 } });
    expect((await h.engine.dispatch('supervisor/finishHelp', {})).ok).toBe(true);
    expect(h.engine.view().assistance).toEqual({ requested: false, acknowledged: false, since: null });
    expect(h.engine.view().supervisor?.help).toBeNull();
    expect(h.audit.list().map((e) => e.action)).toEqual(['login', 'assistance-acknowledged', 'assistance-finished']);
  });

  it('signing out without acknowledging leaves the call waiting; after acknowledging, sign-out finishes it', async () => {
    h = startEngine();
    await scan(CODES.milk);
    await h.engine.dispatch('assistance/call', {});
    await login();
    await h.engine.dispatch('supervisor/logout', {});
    expect(h.engine.view().assistance).toMatchObject({ requested: true, acknowledged: false });
    await login();
    await h.engine.dispatch('supervisor/acknowledgeHelp', {});
    await h.engine.dispatch('supervisor/logout', {});
    expect(h.engine.view().assistance).toMatchObject({ requested: false, acknowledged: false });
    expect(h.audit.list().map((e) => e.action)).toEqual(['login', 'logout', 'login', 'assistance-acknowledged', 'assistance-finished', 'logout']);
  });

  it('a remote console acknowledges through acknowledgeAssistance: the customer is told help is on the way', async () => {
    h = startEngine();
    await scan(CODES.milk);
    // Without a call there is nothing to acknowledge, and nothing is audited.
    expect(() => h.supervision.acknowledgeAssistance({ badge: 'ATT-7', name: 'Jaan' }, 'attendant:tablet-2')).toThrow(/nobody is asking/);
    await h.engine.dispatch('assistance/call', {});
    expect(() => h.supervision.acknowledgeAssistance({ badge: '', name: 'Jaan' }, 'attendant:tablet-2')).toThrow(/printable/);
    expect(() => h.supervision.acknowledgeAssistance({ badge: 'ATT-7', name: 'Jaan' }, 'x'.repeat(65))).toThrow(/printable/);
    h.clock.advance(40_000);
    h.supervision.acknowledgeAssistance({ badge: 'ATT-7', name: 'Jaan' }, 'attendant:tablet-2');
    const v = h.engine.view();
    expect(v.assistance).toMatchObject({ requested: true, acknowledged: true });
    expect(v.notice).toMatchObject({ code: 'assistance-acknowledged' });
    expect(h.audit.list()).toEqual([expect.objectContaining({ action: 'assistance-acknowledged', supervisorBadge: 'ATT-7', supervisorName: 'Jaan', detail: { via: 'attendant:tablet-2', waitedMs: 40_000 } })]);
    // The customer may keep shopping meanwhile; the remote console finishes the call (audited).
    expect((await scan(CODES.bread)).ok).toBe(true);
    h.supervision.finishAssistance({ badge: 'ATT-7', name: 'Jaan' }, 'attendant:tablet-2');
    expect(h.engine.view().assistance).toEqual({ requested: false, acknowledged: false, since: null });
    expect(h.audit.list().map((e) => [e.action, e.supervisorBadge])).toEqual([['assistance-acknowledged', 'ATT-7'], ['assistance-finished', 'ATT-7']]);
    // The end of a session ends a call nobody acknowledged.
    await h.engine.dispatch('assistance/call', {});
    await h.engine.dispatch('session/cancel', {});
    expect(h.engine.view().assistance).toEqual({ requested: false, acknowledged: false, since: null });
  });

  it('Help pressed on the attract screen stays raised when the customer starts scanning', async () => {
    h = startEngine();
    await h.engine.dispatch('assistance/call', {});
    await scan(CODES.milk);
    expect(h.engine.view().state).toBe('shopping');
    expect(h.engine.view().assistance.requested).toBe(true);
  });
});

describe('the staff console in the staff language', () => {
  it("names the basket's products in languages.staff while the customer reads their own", async () => {
    h = startEngine({ staffLang: 'et' });
    await h.engine.dispatch('session/setLanguage', { lang: 'pl' });
    await scan(CODES.milk);
    await scan(CODES.bread);
    await login();
    const v = h.engine.view();
    expect(v.basket.lines.map((l) => l.name)).toEqual(['Milk (pl)', 'Bread (pl)']);
    expect(v.supervisor?.lang).toBe('et');
    expect(v.supervisor?.lineNames).toEqual({ [v.basket.lines[0]!.id]: 'Milk (et)', [v.basket.lines[1]!.id]: 'Bread (et)' });
  });
});
