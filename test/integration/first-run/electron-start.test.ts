/** `npm start` without an Electron binary: one clear sentence pointing to `npm run host`, exit 1. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../../tools/electron-binary';

const root = join(import.meta.dirname, '../../..');

describe('npm start without an Electron binary', () => {
  it('prints one sentence naming npm run host and exits 1, without building or downloading', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'kassa-electron-'));
    const r = spawnSync('npx', ['tsx', 'tools/electron-start.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, KASSA_ELECTRON_PACKAGE: pkg, ELECTRON_OVERRIDE_DIST_PATH: '' }, timeout: 60_000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Kassa cannot start in Electron: .*npm run host/);
    expect(r.stdout).not.toContain('built dist');
  });

  it('finds a binary named by path.txt, and says which part is missing otherwise', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'kassa-electron-'));
    expect(electronBinary({ KASSA_ELECTRON_PACKAGE: pkg })).toMatchObject({ path: null, why: expect.stringContaining('without its binary') });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronBinary({ KASSA_ELECTRON_PACKAGE: pkg })).toMatchObject({ path: null, why: expect.stringContaining('is missing') });
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronBinary({ KASSA_ELECTRON_PACKAGE: pkg })).toEqual({ path: join(pkg, 'dist', 'electron') });
  });
});
