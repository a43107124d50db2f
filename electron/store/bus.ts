/**
 * The store bus: what kiosks, the store node and head office exchange. Two implementations with
 * the same behaviour: in-process (memory-bus.ts, a one-kiosk shop and tests) and NATS JetStream
 * (nats-bus.ts, a store). Payloads are bytes (JSON); every receiver validates them (wire.ts).
 */
export interface AppendAck {
  /** The store stream's sequence of the event. */
  seq: number;
  /** The stream had already stored this message id (a resend after a lost ack). */
  duplicate: boolean;
}

export class BusError extends Error {
  override readonly name = 'BusError';
  constructor(
    readonly code: 'timeout' | 'no-responders' | 'closed' | 'refused' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export type Unsubscribe = () => void;

export interface StoreBus {
  readonly kind: 'memory' | 'nats';
  readonly storeId: string;
  /** Appends to the store stream; resolves on the stream's acknowledgement. `msgId` de-duplicates. */
  append(subject: string, data: Uint8Array, msgId: string): Promise<AppendAck>;
  /** Fire-and-forget broadcast (not stored). */
  publish(subject: string, data: Uint8Array): void;
  /** Core subscription (wildcards `*` and `>`); also sees appended events. */
  subscribe(subject: string, onMessage: (data: Uint8Array, subject: string) => void): Unsubscribe;
  /** Request/reply; rejects with BusError 'timeout' or 'no-responders'. */
  request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  /** Answers requests on `subject` (wildcards allowed; one answerer per subject expected); the handler is told the subject asked. */
  serve(subject: string, handler: (data: Uint8Array, subject: string) => Promise<Uint8Array>): Unsubscribe;
  /** The lane registry: puts a kiosk's snapshot under its lane id (acknowledged by the bucket). */
  putLane(laneId: string, data: Uint8Array): Promise<void>;
  /** Current entries, then every change; `at` is when the bus stored it (ms since epoch). */
  watchLanes(onEntry: (laneId: string, data: Uint8Array, at: number) => void): Promise<Unsubscribe>;
  /** Whether the bus is connected now. */
  connected(): boolean;
  close(): Promise<void>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const toBytes = (v: unknown): Uint8Array => enc.encode(JSON.stringify(v));
/** JSON from bytes, or undefined when it is not JSON (the caller refuses it). */
export function fromBytes(b: Uint8Array, maxBytes: number): unknown {
  if (b.byteLength > maxBytes) return undefined;
  try {
    return JSON.parse(dec.decode(b)) as unknown;
  } catch {
    return undefined;
  }
}

/** NATS subject matching with `*` (one token) and `>` (the rest). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
