import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin, isPinHash } from '../../../electron/supervisor';

describe('hashPin / verifyPin', () => {
  it('uses the format scrypt$16384$8$1$<16-byte salt>$<32-byte key>', async () => {
    const h = hashPin('1234');
    const parts = h.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    expect(isPinHash(h)).toBe(true);
  });

  it('two hashes of the same PIN differ (random salt) and both verify', async () => {
    const a = hashPin('1234');
    const b = hashPin('1234');
    expect(a).not.toBe(b);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
    expect(await verifyPin('1235', a)).toBe(false);
  });

  it('a given salt gives a reproducible hash', async () => {
    const salt = Buffer.alloc(16, 7);
    expect(hashPin('2468', salt)).toBe(hashPin('2468', salt));
  });

  it.each(['', '1234', 'scrypt$16384$8$1$abc', 'bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'scrypt$16385$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='])(
    'a malformed or too costly hash %j never verifies',
    async (bad) => {
      expect(isPinHash(bad)).toBe(false);
      expect(await verifyPin('1234', bad)).toBe(false);
    },
  );
});
