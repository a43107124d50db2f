/**
 * Receipt → ESC/POS bytes for one printer profile. Pure: the same receipt and profile give
 * the same bytes (golden-file tested). Layout comes from checkout/receipt-layout; this adds
 * styles, code-page switching (ESC t before any text that needs it, chosen from the
 * profile's vendor mapping like the encoder's 'auto' mode), QR (native GS ( k or a GS v 0
 * raster image) and the cut.
 *
 * Speed (README "Encoding speed"): the encoder still does ESC @, styles, line endings,
 * native QR and the cut, but text reaches it as bytes we encoded with cached tables
 * (text-bytes.ts), plain rows in batches, and a raster QR as a GS v 0 we built
 * (qr-raster.ts). Each shortcut is used only where it provably gives the encoder's own
 * bytes; otherwise this falls back to the plain library calls (slower, same bytes).
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import QRCode from 'qrcode';
import { layoutReceipt, type ReceiptBlock } from '../../checkout/receipt-layout';
import type { Receipt } from '../../checkout/receipt';
import { splitByCodepage } from './codepages';
import { printableText } from './fallback';
import type { PrinterProfile } from './profile';
import { QR_QUIET_MODULES, qrRasterBlock } from './qr-raster';
import { RowBatch, rowBytes, rowCodepages, type CodepageState, type RowCodepages } from './text-bytes';

/** QR error correction level used for every receipt QR (M: 15 % recovery, small symbols). */
export const QR_ERROR_LEVEL = 'm';

/** A QR code as an RGBA bitmap object (what the encoder's image() takes), with a 4-module quiet zone. */
export function qrBitmap(text: string, moduleDots: number): { width: number; height: number; data: Uint8ClampedArray } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = QR_QUIET_MODULES;
  const n = modules.size + 2 * quiet;
  const size = n * moduleDots;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      for (let y = 0; y < moduleDots; y++) {
        const row = (r + quiet) * moduleDots + y;
        for (let x = 0; x < moduleDots; x++) {
          const i = (row * size + (c + quiet) * moduleDots + x) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { width: size, height: size, data };
}

function newEncoder(profile: PrinterProfile): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: profile.language,
    columns: profile.columns,
    codepageMapping: profile.codepageMapping,
    imageMode: profile.imageMode,
    feedBeforeCut: profile.feedBeforeCut,
    newline: profile.newline,
    errors: 'relaxed',
  });
}

/**
 * The fast path's state for one receipt: rows go to the encoder as raw() bytes, and
 * `codepage.sent` is the ESC t number last sent (-1 after ESC @: the first row sends one,
 * as the encoder does).
 */
interface RowBytesFeed {
  pages: RowCodepages;
  codepage: CodepageState;
}

const EMPTY = new Uint8Array(0);

/**
 * True when the encoder's word wrap returns the row unchanged, so raw bytes print the same:
 * no '\n' (it starts a new line) and no more than `columns` UTF-16 units (it would wrap).
 * Layout rows always qualify, except with odd data (e.g. a line break in a discount name,
 * an amount wider than the paper); one such row sends the whole receipt down text().
 */
function wrapLeavesAlone(text: string, columns: number): boolean {
  return text.length <= columns && !text.includes('\n');
}

function isStyledText(b: ReceiptBlock | undefined): boolean {
  return b?.kind === 'text' && Boolean(b.bold || b.tall);
}

function encodeText(enc: ReceiptPrinterEncoder, b: ReceiptBlock & { kind: 'text' }, candidates: Codepage[], fast: RowBytesFeed | undefined): void {
  if (b.bold) enc.bold(true);
  if (b.tall) enc.height(2);
  if (!fast) {
    for (const run of splitByCodepage(b.text, candidates)) enc.codepage(run.codepage).text(run.text);
  } else if (b.text.length > 0) {
    // text('') adds nothing to the line, so neither may raw(): a raw item would make the
    // encoder print the line's pending style commands.
    enc.raw(rowBytes(b.text, fast.pages, fast.codepage));
  }
  enc.newline();
  if (b.tall) enc.height(1);
  if (b.bold) enc.bold(false);
}

