/**
 * The encoder's fast path (pre-encoded rows, batched raw bytes, direct raster QR) must give the
 * exact bytes the plain library calls give, for any receipt: compared on seeded random receipts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../electron/devices/printer/encode';
import { loadPrinterProfile } from '../../../electron/devices/printer/profile';
import { seededSampler } from '../../../electron/checkout/purchase-control';
import type { Receipt } from '../../../electron/checkout/receipt';
import { sampleReceipt } from './fixtures';

const PROFILES = ['epson-tm-t20iii', 'epson-tm-t88vi-42', 'generic-58mm'].map((id) => loadPrinterProfile(id, join(import.meta.dirname, '../../../resources/printers')));
const WORDS = ['Piim', 'Rukkileib', 'Õunad', 'Šokolaad', 'Żubrówka', 'Mleko łaciate', 'Молоко', 'Хлеб бородинский', 'Ćwikła', 'Jäätis', 'Sõir', 'Kefir 2,5%', '€', 'x'.repeat(60)];

function randomReceipt(seed: number): Receipt {
  const rnd = seededSampler(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd.next() * xs.length)]!;
  const lines = Array.from({ length: 1 + Math.floor(rnd.next() * 12) }, () => {
    const weighed = rnd.next() < 0.3;
    const unit = 50 + Math.floor(rnd.next() * 3000);
    const qty = weighed ? 10 + Math.floor(rnd.next() * 3000) : 1 + Math.floor(rnd.next() * 5);
    const total = weighed ? Math.round((qty * unit) / 1000) : qty * unit;
    return { name: `${pick(WORDS)} ${pick(WORDS)}`, quantity: weighed ? { kind: 'weight' as const, grams: qty } : { kind: 'pieces' as const, count: qty }, unitPriceCents: unit, totalCents: total, vatRateBp: 2400 };
  });
  const total = lines.reduce((s, l) => s + l.totalCents, 0);
  const vat = Math.round((total * 2400) / 12400);
  return sampleReceipt({
    lang: pick(['en', 'et', 'pl', 'ru'] as const),
    lines,
    discounts: [],
    vat: [{ rateBp: 2400, netCents: total - vat, vatCents: vat, grossCents: total }],
    totalCents: total,
    footer: [pick(WORDS), pick(WORDS)],
    qr: { text: `https://r.example/${seed}/${'z'.repeat(Math.floor(rnd.next() * 80))}`, caption: pick(WORDS) },
  });
}

describe('encoder fast path', () => {
  it('gives byte-identical output to the plain library path on 40 random receipts per profile', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = randomReceipt(seed);
      for (const p of PROFILES) {
        const fast = encodeReceipt(r, p);
        const slow = encodeReceipt(r, p, { libraryOnly: true });
        expect(Buffer.from(fast).equals(Buffer.from(slow)), `seed ${seed}, profile ${p.id}`).toBe(true);
      }
    }
  });
});
