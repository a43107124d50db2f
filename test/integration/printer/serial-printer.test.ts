import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { receiptPlainText } from '../../../electron/checkout/receipt-layout';
import { encodeReceipt } from '../../../electron/devices/printer/encode';
import { loadPrinterProfile } from '../../../electron/devices/printer/profile';
import { SerialPrinter } from '../../../electron/devices/printer/serial-printer';
import type { PrinterStatus } from '../../../electron/devices/printer/status';
import { VirtualPrinter } from '../../../electron/devices/printer/virtual/virtual-printer';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { sampleReceipt } from '../../unit/receipt/fixtures';

const profile = loadPrinterProfile('epson-tm-t20iii');
let pty: PtyPair;
let vp: VirtualPrinter;
let printer: SerialPrinter;

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  pty = await openPtyPair();
  vp = await VirtualPrinter.start({ path: pty.b, log: memoryLog('vp') });
  printer = await SerialPrinter.open({ path: pty.a, log: memoryLog('printer'), replyTimeoutMs: 200, pollIntervalMs: 0, chunkSize: 256 });
});

afterEach(async () => {
  await printer.close();
  await vp.close();
  await pty.close();
});

describe('SerialPrinter over a pty with the virtual printer', () => {
  it('reads each DLE EOT state', async () => {
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: false });
    vp.setStatus({ paperNearEnd: true });
    expect(await printer.status()).toEqual({ state: 'ready', paperNearEnd: true });
    vp.setStatus({ paperOut: true });
    expect((await printer.status()).state).toBe('paper-out');
    vp.setStatus({ paperOut: false, paperNearEnd: false, coverOpen: true });
    expect((await printer.status()).state).toBe('cover-open');
    vp.setStatus({ coverOpen: false, offline: true });
    expect((await printer.status()).state).toBe('offline');
    vp.setStatus({ offline: false });
    vp.setSilent(true);
    expect((await printer.status()).state).toBe('no-reply');
    vp.setSilent(false);
    expect((await printer.status()).state).toBe('ready');
  });

  it('prints a receipt that decodes back to the layout text', async () => {
    const r = sampleReceipt();
    const res = await printer.print(encodeReceipt(r, profile));
    expect(res).toEqual({ ok: true });
    const [printed] = await vp.waitForReceipts(1);
    expect(printed!.decoded.text).toBe(`${receiptPlainText(r, 48)}\n-- cut --`);
    expect(printed!.decoded.notes).toEqual([]);
  });

  it('refuses to print while out of paper and sends nothing', async () => {
    vp.setStatus({ paperOut: true });
    const res = await printer.print(encodeReceipt(sampleReceipt(), profile));
    expect(res).toMatchObject({ ok: false, reason: 'paper-out' });
    expect(vp.discardedBytes()).toBe(0);
    expect(vp.receipts()).toHaveLength(0);
  });

  it('reports failure when the paper runs out in the middle of a job', async () => {
    const partials: string[] = [];
    vp.on('partial', (d) => partials.push(d.text));
    vp.runOutOfPaperAfter(300);
    const res = await printer.print(encodeReceipt(sampleReceipt(), profile));
    expect(res).toMatchObject({ ok: false, reason: 'paper-out' });
    expect(vp.receipts()).toHaveLength(0);
    expect(vp.discardedBytes()).toBeGreaterThan(0);
    expect(partials).toHaveLength(1);
    expect(partials[0]).toContain('Kassa Pood OÜ');
  });

  it('polls and emits status changes', async () => {
    await printer.close();
    printer = await SerialPrinter.open({ path: pty.a, log: memoryLog('printer'), replyTimeoutMs: 200, pollIntervalMs: 50 });
    const seen: PrinterStatus[] = [];
    printer.on('status', (s) => seen.push(s));
    await until(() => seen.some((s) => s.state === 'ready'));
    vp.setStatus({ coverOpen: true });
    await until(() => seen.some((s) => s.state === 'cover-open'));
    vp.setStatus({ coverOpen: false });
    await until(() => seen[seen.length - 1]?.state === 'ready');
  });

  it('reconnects after the port goes away and comes back', async () => {
    await printer.close();
    printer = await SerialPrinter.open({ path: pty.a, log: memoryLog('printer'), replyTimeoutMs: 200, pollIntervalMs: 100, reconnectMinMs: 50, reconnectMaxMs: 200 });
    expect((await printer.status()).state).toBe('ready');
    await vp.close();
    await pty.unplug();
    await until(() => !printer.isConnected());
    expect((await printer.status()).state).toBe('no-reply');
    await pty.replug();
    vp = await VirtualPrinter.start({ path: pty.b, log: memoryLog('vp') });
    await until(() => printer.isConnected());
    await until(() => printer.lastStatus()?.state === 'ready');
    expect(await printer.print(encodeReceipt(sampleReceipt(), profile))).toEqual({ ok: true });
    await vp.waitForReceipts(1);
  });
});
