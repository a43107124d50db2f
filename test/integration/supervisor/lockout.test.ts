import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { T0, directoryFixture } from './directory-fixture';

describe('SupervisorDirectory lock-out on a temp SQLite file', () => {
  const fx = directoryFixture();
  const open = () => fx.open();

  it('five wrong PINs lock the badge: locked even with the right PIN at 4:59, open again at 5:00', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    sup.upsert('SUP-0002', 'Jaan', '5678');
    for (let i = 0; i < 4; i++) expect(await sup.verify('SUP-0001', '0000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 - i });
    expect(await sup.verify('SUP-0001', '0000')).toEqual({ ok: false, reason: 'locked', lockedUntil: T0 + 300_000, attemptsLeft: 0 });

    fx.now = T0 + 299_000; // 4:59
    expect(await sup.verify('SUP-0001', '1234')).toEqual({ ok: false, reason: 'locked', lockedUntil: T0 + 300_000, attemptsLeft: 0 });
    // Only THAT badge is locked.
    expect((await sup.verify('SUP-0002', '5678')).ok).toBe(true);

    fx.now = T0 + 300_000; // 5:00
    expect((await sup.verify('SUP-0001', '1234')).ok).toBe(true);
  });

  it('after a lock runs out the count starts again from zero', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    for (let i = 0; i < 5; i++) await sup.verify('SUP-0001', '0000');
    fx.now = T0 + 300_000;
    expect(await sup.verify('SUP-0001', '0000')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('a success resets the count, so failures must be consecutive', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    for (let i = 0; i < 4; i++) await sup.verify('SUP-0001', '0000');
    expect((await sup.verify('SUP-0001', '1234')).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await sup.verify('SUP-0001', '0000')).toMatchObject({ reason: 'wrong-pin' });
    expect((await sup.verify('SUP-0001', '1234')).ok).toBe(true);
  });

  it('the failure count persists across a restart (reopen of the file)', async () => {
    let sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    for (let i = 0; i < 3; i++) await sup.verify('SUP-0001', '0000');
    fx.db.close();
    sup = open();
    expect(await sup.verify('SUP-0001', '0000')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 1 });
    expect(await sup.verify('SUP-0001', '0000')).toMatchObject({ reason: 'locked' });
    fx.db.close();
    sup = open();
    expect(await sup.verify('SUP-0001', '1234')).toMatchObject({ ok: false, reason: 'locked', lockedUntil: T0 + 300_000 });
  });

  it('the failure is on disk before verify returns (a second connection sees it)', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    await sup.verify('SUP-0001', '0000');
    const other = new BetterSqlite3(fx.file, { readonly: true });
    try {
      expect(other.prepare('SELECT failures FROM login_failures WHERE badge = ?').get('SUP-0001')).toEqual({ failures: 1 });
    } finally {
      other.close();
    }
  });

  it('setPin changes the PIN, lifts a lock, and refuses an unknown badge', async () => {
    const sup = open();
    sup.upsert('SUP-0001', 'Mari', '1234');
    for (let i = 0; i < 5; i++) await sup.verify('SUP-0001', '0000');
    sup.setPin('SUP-0001', '24680');
    expect(await sup.verify('SUP-0001', '1234')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
    expect((await sup.verify('SUP-0001', '24680')).ok).toBe(true);
    expect(() => sup.setPin('SUP-0404', '1234')).toThrow(expect.objectContaining({ code: 'unknown-badge' }));
  });
});
