/**
 * Names on the store bus. Every subject of a store is under `kassa.<store>.`; see README.md.
 *
 *   kassa.<store>.ev.<lane>.<kind>    events a kiosk journaled (stream KASSA-<store>)
 *   kassa.<store>.lane.<lane>.act     remote action for one kiosk (request/reply)
 *   kassa.<store>.checks              the store's Smarts check list (store node → kiosks)
 *   kassa.<store>.checks.<op>         get | resolve | open | resend (kiosk → store node, request/reply)
 *   $KV.kassa-<store>-lanes.<lane>    the lane registry (JetStream key-value bucket)
 *   $KV.kassa-<store>-config.catalog  the announced catalog version (store node → kiosks)
 *   $O.kassa-<store>-catalog.>        the catalog file (JetStream object store)
 *   kassa.<store>.config              "the catalog or the settings changed" (store node → kiosks)
 *   kassa.<store>.lane.<lane>.inpost  InPost's call for a basket of this kiosk (store node → kiosk, request/reply)
 *   kassa.<store>.inpost.<lane>.call  the kiosk's call to InPost, made by the store node (kiosk → store node, request/reply)
 *   $KV.kassa-<store>-config.settings the store-wide settings (store-settings.ts)
 */
import { z } from 'zod';

/** Store and lane ids are single subject tokens: letters, digits, '-' and '_'. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, "-" or "_" (1–32)');

export const EVENT_KINDS = ['lane', 'alert', 'session', 'payment', 'device', 'audit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const subjects = (store: string) => ({
  prefix: `kassa.${store}`,
  events: `kassa.${store}.ev.>`,
  event: (lane: string, kind: EventKind) => `kassa.${store}.ev.${lane}.${kind}`,
  act: (lane: string) => `kassa.${store}.lane.${lane}.act`,
  checks: `kassa.${store}.checks`,
  inpostRelay: (lane: string) => `kassa.${store}.lane.${lane}.inpost`,
  inpostCall: (lane: string) => `kassa.${store}.inpost.${lane}.call`,
  inpostCalls: `kassa.${store}.inpost.*.call`,
  checksOp: (op: 'get' | 'resolve' | 'open' | 'resend') => `kassa.${store}.checks.${op}`,
  stream: `KASSA-${store}`,
  bucket: `kassa-${store}-lanes`,
  lanePut: (lane: string) => `$KV.kassa-${store}-lanes.${lane}`,
  configNotify: `kassa.${store}.config`,
  configBucket: `kassa-${store}-config`,
  catalogBucket: `kassa-${store}-catalog`,
});

const NS_PER_MS = 1_000_000;
/** The store stream's limits (documented in README.md). */
export const STREAM_LIMITS = {
  /** Events are kept 7 days: head office sources them well before that. */
  maxAgeMs: 7 * 24 * 3600 * 1000,
  /** At most 1 GiB on the store's disk; the oldest events go first. */
  maxBytes: 1024 * 1024 * 1024,
  /** A message id is remembered 2 h: a kiosk offline shorter than that never duplicates an event. */
  duplicateWindowMs: 2 * 3600 * 1000,
  /** One event is at most 64 KiB. */
  maxMsgBytes: 64 * 1024,
} as const;
export const ns = (ms: number) => ms * NS_PER_MS;

/** Bus message sizes accepted before parsing. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * A client's own reply-subject prefix (`_INBOX_<user>`): the server lets each user subscribe only
 * under its own, so no client can read the replies meant for another (request/reply, JetStream
 * acknowledgements, KV watches and object downloads all use it).
 */
export const inboxPrefix = (user: string): string => `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
