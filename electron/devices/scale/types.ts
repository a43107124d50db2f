/**
 * Public contract of the serial scale. The scale reports what it weighs; it never prices
 * anything (the engine does, from the product's price per kg).
 */

/** Port state, as for the scanner: `ready` means the port is open, not that a weight is there. */
export type ScalePortStatus = 'connecting' | 'ready' | 'unavailable' | 'stopped';

/**
 * One answer to a weight request.
 * - `stable`: a settled weight in whole grams (may be 0 or negative only via `under-zero`).
 * - `motion`: the scale is still moving; `grams` is the moving value when it was readable.
 * - `under-zero` / `over-capacity` / `not-zeroed`: the scale's own error states.
 * - `unavailable`: no port, no answer in time, or only unreadable answers.
 */
export type ScaleReading =
  | { kind: 'stable'; grams: number }
  | { kind: 'motion'; grams?: number }
  | { kind: 'under-zero' }
  | { kind: 'over-capacity' }
  | { kind: 'not-zeroed' }
  | { kind: 'unavailable'; error: string };

export type ScaleReadingKind = ScaleReading['kind'];

/** Wire protocols the adapter speaks; one for now (see README). */
export type ScaleProtocol = 'nci';

export interface SerialScaleOptions {
  /** Device path, e.g. /dev/ttyUSB1. */
  path: string;
  /** Line speed; default 9600. */
  baudRate: number;
  /** NCI scales use 7 data bits with parity; default 7 / even. */
  dataBits: 7 | 8;
  parity: 'even' | 'odd' | 'none';
  protocol: ScaleProtocol;
  /** How long a weight request waits for the answer (ms); default 1000. */
  responseTimeoutMs: number;
  /** Reopen backoff, as for the scanner. */
  reconnect: { initialMs: number; maxMs: number; factor: number };
  /** Device path check while open (ms), 0 disables; default 250. */
  watchMs: number;
}

export interface ScaleStatusDetail {
  error?: string;
  attempt?: number;
}

/** A frame the adapter could not use: `garbage` (bytes outside a frame, unreadable frame) or `too-long`. */
export interface ScaleDrop {
  reason: 'garbage' | 'too-long';
  bytes: number;
}

export interface ScaleEvents {
  status: (s: ScalePortStatus, detail?: ScaleStatusDetail) => void;
  reading: (r: ScaleReading) => void;
  dropped: (d: ScaleDrop) => void;
}
