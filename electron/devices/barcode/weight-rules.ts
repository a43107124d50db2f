import { gtinCheckDigit } from './gtin';
import { stepFail, type Step, type VariableMeasure, type WeightRule } from './types';

/**
 * In-store variable-measure EAN-13 (prefixes 20–29): the store's rule table, compiled once
 * per pattern. See WeightRule for the pattern letters.
 */

/** Baltic/Polish default: any 20–29 code is 5 item digits + weight in grams (5 digits). */
export const DEFAULT_WEIGHT_RULES: WeightRule[] = [
  { pattern: '2[0-9]IIIIIWWWWWC', measure: 'weight', name: 'in-store weight in grams' },
];

/** A rule table that does not make sense; names the rule (0-based index) and why. */
export class WeightRuleError extends Error {
  readonly kind = 'WeightRuleError';
  constructor(
    readonly ruleIndex: number,
    readonly reason: string,
    pattern?: string,
  ) {
    super(ruleIndex < 0 ? reason : `weight rule #${ruleIndex}${pattern === undefined ? '' : ` (${JSON.stringify(pattern)})`}: ${reason}`);
    this.name = 'WeightRuleError';
  }
}

type Slot = { t: 'lit'; digits: string } | { t: 'I' | 'W' | 'P' | 'V' | 'C' };

interface CompiledRule {
  slots: Slot[];
  /** Positions of the W or P digits, contiguous. */
  measureAt: number[];
  verifierAt: number | null;
}

/** Checks a rule table from configuration; throws WeightRuleError naming the first bad rule. */
export function validateRules(rules: unknown): WeightRule[] {
  if (!Array.isArray(rules)) throw new WeightRuleError(-1, 'weight rules must be an array');
  return rules.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null) throw new WeightRuleError(i, 'must be an object');
    const { pattern, measure, name } = r as Record<string, unknown>;
    if (typeof pattern !== 'string') throw new WeightRuleError(i, 'pattern must be a string');
    if (measure !== 'weight' && measure !== 'price') throw new WeightRuleError(i, 'measure must be "weight" or "price"', pattern);
    if (name !== undefined && typeof name !== 'string') throw new WeightRuleError(i, 'name must be a string', pattern);
    const rule: WeightRule = name === undefined ? { pattern, measure } : { pattern, measure, name };
    const compiled = compile(rule);
    if (!compiled.ok) throw new WeightRuleError(i, compiled.reason, pattern);
    return rule;
  });
}

export interface VariableDecoding {
  lookupGtin14: string;
  measure: VariableMeasure;
  rule: string;
}

/**
 * The first rule whose literal digits match the 13-digit `code` (check digit already
 * verified) decodes it; null when none matches. Errors: BAD_MEASURE for a zero measure,
 * BAD_CHECK_DIGIT for a wrong verifier digit. Throws WeightRuleError for an invalid rule
 * (validate the table at start-up with validateRules).
 */
export function decodeVariable(code: string, rules: readonly WeightRule[]): Step<VariableDecoding> | null {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as WeightRule;
    const compiled = compiledFor(rule, i);
    if (!matches(compiled, code)) continue;
    const measureDigits = compiled.measureAt.map((p) => code[p]).join('');
    if (compiled.verifierAt !== null && Number(code[compiled.verifierAt]) !== priceVerifierDigit(measureDigits)) {
      return stepFail('BAD_CHECK_DIGIT', `price/weight verifier digit is wrong (rule ${rule.pattern})`);
    }
    const amount = Number(measureDigits);
    if (amount === 0) return stepFail('BAD_MEASURE', `${rule.measure} is zero (rule ${rule.pattern})`);
    const zeroed = compiled.slots.map((s, p) => (s.t === 'W' || s.t === 'P' || s.t === 'V' ? '0' : code[p])).join('');
    const body = zeroed.slice(0, 12);
    return {
      ok: true,
      value: {
        lookupGtin14: ('0' + body + String(gtinCheckDigit(body))),
        measure: rule.measure === 'weight' ? { type: 'weight', grams: amount } : { type: 'price', cents: amount },
        rule: rule.pattern,
      },
    };
  }
  return null;
}

// GS1 GenSpecs §7.9.3 weighting-factor tables, indexed by digit.
const F2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const F3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const F5_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const F5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/**
 * The GS1 price/weight verifier digit of a 4-digit field (factors 2-,2-,3,5-; units digit of
 * 3 × sum) or a 5-digit field (factors 5+,2-,5-,5+,2-; the digit whose 5- product equals
 * 10 − sum mod 10).
 */
