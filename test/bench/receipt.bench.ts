/**
 * Receipt encoding figures (prints a table; not a pass/fail test):
 *   npx tsx test/bench/receipt.bench.ts [runs=1000]
 * 1. encodeReceipt time for a 100-line receipt per profile (p50/p99 over `runs`).
 * 2. bytes for a typical 15-line receipt with QR, native vs raster QR.
 * 3. serial transfer time for those bytes at 9600/19200/38400 baud (8N1 = 10 bits per byte, computed).
 */
import { performance } from 'node:perf_hooks';
import type { Receipt, ReceiptLine } from '../../electron/checkout/receipt';
import { encodeReceipt } from '../../electron/devices/printer/encode';
import { loadPrinterProfile } from '../../electron/devices/printer/profile';
import { sampleReceipt } from '../unit/receipt/fixtures';

const runs = Number(process.argv[2] ?? 1000);

function receiptWithLines(n: number): Receipt {
  const lines: ReceiptLine[] = Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? { name: `Kaalutud õun ${i}`, quantity: { kind: 'weight', grams: 1000 + i }, unitPriceCents: 199, totalCents: Math.round(((1000 + i) * 199) / 1000), vatRateBp: 2400 }
      : { name: `Toode nr ${i} šokolaadiga`, quantity: { kind: 'pieces', count: 1 + (i % 4) }, unitPriceCents: 149, totalCents: 149 * (1 + (i % 4)), vatRateBp: 2400 });
  const total = lines.reduce((s, l) => s + l.totalCents, 0);
  const net = Math.round((total * 10000) / 12400);
  return sampleReceipt({ lines, discounts: [], rounding: undefined, totalCents: total, vat: [{ rateBp: 2400, netCents: net, vatCents: total - net, grossCents: total }] });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ids = ['epson-tm-t20iii', 'epson-tm-t88vi-42', 'generic-58mm'];
console.log(`\nencodeReceipt, 100-line receipt, ${runs} runs (Node ${process.version})`);
console.log('profile              qr       p50 ms   p99 ms   max ms   bytes');
const big = receiptWithLines(100);
for (const id of ids) {
  const p = loadPrinterProfile(id);
  for (let i = 0; i < 50; i++) encodeReceipt(big, p); // warm-up (JIT tiers, table caches)
  const t: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    bytes = encodeReceipt(big, p).length;
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(`${id.padEnd(20)} ${p.qr.padEnd(7)} ${pct(t, 50).toFixed(2).padStart(7)} ${pct(t, 99).toFixed(2).padStart(8)} ${t[t.length - 1]!.toFixed(2).padStart(8)} ${String(bytes).padStart(7)}`);
}

const typical = receiptWithLines(15);
const base = loadPrinterProfile('epson-tm-t20iii');
const rows: Array<[string, number]> = [
  ['80 mm, native QR (GS ( k)', encodeReceipt(typical, base).length],
  ['80 mm, raster QR (GS v 0)', encodeReceipt(typical, { ...base, qr: 'raster' }).length],
  ['58 mm, raster QR (generic)', encodeReceipt(typical, loadPrinterProfile('generic-58mm')).length],
  ['58 mm, native QR', encodeReceipt(typical, { ...loadPrinterProfile('generic-58mm'), qr: 'native' }).length],
];
console.log('\n15-line receipt with QR: bytes and transfer time at 10 bits/byte');
console.log('variant                          bytes    9600 Bd   19200 Bd   38400 Bd');
for (const [name, bytes] of rows) {
  const secs = (baud: number) => `${((bytes * 10) / baud).toFixed(2)} s`.padStart(10);
  console.log(`${name.padEnd(30)} ${String(bytes).padStart(7)} ${secs(9600)} ${secs(19200)} ${secs(38400)}`);
}
