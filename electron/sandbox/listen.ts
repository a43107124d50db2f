import type { AddressInfo, Server } from 'node:net';

/**
 * Starts a sandbox's server on `host:port` (0 = any free port) and resolves with the port and
 * the base URL to reach it (an unspecified address is reached on loopback; IPv6 in brackets).
 * A port in use rejects with the server's error instead of throwing later.
 */
export function listen(server: Server, port: number, host: string): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({ port: bound, url: `http://${shown}:${bound}` });
    });
  });
}
