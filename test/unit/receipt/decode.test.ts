import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../electron/devices/printer/virtual/decode';
import { readToken } from '../../../electron/devices/printer/virtual/escpos-tokens';
import { statusByte, statusFromReplies, isStatusByte, READY_FLAGS } from '../../../electron/devices/printer/status';

const b = (...x: Array<number | string>) =>
  Uint8Array.from(x.flatMap((v) => (typeof v === 'string' ? Array.from(Buffer.from(v, 'latin1')) : [v])));

describe('decodeEscPos', () => {
  it('tracks ESC !, ESC E, GS !, ESC a and ESC - per line', () => {
    const d = decodeEscPos(b(0x1b, 0x40, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 'Bold', 0x1b, 0x45, 0, 0x0a,
      0x1d, 0x21, 0x11, 'Big', 0x1d, 0x21, 0, 0x0a, 0x1b, 0x21, 0x88, 'U', 0x0a, 0x1b, 0x2d, 1, 'x', 0x0a));
    expect(d.lines).toEqual([
      { text: 'Bold', bold: true, underline: false, align: 'center', size: { width: 1, height: 1 } },
      { text: 'Big', bold: false, underline: false, align: 'center', size: { width: 2, height: 2 } },
      { text: 'U', bold: true, underline: true, align: 'center', size: { width: 1, height: 1 } },
      { text: 'x', bold: true, underline: true, align: 'center', size: { width: 1, height: 1 } },
    ]);
  });

  it('decodes code pages selected with ESC t (cp866, cp852, windows-1257)', () => {
    const d = decodeEscPos(b(0x1b, 0x74, 17, 0x8c, 0xa8, 0xe0, 0x0a, 0x1b, 0x74, 18, 0xbd, 0x0a, 0x1b, 0x74, 51, 0xf0, 0xf5, 0x0a));
    expect(d.lines.map((l) => l.text)).toEqual(['Мир', 'Ż', 'šõ']);
    expect(d.codepages).toEqual(['cp866', 'cp852', 'windows1257']);
  });

  it('reads QR payloads, ESC d feeds, both cut variants', () => {
    const data = Array.from(Buffer.from('https://x.ee/ä'));
    const len = data.length + 3;
    const d = decodeEscPos(b(0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 4, 0x1d, 0x28, 0x6b, len, 0, 0x31, 0x50, 0x30, ...data,
      0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, 0x0a, 'a', 0x1b, 0x64, 2, 0x1d, 0x56, 0x00, 'b', 0x0a, 0x1d, 0x56, 0x42, 3));
    expect(d.qrPayloads).toEqual(['https://x.ee/ä']);
    expect(d.cuts).toBe(2);
    expect(d.elements.map((e) => e.kind)).toEqual(['qr', 'line', 'line', 'line', 'cut', 'line', 'cut']);
    expect(d.elements[5]).toMatchObject({ kind: 'line', line: { text: 'b' } });
    expect(d.elements[4]).toEqual({ kind: 'cut', partial: false });
    expect(d.elements[6]).toEqual({ kind: 'cut', partial: true });
    expect(d.text).toBe('[QR: https://x.ee/ä]\na\n-- cut --\nb\n-- cut --');
  });

  it('keeps raster bitmaps and joins 255-row chunks', () => {
    const chunk = (rows: number, fill: number) => [0x1d, 0x76, 0x30, 0, 2, 0, rows, 0, ...new Array(2 * rows).fill(fill)];
    const d = decodeEscPos(b(...chunk(3, 0xff), ...chunk(2, 0x0f)));
    expect(d.rasterImages).toHaveLength(1);
    expect(d.rasterImages[0]).toMatchObject({ width: 16, height: 5 });
    expect(Array.from(d.rasterImages[0]!.bits)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0f, 0x0f, 0x0f]);
  });

  it('skips unknown commands with a note and keeps going', () => {
    const d = decodeEscPos(b('a', 0x1b, 0x7e, 'b', 0x07, 'c', 0x0a, 0x10, 0x04, 1));
    expect(d.lines.map((l) => l.text)).toEqual(['abc']);
    expect(d.notes).toHaveLength(3);
    expect(d.notes[0]).toMatch(/unknown command 1b 7e/);
    expect(d.notes[2]).toMatch(/DLE EOT 1/);
  });

  it('notes a stream that ends inside a command', () => {
    const d = decodeEscPos(b('x', 0x0a, 0x1d, 0x76, 0x30, 0, 2, 0, 10, 0, 1, 2));
    expect(d.lines.map((l) => l.text)).toEqual(['x']);
    expect(d.notes[0]).toMatch(/truncated/);
  });
});

describe('readToken', () => {
  it('never splits image data that contains a DLE EOT pattern', () => {
    const img = [0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x04, 0x01];
    const t = readToken(Uint8Array.from(img), 0);
    expect(t).toMatchObject({ len: 11, token: { kind: 'cmd', name: 'GS v 0' } });
    expect(readToken(Uint8Array.from(img.slice(0, 9)), 0)).toBeNull();
  });
});

describe('DLE EOT status bytes', () => {
  it('round-trips every flag combination into the state Kassa acts on', () => {
    for (let m = 0; m < 16; m++) {
      const f = { paperOut: !!(m & 1), paperNearEnd: !!(m & 2), coverOpen: !!(m & 4), offline: !!(m & 8) };
      const replies = { printer: statusByte(1, f), offlineCause: statusByte(2, f), paper: statusByte(4, f) };
      for (const r of Object.values(replies)) expect(isStatusByte(r)).toBe(true);
      const s = statusFromReplies(replies);
      const expected = f.coverOpen ? 'cover-open' : f.paperOut ? 'paper-out' : f.offline ? 'offline' : 'ready';
      expect(s.state).toBe(expected);
      expect(s.paperNearEnd).toBe(f.paperNearEnd || f.paperOut);
    }
  });
  it('uses the Epson bit layout', () => {
    expect(statusByte(1, READY_FLAGS)).toBe(0x12);
    expect(statusByte(4, { ...READY_FLAGS, paperOut: true })).toBe(0x7e);
    expect(statusByte(2, { ...READY_FLAGS, coverOpen: true })).toBe(0x16);
    expect(isStatusByte(0x00)).toBe(false);
  });
});
