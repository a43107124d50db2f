/**
 * PIN hashing for supervisor credentials: scrypt with a random salt, stored as
 * `scrypt$N$r$p$<salt base64>$<hash base64>` so the cost can be raised later without
 * breaking stored hashes. Neither a PIN nor a hash is ever logged.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** Cost parameters for new hashes: N=16384, r=8, p=1 (16 MiB, a few tens of ms), 32-byte key. */
export const PIN_SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

// Bounds for hashes read from config or the database, so a crafted hash cannot make one
// verify take gigabytes of memory or minutes of CPU.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(text: string): ParsedHash | null {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (!/^\d{1,8}$/.test(n) || !/^\d{1,3}$/.test(r) || !/^\d{1,3}$/.test(p)) return null;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || R < 1 || R > MAX_R || P < 1 || P > MAX_P) return null;
  if (!B64.test(salt) || !B64.test(hash)) return null;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < 8 || hashBytes.length < 16 || hashBytes.length > 64) return null;
  return { N, r: R, p: P, salt: saltBytes, hash: hashBytes };
}

/** True when `text` is a well-formed hash this module can verify. */
export function isPinHash(text: string): boolean {
  return parseHash(text) !== null;
}

/** Hashes a PIN with scrypt (N=16384 r=8 p=1, 32-byte key) and a random 16-byte salt unless one is given. */
export function hashPin(pin: string, salt: Buffer = randomBytes(PIN_SCRYPT.saltLength)): string {
  const { N, r, p, keyLength } = PIN_SCRYPT;
  const key = scryptSync(pin.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a PIN against a stored hash in constant time; a malformed hash never verifies. */
export function verifyPin(pin: string, hash: string): boolean {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const key = scryptSync(pin.normalize('NFC'), parsed.salt, parsed.hash.length, {
    N: parsed.N,
    r: parsed.r,
    p: parsed.p,
    maxmem: 256 * parsed.N * parsed.r,
  });
  return timingSafeEqual(key, parsed.hash);
}
