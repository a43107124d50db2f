/**
 * Splits an ESC/POS byte stream into commands, knowing each command's length (including
 * the binary payloads of GS ( k, GS v 0, ESC *, GS k). Shared by the decoder and the
 * virtual printer, which must not mistake image bytes for a DLE EOT status request.
 */
export type EscPosToken =
  | { kind: 'text'; byte: number }
  | { kind: 'cmd'; name: string; bytes: Uint8Array }
  | { kind: 'unknown'; bytes: Uint8Array; note: string };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Fixed total lengths of ESC x commands by x. */
const ESC_FIXED: Record<number, [string, number]> = {
  0x40: ['ESC @', 2], 0x45: ['ESC E', 3], 0x2d: ['ESC -', 3], 0x21: ['ESC !', 3], 0x61: ['ESC a', 3],
  0x4d: ['ESC M', 3], 0x74: ['ESC t', 3], 0x64: ['ESC d', 3], 0x4a: ['ESC J', 3], 0x32: ['ESC 2', 2],
  0x33: ['ESC 3', 3], 0x47: ['ESC G', 3], 0x56: ['ESC V', 3], 0x7b: ['ESC {', 3], 0x34: ['ESC 4', 3],
  0x70: ['ESC p', 5], 0x72: ['ESC r', 3], 0x52: ['ESC R', 3], 0x20: ['ESC SP', 3], 0x24: ['ESC $', 4],
  0x63: ['ESC c', 4], 0x3d: ['ESC =', 3], 0x55: ['ESC U', 3],
};
const GS_FIXED: Record<number, [string, number]> = {
  0x21: ['GS !', 3], 0x42: ['GS B', 3], 0x50: ['GS P', 4], 0x4c: ['GS L', 4], 0x57: ['GS W', 4],
  0x48: ['GS H', 3], 0x68: ['GS h', 3], 0x77: ['GS w', 3], 0x66: ['GS f', 3], 0x61: ['GS a', 3],
  0x72: ['GS r', 3], 0x49: ['GS I', 3], 0x62: ['GS b', 3],
};
const FS_FIXED: Record<number, [string, number]> = { 0x2e: ['FS .', 2], 0x26: ['FS &', 2], 0x43: ['FS C', 3], 0x21: ['FS !', 3] };

/** Total length of the command at p, 0 if more bytes are needed to know, or -1 if unknown. */
function lengthAt(b: Uint8Array, p: number): { name: string; len: number } | 'more' | 'unknown' {
  const c0 = b[p]!;
  const c1 = b[p + 1];
  if (c1 === undefined) return 'more';
  if (c0 === DLE) {
    if (c1 === 0x04) return { name: 'DLE EOT', len: 3 };
    if (c1 === 0x05) return { name: 'DLE ENQ', len: 3 };
    if (c1 === 0x14) return { name: 'DLE DC4', len: 5 };
    return 'unknown';
  }
  if (c0 === ESC) {
    if (c1 === 0x2a) {
      if (p + 4 >= b.length) return 'more';
      const m = b[p + 2]!;
      const n = b[p + 3]! + b[p + 4]! * 256;
      return { name: 'ESC *', len: 5 + (m >= 32 ? 3 * n : n) };
    }
    const f = ESC_FIXED[c1];
    return f ? { name: f[0], len: f[1] } : 'unknown';
  }
  if (c0 === FS) {
    const f = FS_FIXED[c1];
    return f ? { name: f[0], len: f[1] } : 'unknown';
  }
  // GS
  if (c1 === 0x56) {
    if (p + 2 >= b.length) return 'more';
    const m = b[p + 2]!;
    return { name: 'GS V', len: m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4 };
  }
  if (c1 === 0x28) {
    if (p + 4 >= b.length) return 'more';
    return { name: `GS ( ${String.fromCharCode(b[p + 2]!)}`, len: 5 + b[p + 3]! + b[p + 4]! * 256 };
  }
  if (c1 === 0x76) {
    if (p + 7 >= b.length) return 'more';
    const xBytes = b[p + 4]! + b[p + 5]! * 256;
    const rows = b[p + 6]! + b[p + 7]! * 256;
    return { name: 'GS v 0', len: 8 + xBytes * rows };
  }
  if (c1 === 0x6b) {
    if (p + 2 >= b.length) return 'more';
    const m = b[p + 2]!;
    if (m >= 65) {
      if (p + 3 >= b.length) return 'more';
      return { name: 'GS k', len: 4 + b[p + 3]! };
    }
    const end = b.indexOf(0, p + 3);
    return end < 0 ? 'more' : { name: 'GS k', len: end - p + 1 };
  }
  const f = GS_FIXED[c1];
  return f ? { name: f[0], len: f[1] } : 'unknown';
}

/**
 * The token at p and its length, or null when the stream ends inside a command
 * (a streaming reader waits for more bytes).
 */
export function readToken(b: Uint8Array, p: number): { token: EscPosToken; len: number } | null {
  const c0 = b[p];
  if (c0 === undefined) return null;
  if (c0 === ESC || c0 === GS || c0 === FS || c0 === DLE) {
    const r = lengthAt(b, p);
    if (r === 'more') return null;
    if (r === 'unknown') {
      const bytes = b.subarray(p, p + 2);
      return { token: { kind: 'unknown', bytes, note: `unknown command ${hex(bytes)} skipped` }, len: 2 };
    }
    if (p + r.len > b.length) return null;
    return { token: { kind: 'cmd', name: r.name, bytes: b.subarray(p, p + r.len) }, len: r.len };
  }
  if (c0 === 0x0a) return { token: { kind: 'cmd', name: 'LF', bytes: b.subarray(p, p + 1) }, len: 1 };
  if (c0 === 0x0d) return { token: { kind: 'cmd', name: 'CR', bytes: b.subarray(p, p + 1) }, len: 1 };
  if (c0 < 0x20) {
    const bytes = b.subarray(p, p + 1);
    return { token: { kind: 'unknown', bytes, note: `control byte ${hex(bytes)} skipped` }, len: 1 };
  }
  return { token: { kind: 'text', byte: c0 }, len: 1 };
}

export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
