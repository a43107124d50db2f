/**
 * ESC/POS bytes → what a printer would put on paper: styled text rows, QR payloads,
 * raster images and cuts. Covers the subset Kassa emits and skips anything else with a
 * note (a real printer would ignore or misprint it; tests can assert there are no notes).
 */
import { codepageNumbering, codepageTable, type CodepageMapping } from '../codepages';
import { hex, readToken } from './escpos-tokens';

export type Align = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  /** True when any printed (non-space) character of the row was emphasized. */
  bold: boolean;
  underline: boolean;
  align: Align;
  /** Character magnification (GS ! / ESC !), 1 = normal. */
  size: { width: number; height: number };
}

export interface DecodedRaster {
  /** Width in dots (multiple of 8) and height in dots. */
  width: number;
  height: number;
  /** Row-major, 1 bit per dot, MSB = leftmost dot, 1 = black (GS v 0 layout). */
  bits: Uint8Array;
  align: Align;
}

export interface DecodedQr {
  payload: string;
  /** Module size in dots (GS ( k fn 67), default 3. */
  moduleSize: number;
  errorLevel: 'L' | 'M' | 'Q' | 'H';
  align: Align;
}

export type DecodedElement =
  | { kind: 'line'; line: DecodedLine }
  | { kind: 'qr'; qr: DecodedQr }
  | { kind: 'raster'; raster: DecodedRaster }
  | { kind: 'cut'; partial: boolean };

export interface DecodedReceipt {
  /** Paper in order: rows, QR codes, images, cuts (what the PNG renderer draws). */
  elements: DecodedElement[];
  lines: DecodedLine[];
  qrPayloads: string[];
  rasterImages: DecodedRaster[];
  cuts: number;
  /** Rows joined with \n, right-trimmed; QR as "[QR: payload]", images as "[image WxH]"; blank feed before a cut dropped. */
  text: string;
  /** Commands skipped or not understood. */
  notes: string[];
  /** Code pages selected with ESC t, in order of first use. */
  codepages: string[];
}

export interface DecodeOptions {
  /** How ESC t n numbers map to code pages on this printer; default 'epson'. */
  codepageMapping?: CodepageMapping;
}

interface Style { bold: boolean; underline: boolean; width: number; height: number; align: Align; codepage: number }
const RESET: Style = { bold: false, underline: false, width: 1, height: 1, align: 'left', codepage: 0 };
const ALIGNS: Align[] = ['left', 'center', 'right'];
const LEVELS = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const;

