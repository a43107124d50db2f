/**
 * One HTTP(S) POST of a Terminal API message: JSON in, JSON (or nothing, for Abort) out, with a
 * timeout. The local Terminal API listens on https://<terminal>:8443/nexo (the terminal's
 * certificate is trusted through `caPem`); the cloud endpoint takes an `x-API-key` header.
 * The key is never logged and never appears in an error text.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate } from 'node:tls';

export interface NexoTransportOptions {
  url: string;
  /** Cloud Terminal API key (x-API-key); null for the local integration. */
  apiKey: string | null;
  /** PEM of the CA that signed the terminal's certificate (local HTTPS); null: the system's CAs. */
  caPem: string | null;
  /**
   * Local HTTPS: a terminal is addressed by its LAN IP and its certificate names it by POIID, so
   * the certificate's common name is checked against this instead of the host name. null: the
   * usual host-name check (cloud endpoint).
   */
  commonName?: string | null;
}

/** Error codes of connection attempts that failed before a byte of the request left. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The exchange failed: `notSent` when the request provably never reached the terminal. */
export class NexoTransportError extends Error {
  readonly kind = 'NexoTransportError';
  constructor(message: string, readonly notSent: boolean, readonly code: string | null) {
    super(message);
  }
}

export interface Answer {
  status: number;
  /** Parsed JSON; null for an empty body; undefined when the body is not JSON. */
  json: unknown;
}

export type Post = (message: unknown, timeoutMs: number) => Promise<Answer>;

export function httpPost(o: NexoTransportOptions): Post {
  const url = new URL(o.url);
  const secure = url.protocol === 'https:';
  return (message, timeoutMs) =>
    new Promise<Answer>((resolve, reject) => {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': body.length, Accept: 'application/json' };
      if (o.apiKey) headers['x-API-key'] = o.apiKey;
      // A fresh connection per request (agent: false): a refused connection then proves the
      // request was never sent, which a reused keep-alive socket cannot.
      const opts = {
        method: 'POST',
        headers,
        agent: false,
        ...(secure && o.caPem ? { ca: o.caPem } : {}),
        ...(secure && o.commonName
          ? { checkServerIdentity: (_host: string, cert: PeerCertificate) => (cert.subject?.CN === o.commonName ? undefined : new Error(`the terminal's certificate names ${String(cert.subject?.CN)}, expected ${o.commonName}`)) }
          : {}),
      };
      let connected = false;
      const req = (secure ? httpsRequest : httpRequest)(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new NexoTransportError(`terminal answer broke off: ${e.message}`, false, (e as NodeJS.ErrnoException).code ?? null)));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          if (text.trim() === '') return resolve({ status: res.statusCode ?? 0, json: null });
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: undefined });
          }
        });
      });
      // Over TLS nothing of the request leaves before the handshake succeeded.
      req.on('socket', (s) => s.once(secure ? 'secureConnect' : 'connect', () => (connected = true)));
      const timer = setTimeout(() => req.destroy(new NexoTransportError(`no answer from the terminal within ${timeoutMs} ms`, false, 'TIMEOUT')), timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        if (e instanceof NexoTransportError) return reject(e);
        const code = (e as NodeJS.ErrnoException).code ?? null;
        // Before the connection (or, over TLS, the handshake) succeeded, not a byte of the request left.
        const notSent = !connected && (secure || (code !== null && NOT_SENT_CODES.has(code)));
        reject(new NexoTransportError(`terminal unreachable: ${code ?? e.message}`, notSent, code));
      });
      req.end(body);
    });
}
