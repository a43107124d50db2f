/**
 * The Electron fuses the installer must flip (electron-builder.yml `electronFuses`): a packaged
 * kiosk cannot be turned into a Node.js runtime (ELECTRON_RUN_AS_NODE), given NODE_OPTIONS or
 * --inspect, or made to load code from outside its integrity-checked app.asar.
 * asar.test.ts checks the same fuses in the packaged binary.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('sets the Electron fuses at packaging', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs the app into an asar (the integrity fuse needs one) and does not turn integrity off', () => {
    expect(config.asar).not.toBe(false);
    expect(config.disableAsarIntegrity).toBeUndefined();
  });
});
