/**
 * Worker thread entry of `Catalog.importFileOffThread` (started by import-thread.ts): builds the
 * `.next` file with import-build.ts (validation and bulk load unchanged, the search index on a
 * worker of its own) and posts the outcome. The live catalog file is never opened here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CatalogImportError } from './errors';
import { buildFromFile } from './import-build';
import type { WorkerReply, WorkerRequest } from './import-thread';

const port = parentPort!;
const { next, path } = workerData as WorkerRequest;
const warnings: WorkerReply['warnings'] = [];
port.postMessage({ started: true });
try {
  const built = buildFromFile(next, path, (msg, fields) => warnings.push({ msg, fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> }));
  port.postMessage({ ok: true, built, warnings } satisfies WorkerReply);
} catch (e) {
  const refused = e instanceof CatalogImportError ? { source: e.source, row: e.row, reason: e.reason, ...(e.field !== undefined ? { field: e.field } : {}), ...(e.line !== undefined ? { line: e.line } : {}) } : undefined;
  const code = (e as NodeJS.ErrnoException).code;
  port.postMessage({ ok: false, refused, error: `${(e as Error).message ?? String(e)}${code ? ` (${code})` : ''}`, warnings } satisfies WorkerReply);
}
