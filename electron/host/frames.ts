/**
 * The browser host's wire format, checked before anything reaches the contract:
 *   client → host  { t: "invoke", id, channel, payload }
 *   host → client  { t: "result", id, result }, { t: "push", channel, payload },
 *                  { t: "error", id: null, error }  (a frame without a usable id)
 * Every refused frame is answered (a `result` with `ok: false` when it carried a usable id,
 * otherwise an `error` frame) and changes nothing.
 */
import type { IntentResult } from '../ipc/contract';

/** Largest text frame the host reads (bytes). Larger ones are answered `frame-too-large`. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Anything above this the WebSocket layer closes the connection for (1009) without reading it. */
export const MAX_WIRE_BYTES = 256 * 1024;

export type FrameError = { code: 'frame-too-large' | 'binary-frame' | 'not-json' | 'bad-frame' | 'rate-limited'; message: string };

export type ClientFrame = { ok: true; id: number; channel: unknown; payload: unknown } | { ok: false; id: number | null; error: FrameError };

function validId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= 0x7fffffff;
}

/** Reads one client frame. Never throws. */
export function parseClientFrame(data: Buffer | string, isBinary: boolean): ClientFrame {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > MAX_FRAME_BYTES) return { ok: false, id: null, error: { code: 'frame-too-large', message: `frames are limited to ${MAX_FRAME_BYTES} bytes` } };
  if (isBinary) return { ok: false, id: null, error: { code: 'binary-frame', message: 'only JSON text frames are accepted' } };
  let msg: unknown;
  try {
    msg = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return { ok: false, id: null, error: { code: 'not-json', message: 'the frame is not JSON' } };
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return { ok: false, id: null, error: { code: 'bad-frame', message: 'a frame must be a JSON object' } };
  const m = msg as Record<string, unknown>;
  const id = validId(m.id) ? m.id : null;
  if (m.t !== 'invoke') return { ok: false, id, error: { code: 'bad-frame', message: 'only { t: "invoke" } frames are accepted' } };
  if (id === null) return { ok: false, id: null, error: { code: 'bad-frame', message: 'id must be an integer from 0 to 2^31-1' } };
  return { ok: true, id, channel: m.channel, payload: m.payload };
}

/** The reply to a refused frame. */
export function refusalFrame(id: number | null, error: FrameError): string {
  if (id === null) return JSON.stringify({ t: 'error', id: null, error });
  const result: IntentResult = { ok: false, error };
  return JSON.stringify({ t: 'result', id, result });
}

/**
 * A token bucket: `capacity` messages at once, refilled at `perSecond`. `take()` is false
 * when the budget is spent. Clock-injected for tests.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(capacity >= 1) || !(perSecond > 0)) throw new RangeError('capacity must be ≥ 1 and perSecond > 0');
    this.tokens = capacity;
    this.at = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
