/**
 * Where the Electron executable is, or why there is none. KASSA_ELECTRON_PACKAGE names the
 * electron package folder (tests); ELECTRON_OVERRIDE_DIST_PATH is honoured as Electron honours it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron executable, or null with the reason it is missing. */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { path: null; why: string } {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(exe) ? { path: exe } : { path: null, why: `ELECTRON_OVERRIDE_DIST_PATH has no ${exe}` };
  }
  let pkg: string;
  try {
    pkg = env.KASSA_ELECTRON_PACKAGE ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, why: 'the electron package is not installed' };
  }
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, why: 'the electron package was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? { path: exe } : { path: null, why: `the Electron binary ${exe} is missing` };
}

