import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { formatMoney } from '../../../electron/checkout/receipt-layout';
import { PrintJobStore } from '../../../electron/journal/print-jobs';
import { loadPrinterProfile } from '../../../electron/devices/printer/profile';
import { ReceiptPrinterService, type AttentionEvent } from '../../../electron/devices/printer/receipt-printer-service';
import { SerialPrinter } from '../../../electron/devices/printer/serial-printer';
import { VirtualPrinter } from '../../../electron/devices/printer/virtual/virtual-printer';
import { decodeEscPos } from '../../../electron/devices/printer/virtual/decode';
import { renderReceiptPng } from '../../../electron/devices/printer/virtual/render-png';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { sampleReceipt } from '../../unit/receipt/fixtures';

const profile = loadPrinterProfile('epson-tm-t20iii');
let dir: string;
let pty: PtyPair;
let vp: VirtualPrinter;
const cleanups: Array<() => Promise<void> | void> = [];

async function until(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A service over the pty, its SQLite file in the test's folder (same file = same journal after a restart). */
async function startService(opts: { retryMs?: number } = {}) {
  const db = new Database(join(dir, 'journal.db'));
  const store = new PrintJobStore(db);
  const printer = await SerialPrinter.open({ path: pty.a, log: memoryLog('printer'), replyTimeoutMs: 150, pollIntervalMs: 60 });
  const service = new ReceiptPrinterService({
    printer, store, profile, log: memoryLog('queue'), retryMs: opts.retryMs ?? 200,
    renderPreview: (b) => renderReceiptPng(decodeEscPos(b), { widthDots: profile.dotsWidth }),
  });
  const attention: AttentionEvent[] = [];
  service.on('attention', (a) => attention.push(a));
  const stop = async () => {
    await service.stop();
    await printer.close();
    db.close();
  };
  cleanups.push(stop);
  return { db, store, printer, service, attention, stop };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-printq-'));
  pty = await openPtyPair();
  vp = await VirtualPrinter.start({ path: pty.b, log: memoryLog('vp') });
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await vp.close();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ReceiptPrinterService with a virtual printer on a pty', () => {
  it('prints a receipt whose every line, total, VAT row and QR payload come back', async () => {
    const { service, store } = await startService();
    service.start();
    const r = sampleReceipt();
    service.enqueue('order-1', r);
    const [printed] = await vp.waitForReceipts(1);
    const text = printed!.decoded.text;
    for (const l of r.lines) {
      expect(text).toContain(l.name);
      expect(text).toContain(formatMoney(l.totalCents, 'et'));
    }
    expect(text).toMatch(/KOKKU +9,40 €/);
    expect(text).toMatch(/24% +5,68 +1,36 +7,04/);
    expect(text).toMatch(/9% +2,17 +0,20 +2,37/);
    expect(text).toContain('TEHING KINNITATUD');
    expect(printed!.decoded.qrPayloads).toEqual([r.qr!.text]);
    expect(printed!.decoded.cuts).toBe(1);
    await until(() => store.byOrderRef('order-1')?.state === 'printed');
    const last = service.lastPrinted();
    expect(last?.orderRef).toBe('order-1');
    expect(last?.png?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps the job and raises attention when paper is out before the job; prints once paper is back', async () => {
    vp.setStatus({ paperOut: true });
    const { service, store, attention } = await startService();
    service.start();
    service.enqueue('order-2', sampleReceipt());
    await until(() => attention.length > 0);
    expect(attention[0]).toMatchObject({ reason: 'paper-out', orderRef: 'order-2', queued: 1 });
    expect(store.byOrderRef('order-2')?.state).toBe('queued');
    expect(vp.receipts()).toHaveLength(0);
    vp.setStatus({ paperOut: false });
    await vp.waitForReceipts(1);
    await until(() => store.byOrderRef('order-2')?.state === 'printed');
  });

  it('paper running out mid-session (inside the second receipt) requeues it and reprints it whole', async () => {
    const { service, store, attention } = await startService();
    service.start();
    service.enqueue('order-a', sampleReceipt({ receiptNo: 'A' }));
    await vp.waitForReceipts(1);
    vp.runOutOfPaperAfter(400);
    service.enqueue('order-b', sampleReceipt({ receiptNo: 'B' }));
    await until(() => attention.some((a) => a.reason === 'paper-out'));
    const held = store.byOrderRef('order-b')!;
    expect(held.state).toBe('queued');
    expect(held.attempts).toBe(1);
    expect(held.lastError).toMatch(/paper-out/);
    expect(vp.receipts()).toHaveLength(1);
    vp.setStatus({ paperOut: false });
    const all = await vp.waitForReceipts(2);
    expect(all[1]!.decoded.text).toContain('Tšekk: B');
    await until(() => store.byOrderRef('order-b')?.state === 'printed');
    expect(store.byOrderRef('order-b')!.attempts).toBe(2);
  });

  it('a silent printer gives no-reply and keeps the job; printing resumes when it answers', async () => {
    vp.setSilent(true);
    const { service, store, attention, printer } = await startService();
    service.start();
    service.enqueue('order-3', sampleReceipt());
    await until(() => attention.some((a) => a.reason === 'no-reply'));
    expect(printer.lastStatus()?.state).toBe('no-reply');
    expect(store.byOrderRef('order-3')?.state).toBe('queued');
    vp.setSilent(false);
    await vp.waitForReceipts(1);
    await until(() => store.byOrderRef('order-3')?.state === 'printed');
  });

  it('after a restart, queued and interrupted jobs print exactly once', async () => {
    vp.setSilent(true);
    const first = await startService({ retryMs: 60_000 });
    first.service.start();
    first.service.enqueue('order-x', sampleReceipt({ receiptNo: 'X' }));
    first.service.enqueue('order-y', sampleReceipt({ receiptNo: 'Y' }));
    // A crash mid-print leaves a job in 'printing'.
    first.store.markPrinting(first.store.byOrderRef('order-y')!.id);
    await first.stop();
    cleanups.splice(cleanups.indexOf(first.stop), 1);
    vp.setSilent(false);

    const second = await startService();
    second.service.start();
    // The engine replays its journal and enqueues the same orders again: no duplicates.
    expect(second.service.enqueue('order-x', sampleReceipt({ receiptNo: 'X' })).created).toBe(false);
    await vp.waitForReceipts(2);
    await second.service.whenIdle();
    await new Promise((r) => setTimeout(r, 300));
    const nos = vp.receipts().map((p) => /Tšekk: (\w+)/.exec(p.decoded.text)?.[1]);
    expect(nos).toEqual(['X', 'Y']);
    expect(second.store.list('printed')).toHaveLength(2);
  });

  it('enqueueing the same order twice prints one receipt', async () => {
    const { service, store } = await startService();
    service.start();
    const a = service.enqueue('order-dup', sampleReceipt());
    const b = service.enqueue('order-dup', sampleReceipt());
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    await vp.waitForReceipts(1);
    await service.whenIdle();
    await new Promise((r) => setTimeout(r, 300));
    expect(vp.receipts()).toHaveLength(1);
    expect(store.list()).toHaveLength(1);
  });

  it('reprintLast prints a copy with a COPY header as a new job', async () => {
    const { service, store } = await startService();
    service.start();
    service.enqueue('order-c', sampleReceipt());
    await vp.waitForReceipts(1);
    await until(() => store.byOrderRef('order-c')?.state === 'printed');
    const copy = service.reprintLast();
    expect(copy?.orderRef).toBe('order-c#copy-1');
    const all = await vp.waitForReceipts(2);
    expect(all[1]!.decoded.lines[0]).toMatchObject({ bold: true, size: { width: 1, height: 2 } });
    expect(all[1]!.decoded.text.split('\n')[0]!.trim()).toBe('*** KOOPIA ***');
    expect(all[0]!.decoded.text).not.toContain('KOOPIA');
    await until(() => store.byOrderRef('order-c#copy-1')?.state === 'printed');
    expect(service.reprintLast()?.orderRef).toBe('order-c#copy-2');
  });
});
