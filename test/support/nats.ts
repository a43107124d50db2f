/**
 * A real nats-server for a test: its own free port, its own temporary data folder, a config
 * file written by electron/store/nats-config.ts. stop() and start() keep the port and the data
 * (a restart); kill() ends it for good and removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER = process.env.KASSA_NATS_SERVER ?? '/usr/sbin/nats-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), r(true)));
      c.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface NatsProcess {
  port: number;
  url: string;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** `config(dir, port)` returns the configuration text (dir: a fresh folder for its JetStream store). */
export async function startNats(config: (dir: string, port: number) => string, port?: number): Promise<NatsProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-nats-'));
  const p = port ?? (await freePort());
  const file = join(dir, 'nats.conf');
  writeFileSync(file, config(join(dir, 'js'), p), { mode: 0o600 });
  let child: ChildProcess | null = null;
  const n: NatsProcess = {
    port: p,
    url: `nats://127.0.0.1:${p}`,
    dir,
    async start() {
      const c = spawn(NATS_SERVER, ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      let err = '';
      c.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      await Promise.race([
        waitForPort(p),
        new Promise((_, reject) => c.once('exit', (code) => reject(new Error(`nats-server exited (${code}): ${err}`)))),
      ]);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((r) => {
        c.once('exit', () => r());
        c.kill('SIGTERM');
      });
    },
    async kill() {
      await n.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await n.start();
  return n;
}
