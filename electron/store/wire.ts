/**
 * What travels on the store bus, as zod schemas: every message received from the bus is checked
 * (ranges, lengths) before it is used; an invalid one is refused and logged without its content.
 */
import { z } from 'zod';
import type { Log } from '../log';
import { fromBytes } from './bus';
import { ACTION_REFUSAL_CODES } from './lane';
import { EVENT_KINDS, idSchema, MAX_MESSAGE_BYTES } from './subjects';

const text = (max: number) => z.string().max(max);
const cents = z.number().int().min(-100_000_000).max(100_000_000);
const time = z.number().int().min(0).max(8_640_000_000_000);

export const laneSnapshotSchema = z
  .object({
    laneId: idSchema,
    storeId: idSchema,
    status: z.enum(['idle', 'shopping', 'paying', 'locked', 'help', 'payment-attention', 'device-fault', 'out-of-order', 'offline']),
    since: time,
    publishedAt: time,
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    sessionId: text(64).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    basket: z.object({
      totalCents: cents,
      articleCount: z.number().int().min(0).max(100_000),
      lines: z
        .array(z.object({ id: text(64), name: text(200), quantity: z.number().int().min(-1_000_000).max(1_000_000), unit: z.enum(['piece', 'gram']), totalCents: cents, ageLimit: z.number().int().min(0).max(99).nullable() }))
        .max(500),
    }),
    lock: z.object({ reason: text(64), details: z.array(text(200)).max(50) }).nullable(),
    assistance: z.boolean(),
    assistanceAck: z.object({ name: text(100), at: time }).strict().nullable().optional(),
    actions: z.array(z.enum(['ack-help', 'pass-check', 'fail-check', 'approve-age', 'void-line', 'cancel-session', 'retry-payment'])).max(7).optional(),
    devices: z.record(text(64), text(64)).refine((r) => Object.keys(r).length <= 32, 'at most 32 devices'),
    outboxBacklog: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** Optional: the sha-256 (hex) of the store catalog the kiosk imported last (null: none from the store). */
    catalogVersion: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
    /** Optional: the sha-256 (hex) of the store settings the kiosk runs (null: its configuration file's alone). */
    settingsVersion: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
    /** Optional (older kiosks send none): the lane's payments waiting for staff (lane-payments.ts). */
    payments: z.array(lanePaymentSchema()).max(10).optional(),
  })
  .strict();

function lanePaymentSchema() {
  return z
    .object({
      merchantOrderId: text(64).min(1),
      orderNo: text(32).nullable(),
      provider: text(16),
      amountCents: cents,
      paidCents: cents,
      reason: text(32),
      code: z.number().int().min(-1_000_000).max(1_000_000).nullable(),
      description: text(200).nullable(),
      since: time,
      retry: z.boolean(),
    })
    .strict();
}

const reason = z.string().min(1).max(200);
export const laneActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ack-help') }).strict(),
  z.object({ kind: z.literal('pass-check') }).strict(),
  z.object({ kind: z.literal('fail-check') }).strict(),
  z.object({ kind: z.literal('approve-age') }).strict(),
  z.object({ kind: z.literal('void-line'), lineId: z.string().min(1).max(64), reason }).strict(),
  z.object({ kind: z.literal('cancel-session'), reason }).strict(),
  z.object({ kind: z.literal('retry-payment'), merchantOrderId: z.string().min(1).max(64) }).strict(),
]);
export const staffSchema = z.object({ badge: z.string().min(1).max(64), name: z.string().max(100) }).strict();
export const actRequestSchema = z.object({ action: laneActionSchema, by: staffSchema, via: z.string().min(1).max(64) }).strict();
export const actionResultSchema = z.union([
  z.object({ ok: z.literal(true) }).strict(),
  z.object({ ok: z.literal(false), code: z.enum(ACTION_REFUSAL_CODES), message: text(500) }).strict(),
]);

/** One event from a kiosk's outbox, as stored in the store stream. */
export const busEventSchema = z
  .object({
    id: z.string().min(1).max(128),
    storeId: idSchema,
    laneId: idSchema,
    kind: z.enum(EVENT_KINDS),
    at: time,
    body: z.record(z.string().max(64), z.unknown()),
  })
  .strict();
export type BusEvent = z.infer<typeof busEventSchema>;

/** Kiosk → store node: a supervisor's verdict on a Smarts check. */
export const resolveCheckSchema = z
  .object({
    invoiceId: z.string().min(1).max(100),
    status: z.enum(['PASSED', 'FAILED', 'FAILED_ALLOW_PAYMENT', 'CANCEL_SHOPPING']),
    edits: z.array(z.object({ index: z.number().int().min(0).max(999), quantity: z.number().int().min(0).max(100_000) }).strict()).max(200).optional(),
    by: z.string().min(1).max(64),
    laneId: idSchema,
  })
  .strict();
export const checkRefSchema = z.object({ invoiceId: z.string().min(1).max(100), by: z.string().min(1).max(64), laneId: idSchema }).strict();
export const checkAnswerSchema = z.union([z.object({ ok: z.literal(true) }).strict(), z.object({ ok: z.literal(false), code: z.string().min(1).max(64), message: text(500) }).strict()]);

/** Store node → kiosks: the check list the staff console shows (SmartsCheckView, bounded). */
export const checkViewSchema = z
  .object({
    invoiceId: z.string().min(1).max(100),
    status: z.enum(['pending', 'passed', 'failed', 'failed_allow_payment', 'expired', 'not-required']),
    decision: z.enum(['NO', 'AGE', 'FULL']),
    receivedAt: time,
    expiresAt: time,
    products: z
      .array(z.object({ index: z.number().int().min(0).max(999), name: text(200), barcode: text(64), quantity: z.number().min(0).max(1_000_000), unit: text(16), totalCents: cents, minAge: z.number().int().min(0).max(99).nullable() }).strict())
      .max(500),
    unreadable: z.boolean().optional(),
    delivery: z.object({ status: text(32), state: z.enum(['sending', 'sent', 'failed']), error: text(500).nullable() }).strict().optional(),
  })
  .strict();
export const checkListSchema = z.object({ at: time, checks: z.array(checkViewSchema).max(100) }).strict();

/**
 * Parses bytes from the bus with a schema; an invalid message is logged (subject and the first
 * problem's path, never the content) and null is returned.
 */
/** The store node's catalog announcement (`$KV.kassa-<store>-config.catalog`): what a kiosk downloads and checks. */
export const catalogAnnouncementSchema = z
  .object({
    /** sha-256 of the file's bytes, lower-case hex: the catalog's version. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(1).max(1024 * 1024 * 1024),
    format: z.enum(['json', 'csv']),
    products: z.number().int().min(1).max(10_000_000),
    publishedAt: time,
    /** The file's base name on the store node (for logs and the staff console). */
    source: text(200),
  })
  .strict();
export type CatalogAnnouncement = z.infer<typeof catalogAnnouncementSchema>;

export function parseBus<T>(schema: z.ZodType<T>, data: Uint8Array, what: string, log: Log): T | null {
  const json = fromBytes(data, MAX_MESSAGE_BYTES);
  if (json === undefined) {
    log.warn('bus message refused: not JSON or too large', { what, bytes: data.byteLength });
    return null;
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    log.warn('bus message refused: invalid', { what, path: issue?.path.join('.') ?? '', problem: issue?.code ?? 'invalid' });
    return null;
  }
  return r.data;
}
