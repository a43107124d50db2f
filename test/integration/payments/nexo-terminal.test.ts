/**
 * The nexo adapter (payments/terminal/nexo) against the terminal simulator (sandbox/terminal,
 * written separately from the protocol reference) over real HTTP: every service, every decline
 * reason, malformed answers, slow and lost answers recovered by TransactionStatus, late
 * approvals reversed, refunds, recovery by a fresh adapter — checked against the simulator's ledger.
 */
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalJournal } from '../../../electron/journal/terminal';
import { memoryLog } from '../../../electron/log';
import { httpPost, NexoTerminal, NexoTransportError, type NexoTerminalOptions, type Post } from '../../../electron/payments/terminal/nexo';
import { TerminalSimulator, type TerminalSimulatorOptions } from '../../../electron/sandbox/terminal';

const POIID = 'V400m-324688179';
const SALEID = 'K03';

interface Rig {
  sim: TerminalSimulator;
  journal: TerminalJournal;
  t: NexoTerminal;
  log: ReturnType<typeof memoryLog>;
  late: Array<[string, boolean]>;
  sent: Array<Record<string, any>>;
  /** A new adapter over the same journal (a restarted kiosk). */
  restart(): NexoTerminal;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.t.stop();
    await r.sim.close();
  }
});

async function rig(o: { sim?: TerminalSimulatorOptions; wrap?: (inner: Post) => Post; opts?: Partial<NexoTerminalOptions>; apiKey?: string } = {}): Promise<Rig> {
  const sim = await TerminalSimulator.start({ poiId: POIID, saleId: SALEID, ...o.sim });
  const journal = new TerminalJournal(new Database(':memory:'));
  const inner = httpPost({ url: sim.nexoUrl, apiKey: o.apiKey ?? null, caPem: null });
  const sent: Array<Record<string, any>> = [];
  const spy: Post = (m, ms) => {
    sent.push((m as { SaleToPOIRequest: Record<string, any> }).SaleToPOIRequest);
    return inner(m, ms);
  };
  const post = o.wrap ? o.wrap(spy) : spy;
  const log = memoryLog();
  const late: Array<[string, boolean]> = [];
  const opts: NexoTerminalOptions = { poiId: POIID, saleId: SALEID, currency: 'EUR', paymentTimeoutMs: 3000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 20, maxMs: 80 }, ...o.opts };
  const make = () => new NexoTerminal(opts, post, journal, log, undefined, { lateApproval: (ref, ok) => late.push([ref, ok]) });
  const r: Rig = { sim, journal, t: make(), log, late, sent, restart: make };
  rigs.push(r);
  return r;
}

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const atTerminal = (sim: TerminalSimulator) => until(() => sim.view().stage === 'present-card', 'the terminal to show the amount');

function pay(sim: TerminalSimulator, pan = '4111111111111111'): void {
  sim.terminal.insertCard({ pan });
  sim.terminal.enterPin('1234');
  sim.terminal.approve();
}

