/**
 * Entry point of the store node (`npm run store`). Configuration as the kiosk's (KASSA_CONFIG,
 * KASSA_DATA_DIR) with a `storeBus` block; the NATS password in KASSA_NATS_PASSWORD. Prints the
 * merchant node's URL when ready. A failed start prints `Kassa store node cannot start: <cause>`
 * and exits non-zero (2: configuration, 1: anything else, e.g. no NATS server reachable).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeFor, startupCause } from '../app/startup';
import { tempDataDir } from '../config/load';
import { createLog } from '../log';
import { BusError } from './bus';
import { startStoreNode } from './store-node';

async function main(): Promise<void> {
  const log = createLog('store');
  try {
    const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const rendererDir = process.env.KASSA_RENDERER_DIR ?? join(repo, 'dist', 'renderer');
    const node = await startStoreNode({ env: process.env, defaultDataDir: tempDataDir, log, rendererDir });
    process.stdout.write(`Kassa store node ${node.storeId} ready: merchant node ${node.url ?? '(Smarts off)'} (data: ${node.loaded.dataDir})\n`);
    if (node.consoleUrl) process.stdout.write(`Kassa attendant console: ${node.consoleUrl}\n`);
    const stop = async () => {
      // A part that does not close within 5 s is left behind: a stop must end.
      await Promise.race([node.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  } catch (e) {
    const cause = e instanceof BusError ? e.message : startupCause(e);
    process.stderr.write(`Kassa store node cannot start: ${cause}\n`);
    process.exit(e instanceof BusError ? 1 : exitCodeFor(e));
  }
}

void main();
