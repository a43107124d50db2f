/**
 * Run by lifecycle.test.ts in a child process: starts one scanner on a live tty and one on a
 * missing path (a 5 s backoff timer pending), stops both, then returns from main. If anything
 * the scanner made (port handle, poller, backoff or silence timer) stayed alive, the process
 * would not exit promptly.
 */
import { SerialScanner, scannerOptionsFrom } from '../../../electron/devices/scanner';
import { createLog } from '../../../electron/log';

const [live, missing] = process.argv.slice(2);
if (!live || !missing) throw new Error('usage: stop-then-exit.script.ts <live tty> <missing path>');
const log = createLog('exit-check', () => undefined);
const slow = { initialMs: 5000, maxMs: 5000, factor: 2 };
const quick = { initialMs: 50, maxMs: 50, factor: 1 };
const a = new SerialScanner(scannerOptionsFrom({ path: live, framing: { kind: 'silence', gapMs: 5000 }, reconnect: quick }), log);
const b = new SerialScanner(scannerOptionsFrom({ path: missing, reconnect: slow }), log);
await Promise.all([a.start(), b.start()]);
// Under parallel pty churn the first open can meet a stale lock; give the retry a moment.
for (let i = 0; i < 60 && a.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
process.stdout.write(`statuses ${a.status} ${b.status}\n`);
await Promise.all([a.stop(), b.stop()]);
process.stdout.write(`stopped ${Date.now()}\n`);
