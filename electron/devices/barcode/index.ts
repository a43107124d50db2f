/** Barcode parsing and validation: the public surface of electron/devices/barcode. Pure. */
export type {
  BarcodeError,
  BarcodeErrorCode,
  ParseOptions,
  ParseResult,
  ScanCode,
  Symbology,
  VariableMeasure,
  WeightRule,
} from './types';
export { parseBarcode, DEFAULT_MAX_LENGTH } from './parse';
export { DEFAULT_WEIGHT_RULES, validateRules, priceVerifierDigit, WeightRuleError } from './weight-rules';
export { expandUpcE } from './upc-e';
export { gs1Date } from './gs1-fields';
export { GS } from './gs1';
export { gtinCheckDigit, hasValidCheckDigit, toGtin14, withCheckDigit } from './gtin';
