/** Serial barcode scanner: the public surface for the composition root and the engine. */
export { SerialScanner } from './serial-scanner';
export { scannerOptionsFrom, ScannerOptionsError, backoffMs, DEFAULT_SILENCE_GAP_MS } from './options';
export type { ScannerStatus, Framing, SerialScannerOptions, ScanFrame, ScanDrop, DropReason, StatusDetail, ScannerEvents } from './types';
export { SuffixFramer, type Framer, type Suffix } from './suffix-framer';
export { SilenceFramer, type FramerTimers } from './silence-framer';
export { type FrameOutcome, type FrameSink } from './frame-check';
