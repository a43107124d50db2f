/**
 * A real store's nats-server configuration from a small JSON description (`npm run store:nats`):
 * validated here, written by `storeServerConfig` (electron/store/nats-config.ts) with the same
 * per-role permissions as the demo's. Kiosks sign in with a public nkey (`npm run store:nkey`) or
 * a password; the store node likewise. The TLS files must exist (nats-server reads them).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { USER_NKEY } from '../electron/store/nats-auth';
import { storeServerConfig } from '../electron/store/nats-config';
import { idSchema } from '../electron/store/subjects';

const path = z.string().min(1).max(4096).refine((p) => existsSync(p), 'no such file');
const user = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const signIn = z.union([z.object({ nkey: z.string().regex(USER_NKEY, 'a public user nkey (U…, from npm run store:nkey)') }).strict(), z.object({ password: z.string().min(8).max(256) }).strict()]);

export const storeSpecSchema = z
  .object({
    storeId: idSchema,
    host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/).default('0.0.0.0'),
    port: z.number().int().min(1).max(65535).default(4222),
    storeDir: z.string().min(1).max(4096),
    /** JetStream domain (head office sources through it); default kassa-<storeId>. */
    domain: idSchema.optional(),
    monitorPort: z.number().int().min(1).max(65535).optional(),
    tls: z.object({ certFile: path, keyFile: path, caFile: path.optional(), verify: z.boolean().optional() }).strict().refine((t) => !t.verify || !!t.caFile, { message: 'verify needs caFile', path: ['verify'] }).optional(),
    storeNode: z.intersection(z.object({ user: user.default('store-node') }), signIn),
    kiosks: z.array(z.intersection(z.object({ laneId: idSchema, user: user.optional() }), signIn)).min(1).max(500),
    leaf: z.object({ url: z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'host:port of the hub leaf port'), user, password: z.string().min(8).max(256), tls: z.object({ caFile: path, certFile: path.optional(), keyFile: path.optional() }).strict().optional() }).strict().optional(),
  })
  .strict();

/** The configuration text, or an error naming the first bad field. */
export function storeConfigFromSpec(input: unknown): string {
  const r = storeSpecSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`field "${i?.path.join('.') || '(root)'}": ${i?.message ?? 'invalid'}`);
  }
  const s = r.data;
  const lanes = new Set<string>();
  for (const k of s.kiosks) {
    if (lanes.has(k.laneId)) throw new Error(`field "kiosks": lane ${k.laneId} twice`);
    lanes.add(k.laneId);
  }
  return storeServerConfig({
    storeId: s.storeId,
    host: s.host,
    port: s.port,
    storeDir: s.storeDir,
    domain: s.domain ?? `kassa-${s.storeId}`,
    ...(s.monitorPort ? { monitorPort: s.monitorPort } : {}),
    ...(s.tls ? { tls: s.tls } : {}),
    storeNode: s.storeNode,
    kiosks: s.kiosks.map((k) => ({ ...k, user: k.user ?? `kiosk-${k.laneId}` })),
    ...(s.leaf ? { leaf: s.leaf } : {}),
  });
}
