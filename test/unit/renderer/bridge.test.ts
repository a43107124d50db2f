import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { createWsBridge, type Bridge } from '../../../renderer/bridge';
import type { Connection } from '../../../renderer/store';

/** A host double on 127.0.0.1:0 speaking the /kassa wire protocol. */
async function startHost(onInvoke: (msg: { id: number; channel: string; payload: unknown }, sock: WsSocket) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/kassa' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WsSocket[] = [];
  wss.on('connection', (sock) => {
    sockets.push(sock);
    sock.send(JSON.stringify({ t: 'push', channel: 'view', payload: { seq: sockets.length } }));
    sock.on('message', (data) => onInvoke(JSON.parse(String(data)), sock));
  });
  const port = (wss.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}/kassa`, wss, sockets, close: () => new Promise<void>((r) => wss.close(() => r())) };
}

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let bridge: Bridge | null = null;
let host: Awaited<ReturnType<typeof startHost>> | null = null;
afterEach(async () => {
  bridge?.close();
  await host?.close();
  bridge = null;
  host = null;
});

describe('WebSocket bridge', () => {
  it('receives the pushed view, and matches results to invokes by id', async () => {
    host = await startHost((m, sock) => {
      // Answer out of order to prove matching by id.
      setTimeout(() => sock.send(JSON.stringify({ t: 'result', id: m.id, result: { ok: true, view: { echo: m.channel, payload: m.payload } } })), m.channel === 'session/start' ? 30 : 0);
    });
    bridge = createWsBridge(host.url);
    const views: unknown[] = [];
    bridge.api.on('view', (v) => views.push(v));
    const states: Connection[] = [];
    bridge.onConnection((c) => states.push(c));
    await waitFor(() => views.length === 1);
    expect(views[0]).toEqual({ seq: 1 });
    const [a, b] = await Promise.all([bridge.api.invoke('session/start', { lang: 'et' }), bridge.api.invoke('basket/removeLine', { lineId: 'L3' })]);
    expect(a).toEqual({ ok: true, view: { echo: 'session/start', payload: { lang: 'et' } } });
    expect(b).toEqual({ ok: true, view: { echo: 'basket/removeLine', payload: { lineId: 'L3' } } });
    expect(states).toEqual(['connecting', 'open']);
  });

  it('rejects pending invokes on close, reconnects with backoff, and gets the view again', async () => {
    host = await startHost(() => undefined);
    bridge = createWsBridge(host.url, { minDelayMs: 20, maxDelayMs: 80 });
    const states: Connection[] = [];
    bridge.onConnection((c) => states.push(c));
    const views: unknown[] = [];
    bridge.api.on('view', (v) => views.push(v));
    await waitFor(() => states.includes('open'));
    const pending = bridge.api.invoke('checkout/pay', { method: 'swip' });
    await waitFor(() => host!.sockets.length === 1);
    host.sockets[0]!.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    await expect(bridge.api.invoke('session/activity', {})).rejects.toMatchObject({ code: 'disconnected' });
    await waitFor(() => views.length === 2);
    expect(views[1]).toEqual({ seq: 2 });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('keeps retrying while the host is down, backing off up to the cap', async () => {
    host = await startHost(() => undefined);
    const url = host.url;
    await host.close();
    host = null;
    const attempts: number[] = [];
    class CountingWs extends WebSocket {
      constructor(u: string | URL) {
        attempts.push(Date.now());
        super(u);
      }
    }
    bridge = createWsBridge(url, { minDelayMs: 10, maxDelayMs: 40, WebSocketImpl: CountingWs });
    await waitFor(() => attempts.length >= 6, 3000);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps.every((g) => g < 400)).toBe(true);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(35);
  });
});