function encodeQr(enc: ReceiptPrinterEncoder, b: ReceiptBlock & { kind: 'qr' }, prev: ReceiptBlock | undefined, profile: PrinterProfile, fast: RowBytesFeed | undefined): void {
  // image() sends ESC a 1, GS v 0 …, line end, ESC a 0 on lines of their own; as one raw()
  // item those bytes join the next line instead, which prints the same only when nothing
  // else changes there: on the fast path (raw() makes the encoder forget its ESC t, which
  // text() rows rely on), in raster mode, with no style reset pending from a bold/tall row
  // just before, and when the QR fits without image() rescaling it (then undefined).
  if (fast && profile.qr === 'raster' && profile.imageMode === 'raster' && !isStyledText(prev)) {
    const bytes = qrRasterBlock(b.text, profile.qrModuleSize, profile.dotsWidth, profile.newline);
    if (bytes) {
      enc.raw(bytes);
      return;
    }
  }
  enc.align('center');
  if (profile.qr === 'native') {
    enc.qrcode(b.text, { model: 2, size: profile.qrModuleSize, errorlevel: QR_ERROR_LEVEL });
  } else {
    const bmp = qrBitmap(b.text, profile.qrModuleSize);
    const w = Math.min(bmp.width, profile.dotsWidth);
    enc.image(bmp, { width: w, height: w, algorithm: 'threshold', mode: profile.imageMode });
  }
  enc.align('left');
}

/**
 * The receipt as ESC/POS bytes for this printer: ESC @ first, cut last. `libraryOnly` turns the
 * fast path off (plain library calls only): the equivalence test compares both on random receipts.
 */
export function encodeReceipt(r: Receipt, profile: PrinterProfile, opts: { libraryOnly?: boolean } = {}): Uint8Array {
  const enc = newEncoder(profile);
  // initialize() is explicit: ESC @ resets a printer left in Kanji mode or a stray style.
  enc.initialize();
  const pages = rowCodepages(profile.codepageMapping);
  // Characters no page of this printer has become their closest printable stand-in ('−' → '-').
  const blocks = layoutReceipt(r, profile.columns).map((b) => (b.kind === 'text' ? { ...b, text: printableText(b.text, pages) } : b));
  const fast = !opts.libraryOnly && blocks.every((b) => b.kind !== 'text' || wrapLeavesAlone(b.text, profile.columns))
    ? { pages, codepage: { sent: -1 } }
    : undefined;
  const batch = new RowBatch(profile.newline);
  let prev: ReceiptBlock | undefined;
  for (const b of blocks) {
    // Plain rows are batched, except right after a bold/tall row: its style reset is still
    // pending, and the encoder prints or drops it depending on what the next line holds.
    if (fast && (b.kind === 'blank' || (b.kind === 'text' && !b.bold && !b.tall)) && !isStyledText(prev)) {
      batch.add(b.kind === 'text' ? rowBytes(b.text, fast.pages, fast.codepage) : EMPTY);
    } else {
      batch.flushTo(enc);
      if (b.kind === 'blank') enc.newline();
      else if (b.kind === 'text') encodeText(enc, b, pages.candidates, fast);
      else encodeQr(enc, b, prev, profile, fast);
    }
    prev = b;
  }
  batch.flushTo(enc);
  enc.cut(profile.cut);
  return trimAfterCut(enc.encode());
}

/**
 * The encoder ends a block with a newline even after the cut; on paper that feeds a blank
 * line at the top of the next customer's receipt, so the job ends at the GS V command.
 */
function trimAfterCut(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return end >= 3 && bytes[end - 3] === 0x1d && bytes[end - 2] === 0x56 ? bytes.slice(0, end) : bytes;
}
