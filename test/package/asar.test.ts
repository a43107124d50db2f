/**
 * What the installer would contain: electron-builder assembles the app (`--dir`) with a stub
 * Electron distribution (no Electron binary can be downloaded here) and npmRebuild off, and we
 * read app.asar. Needs `npm run build` first (tools/test.ts runs it).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(p: string): string[] };

let out: string;
let files: string[];
let resources: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'kassa-pack-'));
  const stub = join(out, 'electron-stub');
  mkdirSync(stub);
  // A stub "binary" that carries an Electron fuse wire (sentinel, version 1, 8 fuses, all
  // enabled), so electron-builder's electronFuses step really flips it and we can read it back.
  writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`), Buffer.from([1, 8]), Buffer.alloc(8, 0x31), Buffer.from('\n')]));
  chmodSync(join(stub, 'electron'), 0o755);
  const r = spawnSync('npx', ['electron-builder', '--dir', '--linux', `-c.electronDist=${stub}`, '-c.npmRebuild=false', `-c.directories.output=${join(out, 'release')}`], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-builder failed:\n${r.stdout}\n${r.stderr}`);
  resources = join(out, 'release', 'linux-unpacked', 'resources');
  files = asar.listPackage(join(resources, 'app.asar'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('contains the built main, preload, catalog import worker and renderer, and the package manifest', () => {
    for (const f of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/catalog-import-worker.cjs', '/dist/renderer/index.html', '/package.json']) expect(files).toContain(f);
    expect(files.some((f) => /^\/dist\/renderer\/assets\/index-.*\.js$/.test(f))).toBe(true);
  });

  it('ships no sources, tests, source maps, data folders or dev tooling', () => {
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /\.(ts|tsx|map)$/.test(f))).toEqual([]);
    expect(own.filter((f) => /^\/(test|electron|renderer|tools|artifacts|\.tmp)\//.test(f))).toEqual([]);
    for (const dev of ['vitest', 'typescript', '@playwright/test', 'electron-builder', 'eslint', 'vite', 'react', 'react-dom', 'zustand']) {
      expect(files.includes(`/node_modules/${dev}`), `${dev} must not be packaged`).toBe(false);
    }
  });

  it('has the runtime dependencies of the main process', () => {
    for (const dep of ['better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'zod', 'fastify', 'ws', '@point-of-sale/receipt-printer-encoder']) {
      expect(files, dep).toContain(`/node_modules/${dep}`);
    }
  });

  it('unpacks the native modules (asar cannot load .node files)', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3', 'prebuilds', 'linux-x64.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'better-sqlite3', 'prebuilds', 'win32-x64.node'))).toBe(true);
    expect(readdirSync(join(unpacked, '@serialport', 'bindings-cpp', 'prebuilds'))).toEqual(expect.arrayContaining(['linux-x64', 'win32-x64']));
  });

  it('flips the Electron fuses in the packaged binary (electron-builder.yml electronFuses)', async () => {
    const fuses = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number | string>>; FuseV1Options: Record<string, number> };
    const wire = await fuses.getCurrentFuseWire(join(out, 'release', 'linux-unpacked', 'kassa'));
    const O = fuses.FuseV1Options;
    const DISABLE = 48;
    const ENABLE = 49;
    expect(wire[O.RunAsNode!]).toBe(DISABLE);
    expect(wire[O.EnableNodeOptionsEnvironmentVariable!]).toBe(DISABLE);
    expect(wire[O.EnableNodeCliInspectArguments!]).toBe(DISABLE);
    expect(wire[O.EnableCookieEncryption!]).toBe(ENABLE);
    expect(wire[O.OnlyLoadAppFromAsar!]).toBe(ENABLE);
    expect(wire[O.EnableEmbeddedAsarIntegrityValidation!]).toBe(ENABLE);
  });

  it('carries the demo catalog and printer profiles as resources', () => {
    expect(existsSync(join(resources, 'resources', 'catalog', 'demo-catalog.json'))).toBe(true);
    expect(readdirSync(join(resources, 'resources', 'printers')).filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(3);
  });
});
