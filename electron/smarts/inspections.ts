/**
 * The time restriction Smarts sends with a product (`inspections: [{ type: "MAX_TIME", time:
 * "22:00:00", timezone: "Europe/Tallinn" }]`, integrations.md §1.2 [V-ex]). The reference shows
 * only the latest time; our reading: the product may not be sold from `time` until midnight in
 * `timezone` (the store's time zone when absent or unknown). A window's start cannot be expressed;
 * our own sale-hour rules cover it. A `time` that is not "HH:MM[:SS]" is ignored.
 */
import { isKnownTimeZone, localMinuteOfDay } from '../checkout/control-sale-hours';
import type { SmartsProduct } from './schemas';

export interface TimeRestriction {
  /** "HH:MM" as sent (seconds dropped). */
  time: string;
  timeZone: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** The MAX_TIME restriction that forbids selling `p` at `now`, or null. */
export function timeRestricted(p: Pick<SmartsProduct, 'inspections'>, now: number, storeTimeZone: string): TimeRestriction | null {
  for (const i of p.inspections ?? []) {
    if (i.type !== 'MAX_TIME' || !i.time) continue;
    const m = TIME.exec(i.time);
    if (!m) continue;
    const zone = i.timezone && isKnownTimeZone(i.timezone) ? i.timezone : storeTimeZone;
    const limit = Number(m[1]) * 60 + Number(m[2]);
    if (localMinuteOfDay(now, zone) >= limit) return { time: `${m[1]}:${m[2]}`, timeZone: zone };
  }
  return null;
}
