/**
 * How a client signs in to the store's nats-server: a password, or a user nkey seed file (the
 * server lists only the public key, so no shared secret sits in the server's file), and TLS that
 * verifies the server against the store's CA (plus a client certificate when the server asks for
 * one). Files are read once at start; a missing, unreadable or malformed file is a ConfigError
 * naming the field and the path, never the content. The seed is never logged.
 */
import { openSync, closeSync, fstatSync, readFileSync, writeFileSync } from 'node:fs';
import { nkeyAuthenticator, nkeys, type ConnectionOptions } from '@nats-io/transport-node';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';

/** PEM texts for the TLS connection (the transport gives them to node:tls). */
export interface NatsTls {
  ca: string;
  cert?: string;
  key?: string;
}

export interface NatsAuth {
  /** The client's user name: its inbox prefix (`_INBOX_<user>`) and, with a password, its login. */
  user: string;
  password?: string;
  /** The user nkey seed (a secret). */
  nkeySeed?: Uint8Array;
  /** TLS with the store's CA; `{}`-like `true`: TLS with the system's CAs (a `tls://` URL without storeBus.tls). */
  tls?: NatsTls | true;
}

/** A user seed: "SU" and 56 more base32 characters (nkeys' checksum is checked by fromSeed). */
const SEED = /^SU[A-Z2-7]{56}$/;
/** A public user key: "U" and 55 more base32 characters. */
export const USER_NKEY = /^U[A-Z2-7]{55}$/;

/** Reads a seed file: owner-only (where the platform has modes), one user seed. Errors name `field` and the path. */
export function readSeedFile(path: string, field: string): Uint8Array {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const mode = fstatSync(fd).mode;
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        throw new ConfigError(`configuration field "${field}": ${path} may be read by others (mode ${(mode & 0o777).toString(8)}); make it 0600 (chmod 600)`);
      }
      text = readFileSync(fd, 'latin1');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`configuration field "${field}": cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const seed = text.trim();
  const bad = () => new ConfigError(`configuration field "${field}": ${path} does not hold a user nkey seed (one line "SU…" as written by npm run store:nkey)`);
  if (!SEED.test(seed)) throw bad();
  try {
    nkeys.fromSeed(new TextEncoder().encode(seed)).getPublicKey();
  } catch {
    throw bad(); // a broken checksum: the nkeys error is not passed on (it is about the seed)
  }
  return new TextEncoder().encode(seed);
}

/** The public key of a seed (what the store's nats-server configuration lists). */
export function publicKeyOf(seed: Uint8Array): string {
  return nkeys.fromSeed(seed).getPublicKey();
}

/** Writes a new user seed to `path` (0600, never over an existing file) and returns its public key. */
export function createSeedFile(path: string): string {
  const kp = nkeys.createUser();
  const seed = new TextDecoder().decode(kp.getSeed());
  writeFileSync(path, `${seed}\n`, { mode: 0o600, flag: 'wx' });
  return kp.getPublicKey();
}

function readPem(path: string, field: string, what: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`configuration field "${field}": cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.length > 1024 * 1024 || !new RegExp(`-----BEGIN [A-Z ]*${what}-----`).test(text)) {
    throw new ConfigError(`configuration field "${field}": ${path} is not a PEM ${what.toLowerCase()} file`);
  }
  return text;
}

type TlsFiles = { caFile: string; certFile?: string; keyFile?: string };

/** TLS files of a storeBus-like block; errors name `prefix`.caFile etc. (e.g. "storeBus.tls") or the given `names`. */
export function readTls(t: TlsFiles, prefix: string, names?: Record<keyof TlsFiles, string>): NatsTls {
  const n = names ?? { caFile: `${prefix}.caFile`, certFile: `${prefix}.certFile`, keyFile: `${prefix}.keyFile` };
  return {
    ca: readPem(t.caFile, n.caFile, 'CERTIFICATE'),
    ...(t.certFile ? { cert: readPem(t.certFile, n.certFile, 'CERTIFICATE') } : {}),
    ...(t.keyFile ? { key: readPem(t.keyFile, n.keyFile, 'PRIVATE KEY') } : {}),
  };
}

/** The sign-in of a kiosk or the store node from its `storeBus` configuration (files read and checked now). */
export function natsAuthFrom(sb: NonNullable<KassaConfig['storeBus']>): NatsAuth {
  if (!sb.password && !sb.nkeySeedFile) throw new ConfigError('configuration field "storeBus.password" is required (or set KASSA_NATS_PASSWORD, or storeBus.nkeySeedFile)');
  return {
    user: sb.user,
    ...(sb.nkeySeedFile ? { nkeySeed: readSeedFile(sb.nkeySeedFile, 'storeBus.nkeySeedFile') } : { password: sb.password! }),
    ...(sb.tls ? { tls: readTls(sb.tls, 'storeBus.tls') } : sb.natsUrl.some((u) => u.startsWith('tls://')) ? { tls: true as const } : {}),
  };
}

/** The connection options of a sign-in (no inbox prefix, name or timings). */
export function connectOptions(a: Omit<NatsAuth, 'user'> & { user?: string }): ConnectionOptions {
  return {
    ...(a.nkeySeed ? { authenticator: nkeyAuthenticator(a.nkeySeed) } : a.password !== undefined ? { user: a.user, pass: a.password } : {}),
    ...(a.tls === true ? { tls: {} } : a.tls ? { tls: { ...a.tls } } : {}),
  };
}
