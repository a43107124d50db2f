/**
 * Purchase-control configuration: the store's rules for when a basket gets an age check or a
 * full purchase check. Read from the store configuration and validated here; every error
 * message names the field it is about.
 */
import { z } from 'zod';
import { isKnownTimeZone, parseClock, type SaleWindow } from './control-sale-hours';

export interface ControlRules {
  /** IANA zone of the store's wall clock, e.g. "Europe/Tallinn". */
  timeZone: string;
  /** Minimum age per category ({ alcohol: 18 }); the catalog's ageLimit also counts (max of both). */
  ageLimits: Record<string, number>;
  /** Allowed sale windows per category; a category without a window may always be sold. */
  saleHours: SaleWindow[];
  /** Random sample: one draw per decision, FULL when draw < rate (0..1). Seed: uint32. */
  sampling: { rate: number; seed: number };
  /** Basket total in cents at or above which the check is FULL; null = off. */
  basketValueCents: number | null;
  /** Item count (pieces; a weighed line counts 1) at or above which the check is FULL; null = off. */
  itemCount: number | null;
  /** Voided lines at or above which the check is FULL; null = off. */
  voidedLines: number | null;
  /** Unknown-barcode scans at or above which the check is FULL; null = off. */
  unknownScans: number | null;
  /**
   * Items chosen in the "Look up item" picker and weighed on the kiosk scale: each such line
   * is drawn, and a draw below `rate` (0..1) makes the check FULL. Absent or null = off (default).
   */
  lookupWeighed?: { rate: number } | null;
}

const clock = (field: string, allow24: boolean) =>
  z.string({ error: `${field} must be a "HH:MM" string` }).refine((t) => (allow24 || t !== '24:00') && parseClock(t) !== null, {
    error: `${field} must be a time "HH:MM" between 00:00 and ${allow24 ? '24:00' : '23:59'}`,
  });

const threshold = (field: string) =>
  z.union([z.int({ error: `${field} must be a positive integer or null` }).min(1, { error: `${field} must be at least 1 (or null to turn it off)` }), z.null()], {
    error: `${field} must be a positive integer or null`,
  });

const saleWindowSchema = z
  .strictObject({
    categories: z.array(z.string().min(1, { error: 'saleHours.categories entries must be non-empty' }), {
      error: 'saleHours.categories must be a list of category slugs',
    }).min(1, { error: 'saleHours.categories must name at least one category' }),
    from: clock('saleHours.from', false),
    to: clock('saleHours.to', true),
  })
  .refine((w) => w.from !== w.to, { error: 'saleHours.from and saleHours.to must differ (an empty window would forbid sales all day)', path: ['to'] });

export const controlRulesSchema: z.ZodType<ControlRules> = z.strictObject({
  timeZone: z.string({ error: 'timeZone must be an IANA time zone name' }).refine(isKnownTimeZone, {
    error: (issue) => `timeZone: unknown time zone ${JSON.stringify(issue.input)}`,
  }),
  ageLimits: z.record(
    z.string().min(1, { error: 'ageLimits keys must be category slugs' }),
    z.int({ error: 'ageLimits values must be whole years' }).min(1, { error: 'ageLimits values must be at least 1' }).max(99, { error: 'ageLimits values must be at most 99' }),
    { error: 'ageLimits must be an object of category → age' },
  ),
  saleHours: z.array(saleWindowSchema, { error: 'saleHours must be a list of windows' }),
  sampling: z.strictObject({
    rate: z.number({ error: 'sampling.rate must be a number from 0 to 1' }).min(0, { error: 'sampling.rate must be from 0 to 1' }).max(1, { error: 'sampling.rate must be from 0 to 1' }),
    seed: z.int({ error: 'sampling.seed must be an integer' }).min(0, { error: 'sampling.seed must be in 0..4294967295' }).max(0xffffffff, { error: 'sampling.seed must be in 0..4294967295' }),
  }, { error: 'sampling must be an object { rate, seed }' }),
  basketValueCents: threshold('basketValueCents'),
  itemCount: threshold('itemCount'),
  voidedLines: threshold('voidedLines'),
  unknownScans: threshold('unknownScans'),
  lookupWeighed: z
    .union([
      z.strictObject({
        rate: z.number({ error: 'lookupWeighed.rate must be a number from 0 to 1' }).min(0, { error: 'lookupWeighed.rate must be from 0 to 1' }).max(1, { error: 'lookupWeighed.rate must be from 0 to 1' }),
      }, { error: 'lookupWeighed must be an object { rate } or null' }),
      z.null(),
    ], { error: 'lookupWeighed must be an object { rate } or null' })
    .optional(),
});

/**
 * Defaults for a store that configures nothing: Estonian practice (18+ for alcohol and tobacco,
 * alcohol sold 10:00–22:00 in Europe/Tallinn), a 5 % random sample, and FULL from 150 € total,
 * 40 items, 3 voided lines or 3 unknown scans. The seed is fixed; stores should set their own.
 */
export const DEFAULT_CONTROL_RULES: ControlRules = {
  timeZone: 'Europe/Tallinn',
  ageLimits: { alcohol: 18, tobacco: 18 },
  saleHours: [{ categories: ['alcohol'], from: '10:00', to: '22:00' }],
  sampling: { rate: 0.05, seed: 0x4b415353 },
  basketValueCents: 15_000,
  itemCount: 40,
  voidedLines: 3,
  unknownScans: 3,
};

export class ControlRulesError extends Error {
  readonly kind = 'ControlRulesError';
  constructor(readonly issues: Array<{ path: string; message: string }>) {
    super(`invalid purchase-control rules: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Validates configuration input; throws ControlRulesError listing each bad field by path. */
export function parseControlRules(input: unknown): ControlRules {
  const r = controlRulesSchema.safeParse(input);
  if (r.success) return r.data;
  throw new ControlRulesError(
    r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '['), message: i.message })),
  );
}
