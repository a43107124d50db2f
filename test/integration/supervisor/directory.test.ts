import { describe, expect, it } from 'vitest';
import { directoryFixture } from './directory-fixture';
import { SupervisorInputError, hashPin } from '../../../electron/supervisor';

describe('SupervisorDirectory on a temp SQLite file', () => {
  const fx = directoryFixture();
  const open = () => fx.open();

  it('upsert then verify: right PIN ok, wrong PIN counts down, unknown badge refused', async () => {
    const sup = open();
    sup.upsert('SUP-0001', '  Mari  ', '1234');
    expect(await sup.verify('SUP-0001', '1234')).toEqual({ ok: true, supervisor: { badge: 'SUP-0001', name: 'Mari' } });
    expect(await sup.verify('SUP-0001', '9999')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    expect(await sup.verify('SUP-0001', '9998')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 3 });
    expect(await sup.verify('SUP-9999', '1234')).toEqual({ ok: false, reason: 'unknown-badge' });
    expect(sup.list()).toEqual([{ badge: 'SUP-0001', name: 'Mari', active: true }]);
  });

  it('upsert of an existing badge replaces name and PIN', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    sup.upsert('SUP-0001', 'Mari Maasikas', '654321');
    expect(await sup.verify('SUP-0001', '1234')).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await sup.verify('SUP-0001', '654321')).toEqual({ ok: true, supervisor: { badge: 'SUP-0001', name: 'Mari Maasikas' } });
  });





  it('an inactive badge is refused even with the right PIN and is not a badge for the scanner', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    expect(sup.isBadge('SUP-0001')).toBe(true);
    sup.setActive('SUP-0001', false);
    expect(await sup.verify('SUP-0001', '1234')).toEqual({ ok: false, reason: 'inactive' });
    expect(sup.isBadge('SUP-0001')).toBe(false);
    expect(sup.isBadge('4740012345678')).toBe(false);
    expect(sup.list()).toEqual([{ badge: 'SUP-0001', name: 'Mari', active: false }]);
    sup.setActive('SUP-0001', true);
    expect((await sup.verify('SUP-0001', '1234')).ok).toBe(true);
  });

  it.each([
    ['SUP-0001', 'Mari', '123', 'bad-pin'],
    ['SUP-0001', 'Mari', '123456789', 'bad-pin'],
    ['SUP-0001', 'Mari', '12a4', 'bad-pin'],
    ['SU', 'Mari', '1234', 'bad-badge'],
    ['x'.repeat(65), 'Mari', '1234', 'bad-badge'],
    ['SUP\n01', 'Mari', '1234', 'bad-badge'],
    [' SUP-0001', 'Mari', '1234', 'bad-badge'],
    ['SUP-0001', '   ', '1234', 'bad-name'],
  ])('upsert(%j, %j, %j) is refused with %s', (badge, name, pin, code) => {
    const sup = open();
    expect(() => sup.upsert(badge, name, pin)).toThrow(SupervisorInputError);
    expect(() => sup.upsert(badge, name, pin)).toThrow(expect.objectContaining({ code }));
    expect(sup.list()).toEqual([]);
  });

  it('never logs the PIN or the hash', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '918273');
    await sup.verify('SUP-0001', '918273');
    await sup.verify('SUP-0001', '564738');
    await sup.verify('918273', '918273'); // PIN typed into the badge field
    sup.setPin('SUP-0001', '112233');
    const text = JSON.stringify(fx.log.lines);
    expect(fx.log.lines.length).toBeGreaterThan(3);
    for (const secret of ['918273', '564738', '112233', 'scrypt$']) expect(text).not.toContain(secret);
  });

  it('loadSupervisorsFromConfig upserts by hash and does not lift a lock when the hash is unchanged', async () => {
    const sup = open();
    const h1 = hashPin('1234');
    expect(sup.loadSupervisorsFromConfig([{ badge: 'SUP-0100', name: 'Config Kati', pinHash: h1 }])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect((await sup.verify('SUP-0100', '1234')).ok).toBe(true);
    for (let i = 0; i < 5; i++) await sup.verify('SUP-0100', '0000');
    // A restart re-reads the same config: still locked.
    expect(sup.loadSupervisorsFromConfig([{ badge: 'SUP-0100', name: 'Config Kati', pinHash: h1 }])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(await sup.verify('SUP-0100', '1234')).toMatchObject({ reason: 'locked' });
    // A new hash from the office is an admin change: new PIN, lock lifted.
    const h2 = hashPin('4321');
    expect(sup.loadSupervisorsFromConfig([{ badge: 'SUP-0100', name: 'Config Kati', pinHash: h2, active: true }])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect((await sup.verify('SUP-0100', '4321')).ok).toBe(true);
  });

  it('loadSupervisorsFromConfig rejects a bad hash and changes nothing', async () => {
    const sup = open();
    expect(() =>
      sup.loadSupervisorsFromConfig([
        { badge: 'SUP-0100', name: 'Kati', pinHash: hashPin('1234') },
        { badge: 'SUP-0101', name: 'Toomas', pinHash: '1234' },
      ]),
    ).toThrow(/supervisors\[1\]\.pinHash/);
    expect(sup.list()).toEqual([]);
  });

  it('unknown badge and wrong PIN take similar time (both run scrypt)', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    const median = async (f: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await f();
        runs.push(performance.now() - t);
      }
      return runs.sort((a, b) => a - b)[1]!;
    };
    const unknown = await median(() => sup.verify('SUP-NOPE', '0000'));
    const wrong = await median(() => sup.verify('SUP-0001', '0000')); // 3 failures: not yet locked
    // A lookup without scrypt would be ~100x faster; allow a generous factor for noisy CI.
    expect(unknown / wrong).toBeGreaterThan(0.2);
    expect(unknown / wrong).toBeLessThan(5);
  });
});
