/** The InPost simulator is a second reading of integrations.md: it imports nothing of Kassa. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../../electron/sandbox/inpost');

describe('InPost simulator independence', () => {
  it('imports only node:, zod, its own files and the shared sandbox listen helper', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const imports = [...readFileSync(join(DIR, f), 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec, `${f} imports ${spec}`).toMatch(/^(node:|zod$|\.\/|\.\.\/listen$)/);
    }
  });
});
