/**
 * The local integration's message protection over real HTTP: the nexo adapter sealing with a
 * shared key (payments/terminal/nexo/crypto.ts) against the simulator opening with its own
 * implementation (sandbox/terminal/security.ts). What travels is a NexoBlob; a key that does not
 * match is refused by the terminal ("crypto error", HTTP 401) and nothing is charged.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalJournal } from '../../../electron/journal/terminal';
import { memoryLog } from '../../../electron/log';
import { httpPost, NexoSealer, NexoTerminal, sealedPost, type NexoSharedKey, type Post } from '../../../electron/payments/terminal/nexo';
import { TerminalSimulator } from '../../../electron/sandbox/terminal';

const POIID = 'V400m-324688179';
const KEY: NexoSharedKey = { keyIdentifier: 'KassaKey01', keyVersion: 1, passphrase: 'shared-passphrase-42' };

const open: Array<{ sim: TerminalSimulator; t: NexoTerminal }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.t.stop();
    await o.sim.close();
  }
});

async function rig(kioskKey: NexoSharedKey) {
  const sim = await TerminalSimulator.start({ poiId: POIID, sharedKey: KEY });
  const raw: string[] = [];
  const http = httpPost({ url: sim.nexoUrl, apiKey: null, caPem: null });
  // What leaves the kiosk, as the wire carries it.
  const wire: Post = (m, ms) => {
    raw.push(JSON.stringify(m));
    return http(m, ms);
  };
  const log = memoryLog();
  const t = new NexoTerminal(
    { poiId: POIID, saleId: 'K01', currency: 'EUR', paymentTimeoutMs: 3000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 20, maxMs: 80 } },
    sealedPost(wire, new NexoSealer(kioskKey)),
    new TerminalJournal(new Database(':memory:')),
    log,
  );
  open.push({ sim, t });
  return { sim, t, raw, log };
}

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('nexo adapter with a shared key (NexoBlob + SecurityTrailer)', () => {
  it('pays, checks health and reverses over protected messages; no amount or card data in clear on the wire', async () => {
    const { sim, t, raw } = await rig(KEY);
    expect(await t.diagnose()).toEqual({ state: 'ok', detail: null });
    const p = t.charge(1999, '00000000-0000-4000-8000-000000000001');
    await until(() => sim.view().stage === 'present-card', 'the terminal to show the amount');
    sim.terminal.insertCard();
    sim.terminal.enterPin('1234');
    sim.terminal.approve();
    expect(await p).toMatchObject({ approved: true, amountCents: 1999, maskedPan: '411111 **** 1111' });
    expect(await t.refund('00000000-0000-4000-8000-000000000001', 1999, 'refund-1')).toMatchObject({ approved: true });
    expect(sim.ledger()).toMatchObject([{ state: 'reversed', authorizedCents: 1999, reversedCents: 1999 }]);
    expect(raw.length).toBeGreaterThanOrEqual(3);
    for (const body of raw) {
      expect(body).toContain('"NexoBlob"');
      expect(body).toContain('"KeyIdentifier":"KassaKey01"');
      expect(body).not.toMatch(/19\.99|RequestedAmount|ReversedAmount/);
    }
    expect(sim.cryptoRefusals()).toEqual([]);
  });

  it('a wrong passphrase: the terminal refuses (crypto error), nothing is charged, the log says why and never shows the passphrase', async () => {
    const { sim, t, log } = await rig({ ...KEY, passphrase: 'not-the-shared-one' });
    const started = Date.now();
    expect(await t.charge(500, '00000000-0000-4000-8000-000000000002')).toEqual({ approved: false, reason: 'terminal-unreachable' });
    expect(Date.now() - started).toBeLessThan(2000); // refused at once, not asked about for ever
    expect(sim.ledger()).toEqual([]);
    expect(sim.cryptoRefusals()).toHaveLength(1);
    expect(['cannot-decrypt', 'hmac-mismatch']).toContain(sim.cryptoRefusals()[0]);
    const text = JSON.stringify(log.lines);
    expect(text).toMatch(/refused the message protection \(Nexo Service: crypto error \(9\)\)/);
    expect(text).not.toContain('not-the-shared-one');
    expect(text).not.toContain(KEY.passphrase);
    // The staff Devices tab sees a fault to fix, not an offline terminal.
    expect(await t.diagnose()).toMatchObject({ state: 'error', detail: expect.stringMatching(/refused the message protection/) });
  });

  it('an unknown key identifier is refused by the terminal the same way', async () => {
    const { sim, t } = await rig({ ...KEY, keyIdentifier: 'OldKey' });
    expect(await t.charge(500, '00000000-0000-4000-8000-000000000003')).toEqual({ approved: false, reason: 'terminal-unreachable' });
    expect(sim.cryptoRefusals()).toEqual(['unknown-key']);
    expect(sim.ledger()).toEqual([]);
  });

  it('an answer altered on the way is not believed: the outcome is unknown and asked about until it is known', async () => {
    const sim = await TerminalSimulator.start({ poiId: POIID, sharedKey: KEY });
    const http = httpPost({ url: sim.nexoUrl, apiKey: null, caPem: null });
    let tamper = true;
    // A man in the middle flips a bit of the first answer's blob (a payment's, held until it ends).
    const mitm: Post = async (m, ms) => {
      const a = await http(m, ms);
      const inner = (a.json as { SaleToPOIResponse?: { NexoBlob?: string } } | null)?.SaleToPOIResponse;
      if (tamper && inner?.NexoBlob) {
        tamper = false;
        const b = Buffer.from(inner.NexoBlob, 'base64');
        b[0] = b[0]! ^ 1;
        inner.NexoBlob = b.toString('base64');
      }
      return a;
    };
    const log = memoryLog();
    const t = new NexoTerminal({ poiId: POIID, saleId: 'K01', currency: 'EUR', paymentTimeoutMs: 3000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 20, maxMs: 80 } }, sealedPost(mitm, new NexoSealer(KEY)), new TerminalJournal(new Database(':memory:')), log);
    open.push({ sim, t });
    const p = t.charge(700, '00000000-0000-4000-8000-000000000004');
    await until(() => sim.view().stage === 'present-card', 'the terminal to show the amount');
    sim.terminal.insertCard({ contactless: true });
    sim.terminal.approve();
    // The altered approval is not taken as one; TransactionStatus (protected, intact) says approved.
    expect(await p).toMatchObject({ approved: true, amountCents: 700 });
    expect(JSON.stringify(log.lines)).toMatch(/HMAC check failed/);
    expect(sim.ledger()).toMatchObject([{ state: 'approved', authorizedCents: 700 }]);
  });
});
