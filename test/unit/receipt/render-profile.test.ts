import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../electron/devices/printer/encode';
import { loadPrinterProfile, loadPrinterProfiles, parsePrinterProfile, PrinterProfileError } from '../../../electron/devices/printer/profile';
import { decodeEscPos } from '../../../electron/devices/printer/virtual/decode';
import { GLYPH_CHARS } from '../../../electron/devices/printer/virtual/glyphs';
import { renderReceiptPng } from '../../../electron/devices/printer/virtual/render-png';
import { polishReceipt, russianReceipt, sampleReceipt } from './fixtures';

describe('printer profiles', () => {
  it('loads the three shipped profiles', () => {
    const all = loadPrinterProfiles(join(process.cwd(), 'resources', 'printers'));
    expect([...all.keys()].sort()).toEqual(['epson-tm-t20iii', 'epson-tm-t88vi-42', 'generic-58mm']);
    expect(all.get('generic-58mm')).toMatchObject({ columns: 32, qr: 'raster', cut: 'full', newline: '\n' });
    expect(all.get('epson-tm-t88vi-42')).toMatchObject({ columns: 42, qr: 'native' });
  });
  it('rejects a profile with bad fields and names them', () => {
    const good = loadPrinterProfile('epson-tm-t20iii');
    expect(() => parsePrinterProfile({ ...good, columns: 40, qr: 'svg' })).toThrow(PrinterProfileError);
    expect(() => parsePrinterProfile({ ...good, columns: 40 })).toThrow(/columns/);
  });
  it('rejects invalid JSON in the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-prof-'));
    try {
      writeFileSync(join(dir, 'x.json'), '{ nope');
      expect(() => loadPrinterProfiles(dir)).toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderReceiptPng', () => {
  it('has a glyph for every character the sample receipts print', () => {
    for (const r of [sampleReceipt(), russianReceipt(), polishReceipt()]) {
      const d = decodeEscPos(encodeReceipt(r, loadPrinterProfile('epson-tm-t20iii')));
      const missing = new Set([...d.lines.map((l) => l.text).join('')].filter((c) => !GLYPH_CHARS.includes(c)));
      expect([...missing]).toEqual([]);
    }
  });

  it('draws a receipt-shaped PNG: paper width, ink on text rows, a QR block', () => {
    const p = loadPrinterProfile('epson-tm-t20iii');
    const d = decodeEscPos(encodeReceipt(sampleReceipt(), p));
    const png = PNG.sync.read(renderReceiptPng(d, { widthDots: p.dotsWidth, margin: 10 }));
    expect(png.width).toBe(576 + 20);
    expect(png.height).toBeGreaterThan(d.lines.length * 24);
    const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4]! < 128;
    const inkInRow = (y0: number) => {
      let n = 0;
      for (let y = y0; y < y0 + 24; y++) for (let x = 0; x < png.width; x++) if (dark(x, y)) n++;
      return n;
    };
    expect(inkInRow(10)).toBeGreaterThan(50); // store name
    const qrIndex = d.elements.findIndex((e) => e.kind === 'qr');
    const qrTop = 10 + d.elements.slice(0, qrIndex).reduce((s, e) => s + (e.kind === 'line' ? 24 * e.line.size.height : 0), 0);
    // The QR finder pattern's top-left corner: 4 modules of quiet zone, then solid black.
    const m = 6;
    let blackAtFinder = false;
    for (let x = 10; x < png.width / 2; x++) if (dark(x, qrTop + 4 * m + 1) && dark(x + m, qrTop + 4 * m + 1)) blackAtFinder = true;
    expect(blackAtFinder).toBe(true);
    expect(dark(5, 5)).toBe(false); // the margin stays white
  });

  it('draws raster images as sent', () => {
    const p = loadPrinterProfile('generic-58mm');
    const d = decodeEscPos(encodeReceipt(sampleReceipt(), p), { codepageMapping: p.codepageMapping });
    const img = PNG.sync.read(renderReceiptPng(d, { widthDots: p.dotsWidth, margin: 0 }));
    const raster = d.rasterImages[0]!;
    const yTop = d.elements.slice(0, d.elements.findIndex((e) => e.kind === 'raster'))
      .reduce((s, e) => s + (e.kind === 'line' ? 24 * e.line.size.height : 0), 0);
    const x0 = Math.floor((p.dotsWidth - raster.width) / 2);
    let same = 0;
    let total = 0;
    for (let y = 0; y < raster.height; y += 3) {
      for (let x = 0; x < raster.width; x += 3) {
        const bit = ((raster.bits[y * (raster.width / 8) + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        const dark = img.data[((yTop + y) * img.width + x0 + x) * 4]! < 128;
        total++;
        if ((bit === 1) === dark) same++;
      }
    }
    expect(same).toBe(total);
  });
});
