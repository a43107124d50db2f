/**
 * Exports the supervisor audit log as CSV (for the store manager or an auditor).
 *
 *   npm run audit:export -- --db <data>/journal.db [--since 2026-11-01] [--out audit.csv]
 *
 * Writes to stdout without --out. Exit codes: 0 done, 2 bad usage (missing or unreadable db,
 * bad date).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { AuditLog } from '../electron/journal/audit';

function fail(msg: string): never {
  process.stderr.write(`audit-export: ${msg}\nusage: audit-export --db <journal.db> [--since YYYY-MM-DD] [--out file.csv]\n`);
  process.exit(2);
}

const { values } = parseArgs({ options: { db: { type: 'string' }, since: { type: 'string' }, out: { type: 'string' } }, strict: true });
if (!values.db) fail('--db is required');
if (!existsSync(values.db)) fail(`no database at ${values.db}`);
let since = 0;
if (values.since !== undefined) {
  since = Date.parse(values.since);
  if (Number.isNaN(since)) fail(`--since is not a date: ${values.since}`);
}
const db = new BetterSqlite3(values.db, { fileMustExist: true });
try {
  const csv = new AuditLog(db).exportCsv({ since });
  if (values.out) writeFileSync(values.out, csv);
  else process.stdout.write(csv);
} finally {
  db.close();
}
