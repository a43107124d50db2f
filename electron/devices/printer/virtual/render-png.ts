/**
 * A decoded receipt drawn as a PNG at printer resolution (1 px = 1 dot): 12x24 font A
 * rows with bold/double size/underline, native QR codes re-made from their payload with the
 * qrcode package, raster images as sent, and a dashed line where the paper was cut.
 */
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { GLYPH_BITS, GLYPH_CHARS, GLYPH_H, GLYPH_W } from './glyphs';
import type { Align, DecodedReceipt } from './decode';

export interface RenderOptions {
  /** Printable width in dots; default 576 (80 mm at 203 dpi). */
  widthDots?: number;
  /** White margin around the paper in dots; default 16. */
  margin?: number;
}

const glyphBits = Buffer.from(GLYPH_BITS, 'base64');
const glyphIndex = new Map<string, number>(Array.from(GLYPH_CHARS).map((c, i) => [c, i]));

/** 1 = black dots on a width×height grid. */
class Canvas {
  readonly dots: Uint8Array;
  constructor(readonly width: number, public height: number) {
    this.dots = new Uint8Array(width * height);
  }
  set(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.dots[y * this.width + x] = 1;
  }
}

function glyphRow(ch: string, row: number): number {
  const i = glyphIndex.get(ch) ?? glyphIndex.get('\uFFFD') ?? 0;
  const o = (i * GLYPH_H + row) * 2;
  return ((glyphBits[o] ?? 0) << 8) | (glyphBits[o + 1] ?? 0);
}

function offsetFor(align: Align, content: number, width: number): number {
  return align === 'center' ? Math.floor((width - content) / 2) : align === 'right' ? width - content : 0;
}

/** Height in dots each element takes (to size the canvas before drawing). */
function elementHeight(e: DecodedReceipt['elements'][number]): number {
  switch (e.kind) {
    case 'line': return GLYPH_H * e.line.size.height;
    case 'qr': return (QRCode.create(e.qr.payload || ' ', { errorCorrectionLevel: e.qr.errorLevel }).modules.size + 8) * e.qr.moduleSize;
    case 'raster': return e.raster.height;
    case 'cut': return GLYPH_H * 2;
  }
}

export function renderReceiptPng(decoded: DecodedReceipt, opts: RenderOptions = {}): Buffer {
  const width = opts.widthDots ?? 576;
  const margin = opts.margin ?? 16;
  const height = Math.max(GLYPH_H, decoded.elements.reduce((s, e) => s + elementHeight(e), 0));
  const c = new Canvas(width, height);
  let y = 0;
  for (const e of decoded.elements) {
    const h = elementHeight(e);
    if (e.kind === 'line') {
      const { text, bold, underline, align, size } = e.line;
      const chars = Array.from(text);
      const x0 = offsetFor(align, chars.length * GLYPH_W * size.width, width);
      chars.forEach((ch, i) => {
        for (let gy = 0; gy < GLYPH_H * size.height; gy++) {
          const bits = glyphRow(ch, Math.floor(gy / size.height));
          for (let gx = 0; gx < GLYPH_W * size.width; gx++) {
            const sx = Math.floor(gx / size.width);
            const on = (bits >> (15 - sx)) & 1 || (bold && sx > 0 && (bits >> (16 - sx)) & 1);
            if (on) c.set(x0 + i * GLYPH_W * size.width + gx, y + gy);
          }
        }
        if (underline) for (let gx = 0; gx < GLYPH_W * size.width; gx++) c.set(x0 + i * GLYPH_W * size.width + gx, y + h - 2);
      });
    } else if (e.kind === 'qr') {
      const { modules } = QRCode.create(e.qr.payload || ' ', { errorCorrectionLevel: e.qr.errorLevel });
      const m = e.qr.moduleSize;
      const x0 = offsetFor(e.qr.align, (modules.size + 8) * m, width) + 4 * m;
      for (let r = 0; r < modules.size; r++) {
        for (let col = 0; col < modules.size; col++) {
          if (!modules.get(r, col)) continue;
          for (let dy = 0; dy < m; dy++) for (let dx = 0; dx < m; dx++) c.set(x0 + col * m + dx, y + 4 * m + r * m + dy);
        }
      }
    } else if (e.kind === 'raster') {
      const { width: rw, height: rh, bits, align } = e.raster;
      const x0 = offsetFor(align, rw, width);
      const rowBytes = rw / 8;
      for (let ry = 0; ry < rh; ry++) {
        for (let rx = 0; rx < rw; rx++) if (((bits[ry * rowBytes + (rx >> 3)] ?? 0) >> (7 - (rx & 7))) & 1) c.set(x0 + rx, y + ry);
      }
    } else {
      for (let x = 0; x < width; x += 8) for (let dx = 0; dx < 4; dx++) c.set(x + dx, y + GLYPH_H);
    }
    y += h;
  }
  return toPng(c, margin);
}

function toPng(c: Canvas, margin: number): Buffer {
  const png = new PNG({ width: c.width + 2 * margin, height: c.height + 2 * margin, colorType: 2 });
  png.data.fill(255);
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      if (!c.dots[y * c.width + x]) continue;
      const i = ((y + margin) * png.width + x + margin) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 20;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}
