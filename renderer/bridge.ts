/**
 * The renderer's only way to the engine. In Electron the preload puts the contract on
 * `window.kassa`; in a plain browser the host carries the same contract over a WebSocket at
 * `/kassa` (JSON text frames):
 *   client → host  { t: "invoke", id, channel, payload }
 *   host → client  { t: "result", id, result }   and   { t: "push", channel: "view", payload }
 *   host → client  { t: "error", id: null, error }   (a refused frame without a usable id)
 * The host only accepts the socket with the session cookie it set when it served this page,
 * and this page's origin. After a host restart the old cookie is refused, so before every
 * reconnect the bridge fetches the page again (`refresh`), which brings the new cookie.
 * The host pushes the current view right after connect. The socket reconnects with backoff
 * (250 ms doubling to 3 s); invokes still pending when it closes are rejected, and invokes
 * while it is down are rejected at once (the engine owns the state, so nothing is queued).
 */
import type { IntentName, IntentPayload, IntentResult, KassaApi, PushMap, PushName } from '../electron/ipc/contract';
import type { Connection } from './store/view-slice';

export interface Bridge {
  api: KassaApi;
  /** Calls back on every link change (immediately with the current one). Returns unsubscribe. */
  onConnection(cb: (c: Connection) => void): () => void;
  close(): void;
}

export class BridgeClosedError extends Error {
  readonly code = 'disconnected';
}

export interface WsBridgeOptions {
  /** First reconnect delay in ms (default 250); doubles up to `maxDelayMs` (default 3000). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** WebSocket constructor (tests). */
  WebSocketImpl?: typeof WebSocket;
  /** Runs before each reconnect (the browser: fetch the page again for a fresh session cookie). */
  refresh?: () => Promise<unknown>;
}

type Frame = { t: 'result'; id: number; result: IntentResult } | { t: 'push'; channel: PushName; payload: unknown } | { t: 'error'; error: { code: string; message: string } };

function parseFrame(data: unknown): Frame | null {
  if (typeof data !== 'string') return null;
  try {
    const f = JSON.parse(data) as Partial<Frame> | null;
    if (f && f.t === 'result' && typeof f.id === 'number' && typeof f.result === 'object') return f as Frame;
    if (f && f.t === 'push' && typeof f.channel === 'string') return f as Frame;
    if (f && f.t === 'error' && typeof f.error === 'object') return f as Frame;
  } catch (e) {
    console.warn('kassa bridge: dropped a frame that is not JSON', e);
  }
  return null;
}

/** A KassaApi over a WebSocket to `url`, reconnecting forever until `close()`. */
export function createWsBridge(url: string, opts: WsBridgeOptions = {}): Bridge {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 3000;
  const pending = new Map<number, { resolve(r: IntentResult): void; reject(e: Error): void }>();
  const listeners = new Map<PushName, Set<(p: never) => void>>();
  const connListeners = new Set<(c: Connection) => void>();
  let connection: Connection = 'connecting';
  let ws: WebSocket | null = null;
  let nextId = 1;
  let delay = minDelay;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setConnection = (c: Connection): void => {
    if (c === connection) return;
    connection = c;
    for (const cb of connListeners) cb(c);
  };

  const connect = (): void => {
    const sock = new Impl(url);
    ws = sock;
    sock.onopen = () => {
      delay = minDelay;
      setConnection('open');
    };
    sock.onmessage = (ev: MessageEvent) => {
      const f = parseFrame(ev.data);
      if (!f) return;
      if (f.t === 'result') {
        const p = pending.get(f.id);
        pending.delete(f.id);
        p?.resolve(f.result);
      } else if (f.t === 'error') {
        console.warn('kassa bridge: the host refused a frame', f.error.code);
      } else {
        for (const cb of listeners.get(f.channel) ?? []) (cb as (p: unknown) => void)(f.payload);
      }
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      for (const p of pending.values()) p.reject(new BridgeClosedError('the link to the kiosk engine closed'));
      pending.clear();
      if (closed) return;
      setConnection('reconnecting');
      timer = setTimeout(reconnect, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
    // onerror is always followed by onclose, which does the work.
    sock.onerror = () => undefined;
  };

  const reconnect = (): void => {
    timer = null;
    if (!opts.refresh) return connect();
    void opts
      .refresh()
      .catch(() => undefined)
      .then(() => {
        if (!closed) connect();
      });
  };

  const api: KassaApi = {
    invoke<C extends IntentName>(channel: C, payload: IntentPayload<C>): Promise<IntentResult> {
      const sock = ws;
      if (!sock || sock.readyState !== Impl.OPEN) return Promise.reject(new BridgeClosedError('not connected to the kiosk engine'));
      const id = nextId++;
      return new Promise<IntentResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        sock.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
      });
    },
    on<P extends PushName>(channel: P, cb: (payload: PushMap[P]) => void): () => void {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(cb as (p: never) => void);
      return () => set.delete(cb as (p: never) => void);
    },
  };

  connect();
  return {
    api,
    onConnection(cb) {
      connListeners.add(cb);
      cb(connection);
      return () => connListeners.delete(cb);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    },
  };
}

/** `window.kassa` from the Electron preload when present; otherwise the WebSocket to this page's host. */
export function createBridge(): Bridge {
  const preload = (window as unknown as { kassa?: KassaApi }).kassa;
  if (preload) {
    return {
      api: preload,
      onConnection(cb) {
        cb('open');
        return () => undefined;
      },
      close: () => undefined,
    };
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsBridge(`${scheme}://${location.host}/kassa`, {
    refresh: () => fetch('/', { credentials: 'same-origin', cache: 'no-store' }),
  });
}