export function priceVerifierDigit(digits: string): number {
  const d = [...digits].map(Number);
  const at = (table: number[], k: number): number => table[d[k] ?? 0] ?? 0;
  if (digits.length === 4 && /^\d{4}$/.test(digits)) {
    const sum = at(F2_MINUS, 0) + at(F2_MINUS, 1) + at(F3, 2) + at(F5_MINUS, 3);
    return (sum * 3) % 10;
  }
  if (digits.length === 5 && /^\d{5}$/.test(digits)) {
    const sum = at(F5_PLUS, 0) + at(F2_MINUS, 1) + at(F5_MINUS, 2) + at(F5_PLUS, 3) + at(F2_MINUS, 4);
    return F5_MINUS.indexOf((10 - (sum % 10)) % 10);
  }
  throw new RangeError(`priceVerifierDigit needs 4 or 5 digits, got ${JSON.stringify(digits)}`);
}

function matches(c: CompiledRule, code: string): boolean {
  return c.slots.every((s, p) => s.t !== 'lit' || s.digits.includes(code[p] ?? 'x'));
}

const cache = new Map<string, CompiledRule>();

function compiledFor(rule: WeightRule, index: number): CompiledRule {
  const key = `${rule.measure}|${rule.pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const c = compile(rule);
  if (!c.ok) throw new WeightRuleError(index, c.reason, rule.pattern);
  if (cache.size > 256) cache.clear(); // rule tables are tiny; this only bounds misuse
  cache.set(key, c.value);
  return c.value;
}

type Compiled = { ok: true; value: CompiledRule } | { ok: false; reason: string };

function compile(rule: WeightRule): Compiled {
  const slots = tokenize(rule.pattern);
  if (typeof slots === 'string') return { ok: false, reason: slots };
  if (slots.length !== 13) return { ok: false, reason: `must describe 13 digits, describes ${slots.length}` };
  const first = slots[0];
  if (!first || first.t !== 'lit' || first.digits !== '2') return { ok: false, reason: 'must start with the literal digit 2 (prefixes 20–29)' };
  if (slots[12]?.t !== 'C' || slots.filter((s) => s.t === 'C').length !== 1) {
    return { ok: false, reason: 'C (check digit) must be the last letter and appear once' };
  }
  const want = rule.measure === 'weight' ? 'W' : 'P';
  const other = rule.measure === 'weight' ? 'P' : 'W';
  if (slots.some((s) => s.t === other)) return { ok: false, reason: `${other} digits do not fit measure "${rule.measure}"` };
  const measureAt = slots.flatMap((s, p) => (s.t === want ? [p] : []));
  if (measureAt.length === 0) return { ok: false, reason: `measure "${rule.measure}" needs ${want} digits` };
  if (measureAt[measureAt.length - 1]! - measureAt[0]! !== measureAt.length - 1) {
    return { ok: false, reason: `${want} digits must be contiguous` };
  }
  const verifiers = slots.flatMap((s, p) => (s.t === 'V' ? [p] : []));
  if (verifiers.length > 1) return { ok: false, reason: 'at most one V (verifier) digit' };
  if (verifiers.length === 1 && measureAt.length !== 4 && measureAt.length !== 5) {
    return { ok: false, reason: `V (verifier) needs 4 or 5 ${want} digits, rule has ${measureAt.length}` };
  }
  return { ok: true, value: { slots, measureAt, verifierAt: verifiers[0] ?? null } };
}

/** Pattern text → slots, or a reason string. */
function tokenize(pattern: string): Slot[] | string {
  const slots: Slot[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (/\d/.test(ch)) slots.push({ t: 'lit', digits: ch });
    else if (ch === 'I' || ch === 'W' || ch === 'P' || ch === 'V' || ch === 'C') slots.push({ t: ch });
    else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) return `unclosed "[" at position ${i}`;
      const digits = classDigits(pattern.slice(i + 1, end));
      if (digits === null) return `bad digit class ${pattern.slice(i, end + 1)}`;
      slots.push({ t: 'lit', digits });
      i = end;
    } else return `unexpected ${JSON.stringify(ch)} at position ${i} (use digits, [0-9] classes, I W P V C)`;
  }
  return slots;
}

/** "0-35" → "01235"; null unless only digits and ascending ranges. */
function classDigits(body: string): string | null {
  if (!/^(\d(-\d)?)+$/.test(body)) return null;
  let out = '';
  for (const m of body.matchAll(/(\d)(?:-(\d))?/g)) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let d = from; d <= to; d++) if (!out.includes(String(d))) out += String(d);
  }
  return out;
}
