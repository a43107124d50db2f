/**
 * PIN hashing for supervisor credentials: scrypt with a random salt, stored as
 * `scrypt$N$r$p$<salt base64>$<hash base64>` so the cost can be raised later without
 * breaking stored hashes. Neither a PIN nor a hash is ever logged.
 *
 * Verification is asynchronous (`crypto.scrypt` runs on libuv's thread pool), so a PIN check
 * never stalls the engine's thread. `hashPin` stays synchronous: it is used by the CLI and by
 * admin actions, never on a customer's or a supervisor's request.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** Cost parameters for new hashes: N=16384, r=8, p=1 (16 MiB, a few tens of ms), 32-byte key. */
export const PIN_SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

/**
 * Bounds for hashes read from config or the database, so a crafted hash cannot make one
 * verify take more than 64 MiB or minutes of CPU: memory is 128·N·r bytes, so N·r ≤ 2^19
 * (N ≤ 65536 with r = 8); p ≤ 4 multiplies the CPU work only.
 */
export const PIN_HASH_LIMITS = { maxMemoryBytes: 64 * 1024 * 1024, minN: 1024, maxR: 32, maxP: 4, minSaltBytes: 8, minKeyBytes: 16, maxKeyBytes: 64 } as const;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Why a hash text is refused, in words for a configuration error (never echoes the hash). */
export function pinHashProblem(text: string): string | null {
  const r = parse(text);
  return typeof r === 'string' ? r : null;
}

function parse(text: string): ParsedHash | string {
  if (text.length > 512) return 'a PIN hash is at most 512 characters';
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return 'pinHash must be a scrypt$N$r$p$salt$hash string (tools/supervisor.ts hash)';
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (!/^\d{1,8}$/.test(n) || !/^\d{1,3}$/.test(r) || !/^\d{1,3}$/.test(p)) return 'scrypt N, r and p must be whole numbers';
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const L = PIN_HASH_LIMITS;
  if (N < L.minN || (N & (N - 1)) !== 0) return `scrypt N must be a power of two of at least ${L.minN}`;
  if (R < 1 || R > L.maxR) return `scrypt r must be from 1 to ${L.maxR}`;
  if (P < 1 || P > L.maxP) return `scrypt p must be from 1 to ${L.maxP}`;
  if (128 * N * R > L.maxMemoryBytes) return `scrypt N·r would need ${Math.round((128 * N * R) / 1048576)} MiB per check; at most ${L.maxMemoryBytes / 1048576} MiB is allowed`;
  if (!B64.test(salt) || !B64.test(hash)) return 'salt and hash must be base64';
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < L.minSaltBytes) return `the salt must be at least ${L.minSaltBytes} bytes`;
  if (hashBytes.length < L.minKeyBytes || hashBytes.length > L.maxKeyBytes) return `the key must be ${L.minKeyBytes} to ${L.maxKeyBytes} bytes`;
  return { N, r: R, p: P, salt: saltBytes, hash: hashBytes };
}

/** True when `text` is a well-formed hash within the limits, that this module can verify. */
export function isPinHash(text: string): boolean {
  return typeof parse(text) !== 'string';
}

/** Hashes a PIN with scrypt (N=16384 r=8 p=1, 32-byte key) and a random 16-byte salt unless one is given. */
export function hashPin(pin: string, salt: Buffer = randomBytes(PIN_SCRYPT.saltLength)): string {
  const { N, r, p, keyLength } = PIN_SCRYPT;
  const key = scryptSync(pin.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Checks a PIN against a stored hash in constant time, off the calling thread (libuv pool).
 * A malformed or over-limit hash never verifies (and costs nothing).
 */
export async function verifyPin(pin: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (typeof parsed === 'string') return false;
  const key = await new Promise<Buffer>((res, rej) =>
    scrypt(pin.normalize('NFC'), parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: 256 * parsed.N * parsed.r }, (e, k) => (e ? rej(e) : res(k))),
  );
  return timingSafeEqual(key, parsed.hash);
}
