/**
 * Sale-hour windows (e.g. no alcohol sales 22:00–10:00) evaluated on the store's local wall
 * clock. The wall time comes from Intl.DateTimeFormat in the configured IANA zone, so DST
 * changes follow the tz database instead of hand-written offsets.
 */

/** One allowed window: `from` inclusive, `to` exclusive, "HH:MM"; from > to crosses midnight. */
export interface SaleWindow {
  categories: string[];
  from: string;
  to: string;
}

export type SaleHoursAnswer = { allowed: true } | { allowed: false; from: string; to: string };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" (00:00–23:59) to minutes after midnight; "24:00" is accepted as the end of the day. */
export function parseClock(text: string): number | null {
  if (text === '24:00') return 24 * 60;
  const m = HHMM.exec(text);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle h23: midnight is "00", never "24" as some engines give with hour12: false.
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime's tz database knows this IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

/** Minutes after local midnight (0..1439) at `now` (epoch ms) in `timeZone`. */
export function localMinuteOfDay(now: number, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(new Date(now))) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return (hour % 24) * 60 + minute;
}

/** Is `minute` (after local midnight) inside the window? */
export function inWindow(minute: number, window: SaleWindow): boolean {
  const from = parseClock(window.from);
  const to = parseClock(window.to);
  if (from === null || to === null) throw new RangeError(`bad sale window ${window.from}–${window.to}`);
  if (from < to) return minute >= from && minute < to;
  return minute >= from || minute < to; // crosses midnight, e.g. 22:00→06:00
}

/**
 * May a product of `category` be sold at `now`? A category with no window is always sellable;
 * with several windows, being inside any one of them is enough. When refused, the first
 * window that names the category is returned for the message on screen.
 */
export function checkSaleHours(category: string, saleHours: SaleWindow[], timeZone: string, now: number): SaleHoursAnswer {
  const windows = saleHours.filter((w) => w.categories.includes(category));
  const first = windows[0];
  if (!first) return { allowed: true };
  const minute = localMinuteOfDay(now, timeZone);
  if (windows.some((w) => inWindow(minute, w))) return { allowed: true };
  return { allowed: false, from: first.from, to: first.to };
}
