/**
 * The typed result of reading one scanner frame. Shared by the parser, the scanner service
 * and the engine (which looks `gtin14` / `lookupGtin14` up in the catalog).
 */

/** The barcode kind, from the AIM identifier when the scanner sends one, else from the data. */
export type Symbology =
  | 'EAN-13'
  | 'EAN-8'
  | 'UPC-A'
  | 'UPC-E'
  | 'GTIN-14'
  | 'GS1-128'
  | 'GS1-DataMatrix'
  | 'GS1-DataBar'
  | 'Code128'
  | 'Code39'
  | 'ITF'
  | 'DataMatrix'
  | 'QR'
  | 'unknown';

/**
 * One in-store variable-measure EAN-13 layout (prefixes 20–29), 13 pattern characters:
 * digits and classes like `[0-9]` match literally, I = item code, W = weight in grams,
 * P = price in cents, V = price/weight verifier digit (GS1 4- or 5-digit algorithm),
 * C = the EAN-13 check digit (last). E.g. "2[0-9]IIIIIWWWWWC" or "23IIIIIPPPPPC".
 */
export interface WeightRule {
  pattern: string;
  measure: 'weight' | 'price';
  /** Free text for logs and the settings screen. */
  name?: string;
}

/** Measure carried by a variable-measure code: grams, or cents (VAT included). */
export type VariableMeasure = { type: 'weight'; grams: number } | { type: 'price'; cents: number };

export type ScanCode =
  /** A trade item: `gtin14` is the catalog key (14 digits, left-padded with zeros). */
  | { kind: 'gtin'; gtin14: string; symbology: Symbology; raw: string }
  /**
   * In-store weight/price EAN-13. `lookupGtin14` is the code with measure (and verifier)
   * digits zeroed and the check digit recomputed; `rule` is the matching rule's pattern.
   */
  | {
      kind: 'variable';
      lookupGtin14: string;
      measure: VariableMeasure;
      rule: string;
      symbology: Symbology;
      raw: string;
    }
  /**
   * A GS1 element string. `ais` holds every AI's value as scanned (dates stay YYMMDD);
   * the decoded fields are convenience copies: grams (AI 310n), cents (AI 392n),
   * batch (10), expiry (17, YYYY-MM-DD), bestBefore (15, YYYY-MM-DD), serial (21).
   */
  | {
      kind: 'gs1';
      gtin14: string | null;
      ais: Record<string, string>;
      weightGrams?: number;
      priceCents?: number;
      batch?: string;
      expiry?: string;
      bestBefore?: string;
      serial?: string;
      symbology: Symbology;
      raw: string;
    }
  /** Not a product code (supervisor badges, QR text): printable ASCII as scanned. */
  | { kind: 'text'; text: string; symbology: Symbology; raw: string };

export type BarcodeErrorCode =
  | 'EMPTY'
  | 'BAD_CHARACTERS'
  | 'BAD_LENGTH'
  | 'BAD_CHECK_DIGIT'
  | 'BAD_GS1'
  | 'TOO_LONG'
  /** Zero (or unrepresentable) weight or price in a variable-measure or GS1 code. */
  | 'BAD_MEASURE'
  /** A malformed or missing AIM symbology identifier, or data that contradicts it. */
  | 'BAD_PREFIX';

export type BarcodeError = { ok: false; code: BarcodeErrorCode; message: string; raw: string };
export type ParseResult = { ok: true; code: ScanCode } | BarcodeError;

export interface ParseOptions {
  /** Variable-measure rules, first match wins. Default DEFAULT_WEIGHT_RULES; [] turns them off. */
  rules?: WeightRule[];
  /** The scanner sends an AIM identifier (`]E0`…) before every code. Default false. */
  aimPrefix?: boolean;
  /** Longest accepted frame in characters, prefix included. Default 128. */
  maxLength?: number;
  /**
   * How to read 8 digits without an AIM identifier when both readings are valid.
   * Default 'EAN-8' (the European kiosk's usual case).
   */
  eightDigits?: 'EAN-8' | 'UPC-E';
  /** Today, for the GS1 century window of YYMMDD dates. Default: the current date. */
  now?: Date;
}

/** Internal result of a sub-parser: a value or an error without `raw` (the caller adds it). */
export type Step<T> = { ok: true; value: T } | { ok: false; code: BarcodeErrorCode; message: string };

export function stepFail(code: BarcodeErrorCode, message: string): { ok: false; code: BarcodeErrorCode; message: string } {
  return { ok: false, code, message };
}