let n = 0;
const ref = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('nexo adapter: Payment', () => {
  it('an approval gives scheme, masked PAN, auth code and receipts; journaled before it was sent', async () => {
    const { sim, t, journal, sent } = await rig();
    const id = ref();
    const p = t.charge(1234, id);
    await atTerminal(sim);
    // Journaled before the terminal saw it.
    expect(journal.paymentFor(id)).toMatchObject({ state: 'sent', amountCents: 1234, kind: 'payment' });
    expect(sim.view()).toMatchObject({ amountCents: 1234, currency: 'EUR' });
    pay(sim, '5555444433331111');
    const r = await p;
    expect(r).toMatchObject({ approved: true, amountCents: 1234, scheme: 'mc', maskedPan: '555544 **** 1111' });
    if (!r.approved) throw new Error('declined');
    expect(r.authCode).toMatch(/^\d{6}$/);
    expect(r.receipt?.customer).toContain('EUR 12.34');
    expect(r.receipt?.merchant).toContain('MERCHANT COPY');
    const [entry] = sim.ledger();
    expect(entry).toMatchObject({ state: 'approved', authorizedCents: 1234, saleTransactionId: id, answerDelivered: true });
    expect(journal.paymentFor(id)).toMatchObject({ state: 'approved', poiTransactionId: entry!.transactionId, serviceId: entry!.serviceId });
    expect(sent[0]!.MessageHeader).toMatchObject({ ProtocolVersion: '3.0', MessageCategory: 'Payment', SaleID: SALEID, POIID });
    expect(sent[0]!.MessageHeader.ServiceID).toMatch(/^[0-9A-Z]{10}$/);
    // The same reference is never charged twice.
    expect(await t.charge(1234, id)).toMatchObject({ approved: true });
    expect(sim.ledger()).toHaveLength(1);
  });

  it.each([
    ['insufficient-funds', 'Refusal'],
    ['card-removed', 'Cancel'],
    ['wrong-pin', 'WrongPIN'],
    ['cancelled', 'Cancel'],
  ] as const)('declined (%s) → %s with the reason, journaled, nothing charged', async (reason, condition) => {
    const { sim, t, journal } = await rig();
    const id = ref();
    const p = t.charge(500, id);
    await atTerminal(sim);
    if (reason === 'wrong-pin') {
      sim.terminal.insertCard();
      sim.terminal.enterPin('9999');
    } else sim.terminal.decline(reason);
    const r = await p;
    expect(r.approved).toBe(false);
    if (r.approved) return;
    expect(r.reason.startsWith(condition)).toBe(true);
    expect(journal.paymentFor(id)).toMatchObject({ state: 'declined' });
    expect(await t.lookup(id)).toMatchObject({ approved: false });
    expect(sim.ledger()[0]).toMatchObject({ state: 'declined', authorizedCents: 0, errorCondition: condition });
  });

  it('Abort (the customer pressed Cancel) ends the payment as Aborted', async () => {
    const { sim, t, journal } = await rig();
    const id = ref();
    const p = t.charge(700, id);
    await atTerminal(sim);
    t.abort(id);
    const r = await p;
    expect(r).toMatchObject({ approved: false });
    if (!r.approved) expect(r.reason).toMatch(/^Aborted/);
    expect(sim.ledger()[0]).toMatchObject({ state: 'aborted' });
    expect(journal.all().map((x) => x.kind)).toEqual(['payment', 'abort']);
    expect(journal.paymentFor(id)!.abortRequested).toBe(true);
  });

  it('a busy terminal (maintenance) declines without charging', async () => {
    const { sim, t } = await rig();
    sim.terminal.maintenance = true;
    expect(await t.charge(100, ref())).toMatchObject({ approved: false, reason: expect.stringMatching(/^Busy/) });
    expect(sim.ledger()).toHaveLength(0);
  });
});

