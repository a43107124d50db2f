/**
 * What a framer reports for each completed frame. Pure: no I/O, no timers.
 */
export type FrameOutcome =
  | { kind: 'frame'; text: string; bytes: number }
  | {
      kind: 'dropped';
      reason: 'garbage' | 'too-long' | 'empty';
      /** Frame length in bytes, terminator excluded. */
      bytes: number;
      /** Hex of at most 16 leading bytes, always shorter than the frame (a frame may be personal data). */
      preview: string;
      /** Offset of the first byte outside the allowed set (garbage only). */
      badAt?: number;
    };

export type FrameSink = (o: FrameOutcome) => void;

/** GS (0x1D) separates GS1 element strings, so it is allowed besides printable ASCII. */
const GS = 0x1d;

export const PREVIEW_MAX_BYTES = 16;

/** True for printable ASCII 0x20–0x7E and GS. */
export function isFrameByte(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === GS;
}

/** Hex of up to 16 leading bytes of a frame of `length` bytes, never all of it. */
export function previewHex(bytes: Uint8Array, length = bytes.length): string {
  const n = Math.min(PREVIEW_MAX_BYTES, bytes.length, Math.max(0, length - 1));
  return Buffer.from(bytes.subarray(0, n)).toString('hex');
}

/** Classifies a complete frame that fits within the length limit. */
export function checkFrame(frame: Uint8Array): FrameOutcome {
  if (frame.length === 0) return { kind: 'dropped', reason: 'empty', bytes: 0, preview: '' };
  for (let i = 0; i < frame.length; i++) {
    if (!isFrameByte(frame[i]!)) return { kind: 'dropped', reason: 'garbage', bytes: frame.length, preview: previewHex(frame), badAt: i };
  }
  return { kind: 'frame', text: Buffer.from(frame).toString('latin1'), bytes: frame.length };
}
