/** The kiosk as a child process (the browser host) that tests can SIGKILL and restart on the same data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { KioskView } from '../../../electron/ipc/view';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');

export interface Host {
  proc: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

export function startHost(dataDir: string, crashAt?: string): Promise<Host> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/host/main.ts')], {
    cwd: REPO,
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'error', KASSA_RENDERER_DIR: dataDir, ...(crashAt ? { KASSA_TEST_CRASH_AT: crashAt } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((r) => proc.once('exit', (code, sig) => r(sig ?? code)));
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d) => (err += String(d)));
    const t = setTimeout(() => rej(new Error(`host did not start: ${out} ${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        res({ proc, url: m[1]!, exited });
      }
    });
    void exited.then((c) => rej(new Error(`host exited (${c}) before ready: ${err}`)));
  });
}

export async function hook<T = unknown>(h: Host, path: string, body: unknown = {}): Promise<T> {
  const r = await fetch(new URL(path, h.url), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return (await r.json()) as T;
}

export function intent(h: Host, channel: string, payload: unknown = {}): Promise<{ ok: boolean; view?: KioskView; error?: { code: string } }> {
  return hook(h, '/__test/intent', { channel, payload });
}

export async function until<T>(f: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Kills the host for good and waits for it. */
export async function kill(h: Host): Promise<void> {
  h.proc.kill('SIGKILL');
  await h.exited;
}
