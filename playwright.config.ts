import { defineConfig } from '@playwright/test';
import { electronBinary } from './test/e2e/support/targets';

/**
 * Two targets run the same specs: the browser host in Debian's Chromium (always), and the
 * Electron app (only where an Electron binary exists; otherwise this says so, loudly).
 */
const electron = electronBinary();
if (!electron) process.stdout.write('\n*** Electron end-to-end target: NOT RUN (no Electron binary on this machine; ELECTRON_SKIP_BINARY_DOWNLOAD). Only the browser-host target runs. ***\n\n');

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: 'test-results',
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser-host', use: { target: 'browser' } as never },
    ...(electron ? [{ name: 'electron', use: { target: 'electron' } as never }] : []),
  ],
});
