/**
 * Receipt → ESC/POS bytes for one printer profile. Pure: the same receipt and profile give
 * the same bytes (golden-file tested). Layout comes from checkout/receipt-layout; this adds
 * styles, code-page switching (ESC t before any text that needs it, chosen from the
 * profile's vendor mapping like the encoder's 'auto' mode), QR (native GS ( k or a GS v 0
 * raster image) and the cut.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import QRCode from 'qrcode';
import { layoutReceipt, type ReceiptBlock } from '../../checkout/receipt-layout';
import type { Receipt } from '../../checkout/receipt';
import { codepageCandidates, splitByCodepage } from './codepages';
import type { PrinterProfile } from './profile';

/** QR error correction level used for every receipt QR (M: 15 % recovery, small symbols). */
export const QR_ERROR_LEVEL = 'm';

/** A QR code as an RGBA bitmap object (what the encoder's image() takes), with a 4-module quiet zone. */
export function qrBitmap(text: string, moduleDots: number): { width: number; height: number; data: Uint8ClampedArray } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
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

function encodeBlock(enc: ReceiptPrinterEncoder, b: ReceiptBlock, profile: PrinterProfile, candidates: Codepage[]): void {
  switch (b.kind) {
    case 'blank':
      enc.newline();
      return;
    case 'text':
      if (b.bold) enc.bold(true);
      if (b.tall) enc.height(2);
      for (const run of splitByCodepage(b.text, candidates)) enc.codepage(run.codepage).text(run.text);
      enc.newline();
      if (b.tall) enc.height(1);
      if (b.bold) enc.bold(false);
      return;
    case 'qr':
      enc.align('center');
      if (profile.qr === 'native') {
        enc.qrcode(b.text, { model: 2, size: profile.qrModuleSize, errorlevel: QR_ERROR_LEVEL });
      } else {
        const bmp = qrBitmap(b.text, profile.qrModuleSize);
        const w = Math.min(bmp.width, profile.dotsWidth);
        enc.image(bmp, { width: w, height: w, algorithm: 'threshold', mode: profile.imageMode });
      }
      enc.align('left');
      return;
  }
}

/** The receipt as ESC/POS bytes for this printer: ESC @ first, cut last. */
export function encodeReceipt(r: Receipt, profile: PrinterProfile): Uint8Array {
  const enc = newEncoder(profile);
  // initialize() is explicit: ESC @ resets a printer left in Kanji mode or a stray style.
  enc.initialize();
  const candidates = codepageCandidates(profile.codepageMapping);
  for (const b of layoutReceipt(r, profile.columns)) encodeBlock(enc, b, profile, candidates);
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
