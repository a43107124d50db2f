/**
 * Public contract of the serial barcode scanner. The scanner delivers frames of text;
 * it never interprets them as barcodes (that is `devices/barcode/`).
 */

/** `connecting`: first open in progress; `ready`: port open; `unavailable`: retrying; `stopped`: not started or stopped. */
export type ScannerStatus = 'connecting' | 'ready' | 'unavailable' | 'stopped';

/** Suffix framing ends a frame at a terminator byte; silence framing after `gapMs` (default 30 ms) without bytes. */
export type Framing =
  | { kind: 'suffix'; suffix: 'CR' | 'LF' | 'CRLF' | 'TAB' }
  | { kind: 'silence'; gapMs: number };

export interface SerialScannerOptions {
  /** Device path, e.g. /dev/ttyACM0. */
  path: string;
  /** Line speed in baud; default 9600. */
  baudRate: number;
  /** How bytes are cut into frames; default suffix CR. */
  framing: Framing;
  /** Longest accepted frame in bytes, terminator excluded; default 128. */
  maxFrameLength: number;
  /** An identical frame within this many ms of the previous identical frame is dropped; default 1000. */
  debounceMs: number;
  /** Reopen backoff in ms: initialMs (250), multiplied by factor (2) per failed attempt, capped at maxMs (5000). */
  reconnect: { initialMs: number; maxMs: number; factor: number };
  /** How often (ms) the device path is checked while open, to notice an unplug that reads miss; default 250, 0 disables. */
  watchMs?: number;
  /** Time source in ms for `ScanFrame.at` and debounce; default Date.now. */
  clock?: { now(): number };
}

/** One frame of printable text as the scanner sent it, terminator removed. */
export interface ScanFrame {
  text: string;
  /** Clock time in ms when the frame was completed. */
  at: number;
  /** Frame length in bytes, terminator excluded. */
  bytes: number;
}

export type DropReason = 'garbage' | 'too-long' | 'duplicate' | 'empty';

/** A frame that was not delivered; `bytes` is its length, terminator excluded. */
export interface ScanDrop {
  reason: DropReason;
  bytes: number;
}

export interface StatusDetail {
  error?: string;
  /** 1-based open attempt since the scanner was last ready. */
  attempt?: number;
}

export interface ScannerEvents {
  frame: (f: ScanFrame) => void;
  status: (s: ScannerStatus, detail?: StatusDetail) => void;
  dropped: (d: ScanDrop) => void;
}
