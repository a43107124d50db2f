import { gs1AimId, gs1Symbology, readAimPrefix } from './aim';
import { GS, looksHumanReadableGs1, parseGs1 } from './gs1';
import { hasValidCheckDigit } from './gtin';
import { expandUpcE } from './upc-e';
import { DEFAULT_WEIGHT_RULES, decodeVariable } from './weight-rules';
import type { BarcodeError, BarcodeErrorCode, ParseOptions, ParseResult, Symbology, WeightRule } from './types';

/** Default longest frame, in characters (AIM prefix included). */
export const DEFAULT_MAX_LENGTH = 128;

/**
 * One scanner frame (suffix already removed by the scanner) → a typed ScanCode, or an
 * error with a `code` the UI translates. Never throws for bad input; throws WeightRuleError
 * only for an invalid rule table (check it at start-up with validateRules).
 */
export function parseBarcode(raw: string, opts: ParseOptions = {}): ParseResult {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  if (raw.length === 0) return fail('EMPTY', 'no data', raw);
  if (raw.length > maxLength) return fail('TOO_LONG', `${raw.length} characters, the limit is ${maxLength}`, raw);
  const badAt = badCharacterAt(raw);
  if (badAt >= 0) {
    const hex = raw.charCodeAt(badAt).toString(16).toUpperCase().padStart(4, '0');
    return fail('BAD_CHARACTERS', `control or non-ASCII character U+${hex} at position ${badAt}`, raw);
  }
  const ctx: Ctx = { raw, rules: opts.rules ?? DEFAULT_WEIGHT_RULES, eightDigits: opts.eightDigits ?? 'EAN-8', now: opts.now ?? new Date() };

  if (opts.aimPrefix) {
    const aim = readAimPrefix(raw);
    if (!aim.ok) return fail(aim.code, aim.message, raw);
    const { data, reading, id } = aim.value;
    if (data.length === 0) return fail('EMPTY', `no data after ${id}`, raw);
    switch (reading.family) {
      case 'ean':
        return numeric(data, ctx, reading.ean8 ? 'E4' : 'E0');
      case 'gs1':
        return gs1(data, reading.symbology, ctx);
      case 'itf':
        return /^\d{14}$/.test(data) ? numeric(data, ctx, 'I') : text(data, 'ITF', raw);
      case 'text':
        return text(data, reading.symbology, raw);
    }
  }
  const gs1Id = gs1AimId(raw);
  if (gs1Id) return gs1(raw.slice(3), gs1Symbology(gs1Id), ctx);
  // Without an identifier, GS1 shows itself by FNC1, by "(01)…" text, or by a GTIN AI
  // followed by more data (scanners set to drop the ]C1).
  if (raw.includes(GS) || looksHumanReadableGs1(raw) || /^0[12]\d{14}/.test(raw)) return gs1(raw, 'unknown', ctx);
  if (/^\d+$/.test(raw)) return numeric(raw, ctx, null);
  return text(raw, 'unknown', raw);
}

interface Ctx {
  raw: string;
  rules: readonly WeightRule[];
  eightDigits: 'EAN-8' | 'UPC-E';
  now: Date;
}

function fail(code: BarcodeErrorCode, message: string, raw: string): BarcodeError {
  return { ok: false, code, message, raw };
}

/** Index of the first character that is neither printable ASCII nor GS, or -1. */
function badCharacterAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && c !== 0x1d) return i;
  }
  return -1;
}

function text(data: string, symbology: Symbology, raw: string): ParseResult {
  if (data.includes(GS)) return fail('BAD_CHARACTERS', 'GS separator in non-GS1 data', raw);
  return { ok: true, code: { kind: 'text', text: data, symbology, raw } };
}

function gs1(data: string, symbology: Symbology, ctx: Ctx): ParseResult {
  if (data.length === 0) return fail('EMPTY', 'no GS1 data after the symbology identifier', ctx.raw);
  const parsed = parseGs1(data, ctx.now);
  if (!parsed.ok) return fail(parsed.code, parsed.message, ctx.raw);
  return { ok: true, code: { kind: 'gs1', ...parsed.value, symbology, raw: ctx.raw } };
}

/** What the AIM identifier said about digits: ]E0, ]E4, ]I0/1 (ITF-14) or nothing. */
type DigitsHint = 'E0' | 'E4' | 'I' | null;

function numeric(d: string, ctx: Ctx, hint: DigitsHint): ParseResult {
  const { raw } = ctx;
  if (!/^\d+$/.test(d)) return fail('BAD_CHARACTERS', 'EAN/UPC data must be digits only', raw);
  const gtin = (gtin14: string, symbology: Symbology): ParseResult => ({ ok: true, code: { kind: 'gtin', gtin14, symbology, raw } });
  const badCheck = (what: string): ParseResult => fail('BAD_CHECK_DIGIT', `${what} ${d} has a wrong check digit`, raw);
  if (hint === 'E4' && d.length !== 8) return fail('BAD_LENGTH', `EAN-8 (]E4) needs 8 digits, got ${d.length}`, raw);
  if (hint === 'I') return hasValidCheckDigit(d) ? gtin(d, 'ITF') : badCheck('ITF-14');
  switch (d.length) {
    case 6:
    case 7: {
      const upca = expandUpcE(d);
      return upca ? gtin('00' + upca, 'UPC-E') : fail('BAD_LENGTH', `${d.length} digits but not a UPC-E (number system must be 0 or 1)`, raw);
    }
    case 8: {
      const ean8 = hint !== 'E0' && hasValidCheckDigit(d);
      const upca = hint !== 'E4' ? expandUpcE(d) : null;
      if (ean8 && (!upca || ctx.eightDigits === 'EAN-8')) return gtin(d.padStart(14, '0'), 'EAN-8');
      if (upca) return gtin('00' + upca, 'UPC-E');
      return badCheck(hint === 'E0' ? 'UPC-E' : 'EAN-8');
    }
    case 12:
      return hasValidCheckDigit(d) ? gtin('00' + d, 'UPC-A') : badCheck('UPC-A');
    case 13:
      return ean13(d, ctx);
    case 14:
      if (hint === 'E0') break;
      return hasValidCheckDigit(d) ? gtin(d, 'GTIN-14') : badCheck('GTIN-14');
  }
  return fail('BAD_LENGTH', `${d.length} digits is not an EAN/UPC/GTIN length (6, 7, 8, 12, 13, 14)`, raw);
}

function ean13(d: string, ctx: Ctx): ParseResult {
  const { raw } = ctx;
  if (!hasValidCheckDigit(d)) return fail('BAD_CHECK_DIGIT', `EAN-13 ${d} has a wrong check digit`, raw);
  if (d.startsWith('2')) {
    const variable = decodeVariable(d, ctx.rules);
    if (variable && !variable.ok) return fail(variable.code, variable.message, raw);
    if (variable) return { ok: true, code: { kind: 'variable', ...variable.value, symbology: 'EAN-13', raw } };
  }
  return { ok: true, code: { kind: 'gtin', gtin14: '0' + d, symbology: 'EAN-13', raw } };
}
