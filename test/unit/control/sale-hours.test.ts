import { describe, expect, it } from 'vitest';
import { saleAllowedNow, type ControlRules, DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { localMinuteOfDay } from '../../../electron/checkout/control-sale-hours';

const rules = (over: Partial<ControlRules>): ControlRules => ({ ...DEFAULT_CONTROL_RULES, ...over });
const day = rules({ timeZone: 'Europe/Tallinn', saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }] });
const night = rules({ timeZone: 'Europe/Tallinn', saleHours: [{ categories: ['alcohol'], from: '22:00', to: '06:00' }] });
const alcohol = { category: 'alcohol' };
const utc = (iso: string) => Date.parse(iso);

describe('saleAllowedNow', () => {
  it('a category without a window is always sellable', () => {
    expect(saleAllowedNow({ category: 'dairy' }, day, utc('2026-06-15T23:30:00Z'))).toEqual({ allowed: true });
  });

  it('from is inclusive and to is exclusive (Tallinn summer, UTC+3)', () => {
    expect(saleAllowedNow(alcohol, day, utc('2026-06-15T06:59:59Z'))).toEqual({ allowed: false, from: '10:00', to: '22:00' });
    expect(saleAllowedNow(alcohol, day, utc('2026-06-15T07:00:00Z'))).toEqual({ allowed: true });
    expect(saleAllowedNow(alcohol, day, utc('2026-06-15T18:59:59Z'))).toEqual({ allowed: true });
    expect(saleAllowedNow(alcohol, day, utc('2026-06-15T19:00:00Z'))).toEqual({ allowed: false, from: '10:00', to: '22:00' });
  });

  it('a window that crosses midnight (22:00→06:00)', () => {
    expect(saleAllowedNow(alcohol, night, utc('2026-06-15T18:59:00Z')).allowed).toBe(false); // 21:59
    expect(saleAllowedNow(alcohol, night, utc('2026-06-15T19:00:00Z')).allowed).toBe(true); // 22:00
    expect(saleAllowedNow(alcohol, night, utc('2026-06-15T21:00:00Z')).allowed).toBe(true); // 00:00
    expect(saleAllowedNow(alcohol, night, utc('2026-06-16T02:59:00Z')).allowed).toBe(true); // 05:59
    expect(saleAllowedNow(alcohol, night, utc('2026-06-16T03:00:00Z'))).toEqual({ allowed: false, from: '22:00', to: '06:00' }); // 06:00
    expect(saleAllowedNow(alcohol, night, utc('2026-06-16T09:00:00Z')).allowed).toBe(false); // 12:00
  });

  it('"24:00" as the end means until midnight', () => {
    const late = rules({ timeZone: 'UTC', saleHours: [{ categories: ['alcohol'], from: '18:00', to: '24:00' }] });
    expect(saleAllowedNow(alcohol, late, utc('2026-06-15T23:59:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, late, utc('2026-06-16T00:00:00Z')).allowed).toBe(false);
  });

  it('several windows for one category: any of them allows', () => {
    const split = rules({
      timeZone: 'UTC',
      saleHours: [
        { categories: ['alcohol'], from: '08:00', to: '12:00' },
        { categories: ['alcohol', 'tobacco'], from: '14:00', to: '20:00' },
      ],
    });
    expect(saleAllowedNow(alcohol, split, utc('2026-06-15T09:00:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, split, utc('2026-06-15T15:00:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, split, utc('2026-06-15T13:00:00Z'))).toEqual({ allowed: false, from: '08:00', to: '12:00' });
    expect(saleAllowedNow({ category: 'tobacco' }, split, utc('2026-06-15T09:00:00Z')).allowed).toBe(false);
  });
});

describe('time zones', () => {
  const at = (timeZone: string) => rules({ timeZone, saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }] });

  it('the same morning instant is allowed in Tallinn but not in Warsaw or UTC', () => {
    const t = utc('2026-06-15T07:30:00Z'); // Tallinn 10:30, Warsaw 09:30, UTC 07:30
    expect(saleAllowedNow(alcohol, at('Europe/Tallinn'), t).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, at('Europe/Warsaw'), t).allowed).toBe(false);
    expect(saleAllowedNow(alcohol, at('UTC'), t).allowed).toBe(false);
  });

  it('the same evening instant is refused in Tallinn but allowed in Warsaw and UTC', () => {
    const t = utc('2026-06-15T19:30:00Z'); // Tallinn 22:30, Warsaw 21:30, UTC 19:30
    expect(saleAllowedNow(alcohol, at('Europe/Tallinn'), t).allowed).toBe(false);
    expect(saleAllowedNow(alcohol, at('Europe/Warsaw'), t).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, at('UTC'), t).allowed).toBe(true);
  });

  it('winter offsets: Tallinn UTC+2, Warsaw UTC+1', () => {
    const t = utc('2026-01-15T08:00:00Z'); // Tallinn 10:00, Warsaw 09:00
    expect(saleAllowedNow(alcohol, at('Europe/Tallinn'), t).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, at('Europe/Warsaw'), t).allowed).toBe(false);
    expect(saleAllowedNow(alcohol, at('Europe/Warsaw'), utc('2026-01-15T09:00:00Z')).allowed).toBe(true);
  });

  it('spring forward in Tallinn, 2026-03-29: 03:00 EET jumps to 04:00 EEST at 01:00 UTC', () => {
    expect(localMinuteOfDay(utc('2026-03-29T00:59:00Z'), 'Europe/Tallinn')).toBe(2 * 60 + 59);
    expect(localMinuteOfDay(utc('2026-03-29T01:00:00Z'), 'Europe/Tallinn')).toBe(4 * 60);
    const tallinn = at('Europe/Tallinn');
    // The day before (UTC+2) the window opens at 08:00 UTC; on the change day (UTC+3) at 07:00 UTC.
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-28T07:30:00Z')).allowed).toBe(false);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-28T08:00:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-29T06:59:00Z')).allowed).toBe(false);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-29T07:00:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-29T18:59:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-03-29T19:00:00Z')).allowed).toBe(false);
  });

  it('fall back in Tallinn, 2026-10-25: 04:00 EEST returns to 03:00 EET at 01:00 UTC', () => {
    expect(localMinuteOfDay(utc('2026-10-25T00:59:00Z'), 'Europe/Tallinn')).toBe(3 * 60 + 59);
    expect(localMinuteOfDay(utc('2026-10-25T01:00:00Z'), 'Europe/Tallinn')).toBe(3 * 60);
    const tallinn = at('Europe/Tallinn');
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-24T07:00:00Z')).allowed).toBe(true); // 10:00 EEST
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T07:00:00Z')).allowed).toBe(false); // 09:00 EET
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T08:00:00Z')).allowed).toBe(true); // 10:00 EET
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T20:00:00Z')).allowed).toBe(false); // 22:00 EET
  });

  it('a night window through the repeated hour on the fall-back night', () => {
    const tallinn = rules({ timeZone: 'Europe/Tallinn', saleHours: [{ categories: ['alcohol'], from: '01:00', to: '03:30' }] });
    // 03:15 local happens twice: 00:15 UTC (EEST) and 01:15 UTC (EET); both are inside.
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T00:15:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T01:15:00Z')).allowed).toBe(true);
    expect(saleAllowedNow(alcohol, tallinn, utc('2026-10-25T00:45:00Z')).allowed).toBe(false); // 03:45 EEST
  });
});
