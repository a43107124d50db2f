import { describe, expect, it } from 'vitest';
import { controlRulesSchema, parseControlRules, ControlRulesError, DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';

const good = () => structuredClone(DEFAULT_CONTROL_RULES);

function messageFor(input: unknown): string {
  try {
    parseControlRules(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ControlRulesError);
    return (e as Error).message;
  }
  throw new Error('expected the rules to be rejected');
}

describe('controlRulesSchema', () => {
  it('accepts the defaults and a night window with "24:00" / crossing midnight', () => {
    expect(controlRulesSchema.parse(good())).toEqual(DEFAULT_CONTROL_RULES);
    const r = { ...good(), saleHours: [{ categories: ['alcohol'], from: '22:00', to: '06:00' }, { categories: ['tobacco'], from: '18:00', to: '24:00' }] };
    expect(parseControlRules(r).saleHours).toHaveLength(2);
  });

  it('rejects sampling rate 1.5, naming sampling.rate', () => {
    const msg = messageFor({ ...good(), sampling: { rate: 1.5, seed: 1 } });
    expect(msg).toContain('sampling.rate');
    const issue = controlRulesSchema.safeParse({ ...good(), sampling: { rate: 1.5, seed: 1 } }).error?.issues[0];
    expect(issue?.path).toEqual(['sampling', 'rate']);
    expect(issue?.message).toContain('sampling.rate');
  });

  it('rejects "25:00", naming saleHours and the field', () => {
    const msg = messageFor({ ...good(), saleHours: [{ categories: ['alcohol'], from: '25:00', to: '22:00' }] });
    expect(msg).toMatch(/saleHours\[0\]\.from: saleHours\.from must be a time "HH:MM"/);
  });

  it('rejects "24:00" as a start, "7:00" and equal from/to', () => {
    expect(messageFor({ ...good(), saleHours: [{ categories: ['alcohol'], from: '24:00', to: '06:00' }] })).toContain('saleHours[0].from');
    expect(messageFor({ ...good(), saleHours: [{ categories: ['alcohol'], from: '7:00', to: '22:00' }] })).toContain('saleHours[0].from');
    expect(messageFor({ ...good(), saleHours: [{ categories: ['alcohol'], from: '10:00', to: '10:00' }] })).toContain('saleHours[0].to');
  });

  it('rejects an unknown time zone, naming timeZone and the value', () => {
    const msg = messageFor({ ...good(), timeZone: 'Europe/Atlantis' });
    expect(msg).toContain('timeZone');
    expect(msg).toContain('"Europe/Atlantis"');
    expect(messageFor({ ...good(), timeZone: '' })).toContain('timeZone');
  });

  it('rejects bad thresholds, ages, seeds and unknown keys', () => {
    expect(messageFor({ ...good(), basketValueCents: 12.5 })).toContain('basketValueCents');
    expect(messageFor({ ...good(), itemCount: 0 })).toContain('itemCount');
    expect(messageFor({ ...good(), voidedLines: '3' })).toContain('voidedLines');
    expect(messageFor({ ...good(), ageLimits: { alcohol: 17.5 } })).toContain('ageLimits');
    expect(messageFor({ ...good(), sampling: { rate: 0.1, seed: -1 } })).toContain('sampling.seed');
    expect(messageFor({ ...good(), samplingRate: 0.1 })).toContain('samplingRate');
    const { unknownScans: _dropped, ...missing } = good();
    expect(messageFor(missing)).toContain('unknownScans');
  });
});