describe('nexo adapter: lost, slow and malformed answers', () => {
  it('a lost answer after the approval: TransactionStatus finds it; charged once', async () => {
    const { sim, t, journal, sent } = await rig();
    sim.loseNextAnswers(1);
    const id = ref();
    const p = t.charge(999, id);
    await atTerminal(sim);
    pay(sim);
    const r = await p;
    expect(r).toMatchObject({ approved: true, amountCents: 999, maskedPan: '411111 **** 1111' });
    expect(sim.ledger()).toHaveLength(1);
    expect(sim.ledger()[0]).toMatchObject({ state: 'approved', answerDelivered: false });
    expect(sent.filter((m) => m.MessageHeader.MessageCategory === 'Payment')).toHaveLength(1);
    const status = sent.find((m) => m.MessageHeader.MessageCategory === 'TransactionStatus')!;
    expect(status.TransactionStatusRequest.MessageReference).toMatchObject({ MessageCategory: 'Payment', ServiceID: journal.paymentFor(id)!.serviceId, SaleID: SALEID });
  });

  it('a slow customer outlasts the HTTP timeout: the kiosk says it is checking and asks until the terminal knows', async () => {
    const { sim, t } = await rig({ opts: { paymentTimeoutMs: 200 } });
    const id = ref();
    const p = t.charge(250, id);
    await atTerminal(sim);
    await until(() => t.progress(id) === 'checking', 'checking');
    await new Promise((r) => setTimeout(r, 150)); // InProgress answers while the customer is still there
    expect(t.progress(id)).toBe('checking');
    pay(sim);
    expect(await p).toMatchObject({ approved: true, amountCents: 250 });
    expect(t.progress(id)).toBeNull();
    expect(sim.ledger()).toHaveLength(1);
  });

  it('a slow answer (delayed past the timeout) is recovered the same way', async () => {
    const { sim, t } = await rig({ opts: { paymentTimeoutMs: 300 } });
    sim.delayAnswers(1500, 1);
    const id = ref();
    const p = t.charge(4000, id);
    await atTerminal(sim);
    pay(sim);
    expect(await p).toMatchObject({ approved: true, amountCents: 4000 });
    expect(sim.ledger()[0]).toMatchObject({ state: 'approved' });
  });

  it('a terminal that refuses connections: not sent, declined at once, nothing in its ledger', async () => {
    const { sim, t, journal } = await rig();
    await sim.goOffline('refused');
    const id = ref();
    expect(await t.charge(100, id)).toEqual({ approved: false, reason: 'terminal-unreachable' });
    expect(journal.paymentFor(id)).toMatchObject({ state: 'declined' });
    await sim.goOnline();
    expect(sim.ledger()).toHaveLength(0);
  });

  it('a terminal that swallows the request: checking until it is back; NotFound → never started', async () => {
    const { sim, t, journal } = await rig({ opts: { paymentTimeoutMs: 200, requestTimeoutMs: 150 } });
    await sim.goOffline('unreachable');
    const id = ref();
    const p = t.charge(100, id);
    await until(() => t.progress(id) === 'checking', 'checking');
    await sim.goOnline();
    const r = await p;
    expect(r).toMatchObject({ approved: false, reason: expect.stringMatching(/^NotFound/) });
    expect(journal.paymentFor(id)).toMatchObject({ state: 'declined' });
    expect(sim.ledger()).toHaveLength(0);
  });

  it('a malformed approval is not an approval: TransactionStatus decides', async () => {
    let broken = 0;
    const { sim, t } = await rig({
      wrap: (inner) => async (m, ms) => {
        const a = await inner(m, ms);
        const r = (a.json as any)?.SaleToPOIResponse?.PaymentResponse;
        if (r && broken++ === 0) delete r.PaymentResult.AmountsResp;
        return a;
      },
    });
    const id = ref();
    const p = t.charge(1500, id);
    await atTerminal(sim);
    pay(sim);
    expect(await p).toMatchObject({ approved: true, amountCents: 1500 });
    expect(broken).toBeGreaterThan(0);
  });

  it('an approval under another POIID or an HTTP 500 is unknown until the terminal confirms; a declined status stays declined', async () => {
    let calls = 0;
    const { sim, t, journal } = await rig({
      wrap: (inner) => async (m, ms) => {
        const a = await inner(m, ms);
        const cat = (m as any).SaleToPOIRequest.MessageHeader.MessageCategory;
        if (cat === 'Payment') return { status: 200, json: { SaleToPOIResponse: { MessageHeader: { ...(a.json as any).SaleToPOIResponse.MessageHeader, POIID: 'V400m-EVIL' }, PaymentResponse: (a.json as any).SaleToPOIResponse.PaymentResponse } } };
        if (cat === 'TransactionStatus' && calls++ < 2) return { status: 500, json: undefined };
        return a;
      },
    });
    const id = ref();
    const p = t.charge(800, id);
    await atTerminal(sim);
    sim.terminal.decline('insufficient-funds');
    expect(await p).toMatchObject({ approved: false, reason: expect.stringMatching(/^Refusal/) });
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(journal.paymentFor(id)).toMatchObject({ state: 'declined' });
  });
});

