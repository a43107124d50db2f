/**
 * The renderer's Content-Security-Policy, shared by Electron (response header and the meta tag
 * in renderer/index.html) and the browser host. `connect-src` is the kiosk's own origin only:
 * `'self'` (which, in CSP Level 3, also covers ws:/wss: to the same host and port). The browser
 * host adds its WebSocket origin explicitly (`hostCsp`), for browsers that read 'self' narrowly.
 */
function policy(connect: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Electron: the renderer talks to main over IPC only; nothing else may be fetched. */
export const CSP = policy([]);

/** The browser host: its own origin and its own WebSocket (`hostHeader` already checked against the host's names). */
export function hostCsp(hostHeader: string, secure = false): string {
  if (!/^[a-z0-9.\-[\]:]{1,260}$/i.test(hostHeader)) return CSP;
  return policy([`${secure ? 'wss' : 'ws'}://${hostHeader.toLowerCase()}`]);
}
