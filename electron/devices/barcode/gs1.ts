import { aiLengthFromPrefix, aiSpec, fitsCharset, matchAi, type AiSpec } from './gs1-ai';
import { decodeGs1Fields, type Gs1Fields } from './gs1-fields';
import { gtinCheckDigit } from './gtin';
import { stepFail, type Step } from './types';

/** FNC1 as scanners transmit it: the ASCII group separator. */
export const GS = '\x1D';

/**
 * A GS1 element string (FNC1-separated, symbology identifier already removed) or its
 * human-readable form "(01)…(10)…" → every AI's value plus the decoded fields.
 * Errors: BAD_GS1 (unknown AI, wrong length, bad characters, bad date), BAD_CHECK_DIGIT
 * (AI 00/01/02/410/414), BAD_MEASURE (zero or unrepresentable weight/price).
 */
export function parseGs1(data: string, now: Date): Step<Gs1Fields> {
  const pairs = data.startsWith('(') ? splitHumanReadable(data) : splitElementString(data);
  if (!pairs.ok) return pairs;
  if (pairs.value.length === 0) return stepFail('BAD_GS1', 'GS1 data has no element strings');
  const ais: Record<string, string> = {};
  for (const [spec, value] of pairs.value) {
    const bad = checkValue(spec, value);
    if (bad) return bad;
    const seen = ais[spec.ai];
    if (seen !== undefined && seen !== value) return stepFail('BAD_GS1', `AI ${spec.ai} appears twice with different values`);
    ais[spec.ai] = value;
  }
  return decodeGs1Fields(ais, now);
}

/** True when `s` looks like the human-readable "(01)…" form rather than ordinary text. */
export function looksHumanReadableGs1(s: string): boolean {
  return /^\(\d{2,4}\)/.test(s);
}

function splitElementString(s: string): Step<Array<[AiSpec, string]>> {
  const pairs: Array<[AiSpec, string]> = [];
  let i = 0;
  while (i < s.length) {
    // A leading, trailing or doubled FNC1 carries no data; scanners emit all three.
    if (s[i] === GS) {
      i++;
      continue;
    }
    const rest = s.slice(i);
    if (!/^\d\d/.test(rest)) return stepFail('BAD_GS1', `expected an AI at position ${i}, got ${JSON.stringify(rest.slice(0, 4))}`);
    const spec = matchAi(rest);
    if (!spec) return stepFail('BAD_GS1', `unknown AI (${rest.slice(0, aiLengthFromPrefix(rest))})`);
    i += spec.ai.length;
    let value: string;
    if (spec.fixed !== undefined) {
      value = s.slice(i, i + spec.fixed);
      if (value.length < spec.fixed) return stepFail('BAD_GS1', `AI (${spec.ai}) needs ${spec.fixed} characters, got ${value.length}`);
    } else {
      const end = s.indexOf(GS, i);
      value = s.slice(i, end < 0 ? s.length : end);
      const max = spec.max ?? 0;
      if (value.length > max) {
        return stepFail('BAD_GS1', `AI (${spec.ai}) is longer than ${max} characters (missing GS separator?)`);
      }
    }
    i += value.length;
    pairs.push([spec, value]);
  }
  return { ok: true, value: pairs };
}

function splitHumanReadable(s: string): Step<Array<[AiSpec, string]>> {
  // A value containing "(dd)" would split wrongly; HRI text is typed by people and rare.
  const parts = s.split(/\((\d{2,4})\)/);
  if ((parts[0] ?? '').trim() !== '') return stepFail('BAD_GS1', 'human-readable GS1 must start with "(AI)"');
  const pairs: Array<[AiSpec, string]> = [];
  for (let k = 1; k < parts.length; k += 2) {
    const ai = parts[k] ?? '';
    const spec = aiSpec(ai);
    if (!spec) return stepFail('BAD_GS1', `unknown AI (${ai})`);
    const value = (parts[k + 1] ?? '').trim();
    if (spec.fixed !== undefined && value.length !== spec.fixed) {
      return stepFail('BAD_GS1', `AI (${ai}) needs ${spec.fixed} characters, got ${value.length}`);
    }
    if (spec.max !== undefined && value.length > spec.max) {
      return stepFail('BAD_GS1', `AI (${ai}) is longer than ${spec.max} characters`);
    }
    pairs.push([spec, value]);
  }
  return { ok: true, value: pairs };
}

function checkValue(spec: AiSpec, value: string): { ok: false; code: 'BAD_GS1' | 'BAD_CHECK_DIGIT'; message: string } | null {
  if (value.length === 0) return { ok: false, code: 'BAD_GS1', message: `AI (${spec.ai}) is empty` };
  if (!fitsCharset(value, spec.charset)) {
    const what = spec.charset === 'N' ? 'digits only' : 'GS1 character set 82';
    return { ok: false, code: 'BAD_GS1', message: `AI (${spec.ai}) must be ${what}` };
  }
  if (spec.checkDigit && gtinCheckDigit(value.slice(0, -1)) !== Number(value.slice(-1))) {
    return { ok: false, code: 'BAD_CHECK_DIGIT', message: `AI (${spec.ai}) ${spec.title} has a wrong check digit` };
  }
  return null;
}