describe('nexo adapter: late approvals, refunds, recovery, health', () => {
  it('an approval that arrives after the kiosk aborted is reversed automatically', async () => {
    const { sim, t, journal, late } = await rig({
      // The abort is lost on the way: the terminal goes on and approves.
      wrap: (inner) => async (m, ms) => ((m as any).SaleToPOIRequest.MessageHeader.MessageCategory === 'Abort' ? { status: 200, json: null } : inner(m, ms)),
    });
    const id = ref();
    const p = t.charge(1200, id);
    await atTerminal(sim);
    t.abort(id);
    pay(sim);
    expect(await p).toEqual({ approved: false, reason: 'approved after cancel: reversed' });
    expect(sim.ledger()[0]).toMatchObject({ state: 'reversed', authorizedCents: 1200, reversedCents: 1200 });
    expect(late).toEqual([[id, true]]);
    expect(journal.paymentFor(id)).toMatchObject({ state: 'approved', settled: true, abortRequested: true });
    expect(journal.reversalsFor(id)).toMatchObject([{ state: 'approved', amountCents: 1200, refundId: `auto-${journal.paymentFor(id)!.serviceId}-1` }]);
    // Nothing left for reconciliation.
    expect(await t.reconcile(() => 'not-paid')).toBe(0);
    expect(sim.ledger()[0]!.reversedCents).toBe(1200);
  });

  it('a late approval whose reversal fails is reversed by the next reconciliation, once', async () => {
    let failReversal = true;
    const { sim, t, journal, late } = await rig({
      wrap: (inner) => async (m, ms) => {
        const cat = (m as any).SaleToPOIRequest.MessageHeader.MessageCategory;
        if (cat === 'Abort') return { status: 200, json: null };
        if (cat === 'Reversal' && failReversal) throw new NexoTransportError('terminal unreachable: ECONNREFUSED', true, 'ECONNREFUSED');
        return inner(m, ms);
      },
    });
    const id = ref();
    const p = t.charge(450, id);
    await atTerminal(sim);
    t.abort(id);
    pay(sim);
    expect(await p).toEqual({ approved: false, reason: 'approved after cancel: reversal pending' });
    expect(late).toEqual([[id, false]]);
    expect(sim.ledger()[0]).toMatchObject({ state: 'approved', reversedCents: 0 });
    expect(journal.approvedUnsettled().map((r) => r.reference)).toEqual([id]);
    failReversal = false;
    expect(await t.reconcile(() => 'not-paid')).toBe(0);
    expect(await t.reconcile(() => 'not-paid')).toBe(0);
    expect(sim.ledger()[0]).toMatchObject({ state: 'reversed', reversedCents: 450 });
    expect(late).toEqual([[id, false], [id, true]]);
  });

  it('refund (Reversal): partial, repeated with the same id only once, never above what is left', async () => {
    const { sim, t } = await rig();
    const id = ref();
    const p = t.charge(1000, id);
    await atTerminal(sim);
    pay(sim);
    await p;
    expect(await t.refund(id, 300, 'refund-1')).toMatchObject({ approved: true });
    expect(await t.refund(id, 300, 'refund-1')).toMatchObject({ approved: true });
    expect(sim.ledger()[0]!.reversedCents).toBe(300);
    expect(await t.refundedCents(id)).toBe(300);
    expect(await t.refund(id, 800, 'refund-2')).toEqual({ approved: false, reason: 'at most 700 cents can be refunded' });
    expect(await t.refund(id, 700, 'refund-3')).toMatchObject({ approved: true });
    expect(sim.ledger()[0]).toMatchObject({ state: 'reversed', reversedCents: 1000 });
    expect(await t.refund(ref(), 100, 'refund-4')).toMatchObject({ approved: false });
  });

  it('a restarted kiosk learns the outcome from TransactionStatus and keeps or reverses it by its own journal', async () => {
    const { sim, t, journal, restart } = await rig({ opts: { paymentTimeoutMs: 300 } });
    sim.loseNextAnswers(2);
    const kept = ref();
    const p1 = t.charge(600, kept);
    await atTerminal(sim);
    t.stop(); // the kiosk dies while the customer is at the terminal
    await expect(p1).rejects.toThrow(/stopped/);
    pay(sim);
    const dropped = ref();
    const t2 = restart();
    expect(await t2.lookup(kept)).toMatchObject({ approved: true, amountCents: 600 });
    const p2 = t2.charge(900, dropped);
    await atTerminal(sim);
    t2.stop();
    await expect(p2).rejects.toThrow(/stopped/);
    pay(sim);
    const t3 = restart();
    rigs[rigs.length - 1]!.t = t3;
    const open = await t3.reconcile((r) => (r === kept ? 'paid' : 'not-paid'));
    expect(open).toBe(0);
    const byRef = Object.fromEntries(sim.ledger().map((e) => [e.saleTransactionId, e]));
    expect(byRef[kept]).toMatchObject({ state: 'approved', reversedCents: 0 });
    expect(byRef[dropped]).toMatchObject({ state: 'reversed', reversedCents: 900 });
    expect(journal.approvedUnsettled()).toHaveLength(0);
    expect(sim.ledger()).toHaveLength(2);
  });

  it('Diagnosis: ok, maintenance, acquirer unreachable, offline', async () => {
    const { sim, t } = await rig();
    expect(await t.diagnose()).toEqual({ state: 'ok', detail: null });
    sim.terminal.hostReachable = false;
    expect((await t.diagnose()).state).toBe('host-unreachable');
    sim.terminal.hostReachable = true;
    sim.terminal.maintenance = true;
    expect((await t.diagnose()).state).toBe('maintenance');
    await sim.goOffline('refused');
    expect((await t.diagnose()).state).toBe('offline');
    await sim.goOnline();
  });

  it('local HTTPS: the terminal certificate is checked against the CA and its POIID; an untrusted one is never sent anything', async () => {
    const sim = await TerminalSimulator.start({ poiId: POIID, saleId: SALEID, tls: true });
    const journal = new TerminalJournal(new Database(':memory:'));
    const opts: NexoTerminalOptions = { poiId: POIID, saleId: SALEID, currency: 'EUR', paymentTimeoutMs: 3000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 20, maxMs: 80 } };
    const trusted = new NexoTerminal(opts, httpPost({ url: sim.nexoUrl, apiKey: null, caPem: sim.certificate, commonName: POIID }), journal, memoryLog());
    const wrongName = new NexoTerminal(opts, httpPost({ url: sim.nexoUrl, apiKey: null, caPem: sim.certificate, commonName: 'V400m-OTHER' }), journal, memoryLog());
    const untrusted = new NexoTerminal(opts, httpPost({ url: sim.nexoUrl, apiKey: null, caPem: null, commonName: POIID }), journal, memoryLog());
    try {
      expect(sim.url).toMatch(/^https:/);
      const id = ref();
      const p = trusted.charge(321, id);
      await atTerminal(sim);
      pay(sim);
      expect(await p).toMatchObject({ approved: true, amountCents: 321 });
      expect(await wrongName.charge(100, ref())).toEqual({ approved: false, reason: 'terminal-unreachable' });
      expect(await untrusted.charge(100, ref())).toEqual({ approved: false, reason: 'terminal-unreachable' });
      expect((await untrusted.diagnose()).state).toBe('offline');
      expect(sim.ledger()).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it('the API key is sent as x-API-key and never logged', async () => {
    const { sim, t, log } = await rig({ apiKey: 'SECRET-KEY-0123456789' });
    const id = ref();
    const p = t.charge(100, id);
    await atTerminal(sim);
    sim.terminal.decline('insufficient-funds');
    await p;
    await sim.goOffline('refused');
    await t.charge(100, ref());
    await sim.goOnline();
    expect(JSON.stringify(log.lines)).not.toContain('SECRET-KEY');
    // On the wire it is the x-API-key header.
    const seen: Array<string | undefined> = [];
    const srv = createServer((req, res) => {
      seen.push(req.headers['x-api-key'] as string | undefined);
      res.end('{}');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const post = httpPost({ url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/nexo`, apiKey: 'SECRET-KEY-0123456789', caPem: null });
    const t2 = new NexoTerminal({ poiId: POIID, saleId: SALEID, currency: 'EUR', paymentTimeoutMs: 1000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 10, maxMs: 10 } }, post, new TerminalJournal(new Database(':memory:')), log);
    const h = await t2.diagnose();
    srv.close();
    expect(seen).toEqual(['SECRET-KEY-0123456789']);
    expect(h.state).toBe('error');
    expect(JSON.stringify(h)).not.toContain('SECRET-KEY');
  });
});
