/** A raw HTTP(S) client for node tests: exact headers, streamed bodies, and the reply or the socket error. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown> | null;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** A string, or a number of bytes of filler to stream in 64 KiB chunks. */
  body?: string | { bytes: number; chunked?: boolean };
  /** CA certificate for https (self-signed tests). */
  ca?: string | Buffer;
}

/** Sends one request; resolves with the reply, rejects with the socket error (e.g. ECONNRESET). */
export function rawRequest(url: string, path: string, r: RawRequest = {}): Promise<RawReply> {
  const u = new URL(path, url);
  const body = r.body;
  const headers: Record<string, string> = { ...r.headers };
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  else if (body && !body.chunked) headers['content-length'] = String(body.bytes);
  const make = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = make(u, { method: r.method ?? 'POST', headers, agent: false, ...(r.ca ? { ca: r.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else if (body) {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = body.bytes;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    } else req.end();
  });
}

/**
 * A blunt client on a plain TCP socket: writes the request line, headers and the WHOLE body
 * before it reads anything (as simple HTTP clients do), then returns the status line or the
 * socket error. A server that closes with unread data resets such a client before it reads.
 */
export function blindPost(url: string, path: string, headers: Record<string, string>, bytes: number): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    void import('node:net').then(({ connect }) => {
      const sock = connect({ host: u.hostname, port: Number(u.port) });
      let got = '';
      sock.on('data', (d: Buffer) => (got += d.toString('latin1')));
      sock.on('error', (e) => (got ? resolve(got.split('\r\n')[0]!) : reject(e)));
      sock.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
      sock.on('connect', () => {
        const head = [`POST ${path} HTTP/1.1`, `Host: ${u.host}`, `Content-Length: ${bytes}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
        sock.write(head);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let left = bytes;
        const pump = () => {
          while (left > 0) {
            const n = Math.min(left, chunk.length);
            left -= n;
            if (!sock.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
              sock.once('drain', pump);
              return;
            }
          }
        };
        pump();
      });
    });
  });
}