export function decodeEscPos(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedReceipt {
  const numbering = codepageNumbering(opts.codepageMapping ?? 'epson');
  const out: DecodedReceipt = { elements: [], lines: [], qrPayloads: [], rasterImages: [], cuts: 0, text: '', notes: [], codepages: [] };
  let st: Style = { ...RESET };
  let chars = '';
  let lineBold = false;
  let lineUnderline = false;
  let lineW = 1;
  let lineH = 1;
  let qrStored = '';
  let qrSize = 3;
  let qrLevel: DecodedQr['errorLevel'] = 'L';
  let afterGraphic = false;
  let table = codepageTable(numbering.get(0) ?? 'cp437');

  const flushLine = () => {
    // The newline that ends a QR/image block feeds nothing on a real printer either.
    if (afterGraphic && chars === '') { afterGraphic = false; return; }
    const line: DecodedLine = { text: chars, bold: lineBold, underline: lineUnderline, align: st.align, size: { width: lineW, height: lineH } };
    out.elements.push({ kind: 'line', line });
    out.lines.push(line);
    chars = '';
    lineBold = lineUnderline = false;
    lineW = lineH = 1;
    afterGraphic = false;
  };
  const selectCodepage = (n: number) => {
    const cp = numbering.get(n);
    if (!cp) { out.notes.push(`ESC t ${n}: no code page known for this number`); return; }
    st.codepage = n;
    table = codepageTable(cp);
    if (!out.codepages.includes(cp)) out.codepages.push(cp);
  };

  for (let p = 0; p < bytes.length;) {
    const t = readToken(bytes, p);
    if (!t) { out.notes.push(`truncated command at byte ${p}: ${hex(bytes.subarray(p, p + 8))}`); break; }
    p += t.len;
    const tok = t.token;
    if (tok.kind === 'unknown') { out.notes.push(tok.note); continue; }
    if (tok.kind === 'text') {
      const ch = table[tok.byte] ?? '\uFFFD';
      chars += ch;
      if (ch !== ' ') {
        lineBold ||= st.bold;
        lineUnderline ||= st.underline;
        lineW = Math.max(lineW, st.width);
        lineH = Math.max(lineH, st.height);
      }
      continue;
    }
    const b = tok.bytes;
    const a = b[2] ?? 0;
    switch (tok.name) {
      case 'LF': flushLine(); break;
      case 'CR': break;
      case 'ESC @': st = { ...RESET }; table = codepageTable(numbering.get(0) ?? 'cp437'); break;
      case 'ESC E': case 'ESC G': st.bold = (a & 1) === 1; break;
      case 'ESC -': st.underline = (a & 3) !== 0 && a !== 48; break;
      case 'ESC !':
        st.bold = (a & 0x08) !== 0; st.height = a & 0x10 ? 2 : 1; st.width = a & 0x20 ? 2 : 1; st.underline = (a & 0x80) !== 0;
        break;
      case 'GS !': st.width = (a >> 4) + 1; st.height = (a & 0x0f) + 1; break;
      case 'ESC a': st.align = ALIGNS[a % 48] ?? 'left'; break;
      case 'ESC t': selectCodepage(a); break;
      case 'ESC d': {
        if (chars !== '') flushLine();
        for (let i = 0; i < a; i++) { afterGraphic = false; flushLine(); }
        break;
      }
      case 'GS V': out.elements.push({ kind: 'cut', partial: a === 1 || a === 49 || a === 66 }); out.cuts += 1; break;
      case 'GS ( k': {
        const cn = b[5];
        const fn = b[6];
        if (cn !== 49) { out.notes.push(`GS ( k symbol ${cn} skipped`); break; }
        if (fn === 67) qrSize = b[7] ?? 3;
        else if (fn === 69) qrLevel = LEVELS[(b[7] ?? 48) as keyof typeof LEVELS] ?? 'L';
        else if (fn === 80) qrStored = new TextDecoder().decode(b.subarray(8));
        else if (fn === 81) {
          if (chars !== '') flushLine();
          const qr: DecodedQr = { payload: qrStored, moduleSize: qrSize, errorLevel: qrLevel, align: st.align };
          out.elements.push({ kind: 'qr', qr });
          out.qrPayloads.push(qrStored);
          afterGraphic = true;
        }
        break;
      }
      case 'GS v 0': {
        if (chars !== '') flushLine();
        const width = (b[4]! + b[5]! * 256) * 8;
        const height = b[6]! + b[7]! * 256;
        const bits = b.slice(8);
        const prev = out.elements[out.elements.length - 1];
        if (prev?.kind === 'raster' && prev.raster.width === width) {
          // The encoder splits tall images into 255-row commands; they join seamlessly on paper.
          const joined = new Uint8Array(prev.raster.bits.length + bits.length);
          joined.set(prev.raster.bits);
          joined.set(bits, prev.raster.bits.length);
          prev.raster.bits = joined;
          prev.raster.height += height;
        } else {
          const raster: DecodedRaster = { width, height, bits, align: st.align };
          out.elements.push({ kind: 'raster', raster });
          out.rasterImages.push(raster);
        }
        afterGraphic = true;
        break;
      }
      case 'DLE EOT': case 'DLE ENQ':
        out.notes.push(`${tok.name} ${a} (status request in the print stream) ignored`);
        break;
      case 'ESC M': case 'FS .': case 'FS &': case 'ESC 2': case 'ESC 3': case 'GS P': case 'ESC J': case 'ESC 4': case 'GS B':
        break; // font, Kanji mode, spacing and motion units: no effect on the decoded text
      default:
        out.notes.push(`${tok.name} (${hex(b.subarray(0, 6))}) not interpreted`);
    }
  }
  if (chars !== '') flushLine();
  out.text = plainText(out.elements);
  return out;
}

function plainText(elements: DecodedElement[]): string {
  const rows: string[] = [];
  const dropFeed = () => { while (rows.length && rows[rows.length - 1] === '') rows.pop(); };
  for (const e of elements) {
    if (e.kind === 'line') rows.push(e.line.text.trimEnd());
    else if (e.kind === 'qr') rows.push(`[QR: ${e.qr.payload}]`);
    else if (e.kind === 'raster') rows.push(`[image ${e.raster.width}x${e.raster.height}]`);
    else { dropFeed(); rows.push('-- cut --'); }
  }
  dropFeed();
  return rows.join('\n');
}
