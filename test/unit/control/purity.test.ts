import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHECKOUT = resolve(import.meta.dirname, '../../../electron/checkout');
const FILES = ['purchase-control.ts', 'control-rules.ts', 'control-sale-hours.ts', 'control-sampler.ts'];

describe('purchase-control stays pure domain code', () => {
  it.each(FILES)('%s imports only zod and its siblings, and reads no clock or global randomness', (file) => {
    const text = readFileSync(resolve(CHECKOUT, file), 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec === 'zod' || spec!.startsWith('./')).toBe(true);
    // Time and randomness come in as arguments (now, Sampler), never from globals.
    expect(text).not.toMatch(/\b(process\.|require\(|document\.|localStorage|Date\.now\(|Math\.random\()/);
  });
});
