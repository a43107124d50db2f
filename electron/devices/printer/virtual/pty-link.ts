import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

/**
 * A pseudo-terminal pair for the demo's virtual printer: socat links `a` (the kiosk's
 * printer port) to `b` (the virtual printer), like a null-modem cable.
 */
export async function openPtyLink(a: string, b: string): Promise<{ a: string; b: string; close(): void }> {
  rmSync(a, { force: true });
  rmSync(b, { force: true });
  let proc: ChildProcess;
  try {
    // socat runs under a small shell watchdog: when the kiosk process dies (even by SIGKILL),
    // the shell sees its parent gone within a second and ends socat, so no pty pair is orphaned.
    const watchdog = 'socat "$1" "$2" & s=$!; trap \'kill $s 2>/dev/null\' EXIT TERM INT; while kill -0 "$3" 2>/dev/null && kill -0 $s 2>/dev/null; do sleep 1; done';
    proc = spawn('/bin/sh', ['-c', watchdog, 'kassa-pty-link', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`, String(process.pid)], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(`socat is needed for the virtual printer: ${(e as Error).message}`, { cause: e });
  }
  const failed = new Promise<never>((_, rej) => proc.once('error', (e) => rej(new Error(`socat is needed for the virtual printer: ${e.message}`))));
  const ready = (async () => {
    const until = Date.now() + 5000;
    while (!(existsSync(a) && existsSync(b))) {
      if (Date.now() > until) throw new Error('socat did not create the pty links');
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await Promise.race([ready, failed]);
  proc.unref();
  return {
    a,
    b,
    close() {
      proc.kill('SIGTERM');
      rmSync(a, { force: true });
      rmSync(b, { force: true });
    },
  };
}
