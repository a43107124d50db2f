/** A test client of the attendant console server: the page's cookie, the right Origin, JSON frames. */
import { WebSocket } from 'ws';

export interface ConsoleClient {
  ws: WebSocket;
  frames: Array<Record<string, any>>;
  /** Sends a frame (an object gets the next id) and answers its result (or the error frame of a string). */
  send(frame: unknown): Promise<Record<string, any>>;
  /** The first frame of type `t` from index `after` on. */
  next(t: string, after?: number): Promise<Record<string, any>>;
  close(): void;
}

export async function consoleClient(url: string): Promise<ConsoleClient> {
  const page = await fetch(url);
  const cookie = page.headers.getSetCookie().find((c) => c.startsWith('kassa_console='))!.split(';')[0]!;
  const ws = new WebSocket(new URL('/attendant', url).href.replace('http', 'ws'), { headers: { cookie }, origin: new URL(url).origin });
  const frames: Array<Record<string, any>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, any>));
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  let id = 0;
  const waitFor = async (pred: (f: Record<string, any>) => boolean, from = 0) => {
    for (let i = 0; i < 1000; i++) {
      const f = frames.slice(from).find(pred);
      if (f) return f;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no such frame; got ${JSON.stringify(frames).slice(0, 2000)}`);
  };
  return {
    ws,
    frames,
    async send(frame) {
      const fid = ++id;
      const from = frames.length;
      ws.send(typeof frame === 'string' ? frame : JSON.stringify({ id: fid, ...(frame as object) }));
      if (typeof frame === 'string') return waitFor((f) => f.t === 'error' || f.t === 'result', from);
      return (await waitFor((f) => f.t === 'result' && f.id === fid)).result as Record<string, any>;
    },
    next: (t, after = 0) => waitFor((f) => f.t === t, after),
    close: () => ws.terminate(),
  };
}
