/**
 * A QR code as a GS v 0 raster command, built straight from the QR modules. The encoder's
 * image() takes an RGBA bitmap through copy, flatten, threshold, padding and a per-pixel
 * closure (≈ 3 ms for a 165-dot QR, most of a raster receipt's time); for a pure black and
 * white bitmap at its own size all of that reduces to "a dark module is a 1 bit", so this
 * gives the same bytes: rows padded with white to a multiple of 8 dots both ways, at most
 * 255 rows per command (the encoder's RASTER_CHUNK_HEIGHT, for firmware reading only the
 * low byte of the row count), m = 0 (normal density).
 */
import QRCode from 'qrcode';

/** White modules around the symbol on every side (the QR spec's quiet zone). */
export const QR_QUIET_MODULES = 4;

/** Most rows the encoder puts in one GS v 0 command. */
const RASTER_CHUNK_ROWS = 255;

/**
 * GS v 0 command(s) printing the QR of `text` (error level M) with `moduleDots` dots per
 * module, or undefined when it is wider than `maxDots`: the encoder would then rescale it
 * (bilinear), which this does not reproduce.
 */
export function qrRasterCommands(text: string, moduleDots: number, maxDots: number): Uint8Array | undefined {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = (modules.size + 2 * QR_QUIET_MODULES) * moduleDots;
  if (size > maxDots) return undefined;
  const padded = Math.ceil(size / 8) * 8;
  const rowBytes = padded >> 3;
  const chunks = Math.ceil(padded / RASTER_CHUNK_ROWS);
  const out = new Uint8Array(padded * rowBytes + 8 * chunks);

  // One row of bits per module row; every dot row of that module row is a copy of it.
  const bits = new Uint8Array(rowBytes);
  let bitsRow = -1;
  const moduleRowBits = (r: number): Uint8Array => {
    if (r === bitsRow) return bits;
    bitsRow = r;
    bits.fill(0);
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      const x0 = (c + QR_QUIET_MODULES) * moduleDots;
      for (let x = x0; x < x0 + moduleDots; x++) bits[x >> 3]! |= 0x80 >> (x & 7);
    }
    return bits;
  };

  let o = 0;
  for (let start = 0; start < padded; start += RASTER_CHUNK_ROWS) {
    const rows = Math.min(RASTER_CHUNK_ROWS, padded - start);
    out.set([0x1d, 0x76, 0x30, 0x00, rowBytes & 0xff, (rowBytes >> 8) & 0xff, rows & 0xff, (rows >> 8) & 0xff], o);
    o += 8;
    for (let y = start; y < start + rows; y++) {
      const r = Math.floor(y / moduleDots) - QR_QUIET_MODULES;
      if (y < size && r >= 0 && r < modules.size) out.set(moduleRowBits(r), o); // else white: already 0
      o += rowBytes;
    }
  }
  return out;
}

/**
 * The QR as image() prints it with centre alignment: ESC a 1, the GS v 0 command(s), the
 * line ending, ESC a 0. Undefined when the QR is wider than `maxDots`.
 */
export function qrRasterBlock(text: string, moduleDots: number, maxDots: number, newline: '\n' | '\n\r'): Uint8Array | undefined {
  const image = qrRasterCommands(text, moduleDots, maxDots);
  if (!image) return undefined;
  const end = newline === '\n' ? [0x0a] : [0x0a, 0x0d];
  const out = new Uint8Array(3 + image.length + end.length + 3);
  out.set([0x1b, 0x61, 0x01]);
  out.set(image, 3);
  out.set(end, 3 + image.length);
  out.set([0x1b, 0x61, 0x00], 3 + image.length + end.length);
  return out;
}
