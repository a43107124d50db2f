/** The Smarts simulator is a second reading of integrations.md: it must not import the kiosk's side. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../../electron/sandbox/smarts');

describe('Smarts simulator independence', () => {
  it('imports nothing from electron/smarts, node, payments, engine or app', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const imports = [...readFileSync(join(DIR, f), 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of imports) expect(spec, `${f} imports ${spec}`).not.toMatch(/(^|\/)(smarts|node|payments|engine|app)(\/|$)|\.\.\/\.\.\//);
    }
  });
});
