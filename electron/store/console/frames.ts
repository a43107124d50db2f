/**
 * The attendant console's wire format (JSON text frames over the WebSocket at /attendant):
 *
 *   console → server  { t: "login", id, badge, pin }      badge + PIN, as at the kiosk
 *                     { t: "resume", id, token }          a reconnecting page keeps its session
 *                     { t: "logout", id, token }
 *                     { t: "act", id, token, laneId, action }
 *                     { t: "resolve-check", id, token, invoiceId, verdict }   a Smarts check: PASSED | FAILED
 *   server → console  { t: "hello", storeId, remoteAgeCheck, idleMs, lang }   on connect, before login
 *                     { t: "result", id, result }          exactly one per client frame
 *                     { t: "lanes", now, lanes }           after login, and after every change
 *                     { t: "checks", now, checks }         the store's pending Smarts checks (likewise)
 *                     { t: "inpost", now, orders }         the store's InPost Pay baskets, newest first (likewise; store node only)
 *                     { t: "signed-out", reason }          idle, logout, session replaced
 *                     { t: "error", id: null, error }      a refused frame without a usable id
 *
 * Every frame is checked here (size, JSON, shape, lengths) before anything else looks at it; a
 * refused frame is answered and changes nothing.
 */
import { z } from 'zod';
import { laneActionSchema } from '../lane-agent';

/** Largest text frame read (bytes); larger: `frame-too-large`. */
export const MAX_CONSOLE_FRAME_BYTES = 4 * 1024;
/** Above this the WebSocket layer closes the connection (1009) without reading the frame. */
export const MAX_CONSOLE_WIRE_BYTES = 64 * 1024;

const id = z.number().int().min(0).max(0x7fffffff);
/** 32 random bytes, base64url. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a session token');
const badge = z.string().regex(/^[\x21-\x7e][\x20-\x7e]{1,62}[\x21-\x7e]$/, 'a badge of 3–64 printable characters');
const pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
const laneId = z.string().min(1).max(32).regex(/^[A-Za-z0-9._-]+$/, 'a lane id like K01');
/** Smarts invoice ids are up to 200 characters; no control characters. */
const invoiceId = z.string().min(1).max(200).regex(/^[^\p{Cc}]+$/u, 'an invoice id without control characters');

export const consoleFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('login'), id, badge, pin }).strict(),
  z.object({ t: z.literal('resume'), id, token }).strict(),
  z.object({ t: z.literal('logout'), id, token }).strict(),
  z.object({ t: z.literal('act'), id, token, laneId, action: laneActionSchema }).strict(),
  z.object({ t: z.literal('resolve-check'), id, token, invoiceId, verdict: z.enum(['PASSED', 'FAILED']) }).strict(),
]);
export type ConsoleFrame = z.infer<typeof consoleFrameSchema>;

export type ConsoleFrameError = { code: 'frame-too-large' | 'binary-frame' | 'not-json' | 'bad-frame' | 'rate-limited'; message: string };

export type ParsedConsoleFrame = { ok: true; frame: ConsoleFrame } | { ok: false; id: number | null; error: ConsoleFrameError };

/** Reads one console frame. Never throws; never echoes a PIN in its messages. */
export function parseConsoleFrame(data: Buffer, isBinary: boolean): ParsedConsoleFrame {
  if (data.length > MAX_CONSOLE_FRAME_BYTES) return { ok: false, id: null, error: { code: 'frame-too-large', message: `frames are limited to ${MAX_CONSOLE_FRAME_BYTES} bytes` } };
  if (isBinary) return { ok: false, id: null, error: { code: 'binary-frame', message: 'only JSON text frames are accepted' } };
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, id: null, error: { code: 'not-json', message: 'the frame is not JSON' } };
  }
  const rawId = msg && typeof msg === 'object' && !Array.isArray(msg) ? (msg as Record<string, unknown>).id : undefined;
  const usableId = id.safeParse(rawId).success ? (rawId as number) : null;
  const r = consoleFrameSchema.safeParse(msg);
  if (!r.success) {
    const issue = r.error.issues[0];
    // The path names the field; the message is zod's rule, never the value sent.
    return { ok: false, id: usableId, error: { code: 'bad-frame', message: `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}` } };
  }
  return { ok: true, frame: r.data };
}
