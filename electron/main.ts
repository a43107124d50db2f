import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { startKiosk, type Kiosk } from './app/kiosk';
import { startAttendant } from './app/attendant';
import { startupCause, startupMessage } from './app/startup';
import { pushViews, registerIpc } from './ipc/main-ipc';
import { createLog } from './log';
import { startWebHost } from './host/web-host';
import { CSP } from './security/csp';

/**
 * Composition root of the Electron app. Named start-up phases, nothing else:
 * single instance → kiosk (config, journal, catalog, devices, engine) → security → window → IPC.
 */
const log = createLog('main');
const isDev = !app.isPackaged && process.env.KASSA_DEV === '1';
const testHooks = !app.isPackaged && process.env.KASSA_TEST_HOOKS === '1';
let win: BrowserWindow | null = null;
let kiosk: Kiosk | null = null;

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '..', '..', 'resources');
}

function enforceSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  return true;
}

function hardenSessions(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // The kiosk needs no browser permission (camera, microphone, notifications, geolocation,
  // HID, serial, USB, clipboard, ...): the devices are opened by main. Every request and every
  // check is denied; requests are logged (repeated ones collapse in the log).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => {
    log.warn('permission request denied', { permission });
    cb(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev) => ev.preventDefault());
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Demo and staging only: the card-terminal simulator's own page (the link on the terminal
      // screen) opens in the system browser, never inside the kiosk. Exactly that URL, nothing else.
      const page = kiosk?.payments.terminalPage;
      if (page && url === page) {
        void shell.openExternal(url);
        return { action: 'deny' };
      }
      log.warn('blocked a new window', { url });
      return { action: 'deny' };
    });
  });
}

function openWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1080,
    height: 1920,
    show: false,
    backgroundColor: '#ffffff',
    kiosk: !isDev,
    fullscreen: !isDev,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: isDev,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  // A crashed renderer is reloaded; the engine keeps basket and payment state in main.
  let crashes: number[] = [];
  w.webContents.on('render-process-gone', (_e, details) => {
    const now = Date.now();
    crashes = crashes.filter((t) => now - t < 60_000).concat(now);
    log.error('renderer gone', { reason: details.reason, crashesLastMinute: crashes.length });
    if (crashes.length <= 3) w.reload();
  });
  void w.loadFile(join(__dirname, '..', 'renderer', 'index.html'));
  return w;
}

/**
 * A failed start: the out-of-order screen with the cause for staff (in a window, so the kiosk
 * never runs without one), the cause on stderr and in the log. The app stays up showing it
 * until staff fix the cause and restart the kiosk.
 */
function showStartupFailure(e: unknown): void {
  const cause = startupCause(e);
  process.stderr.write(`${startupMessage(e)}\n`);
  log.error('start-up failed', { cause });
  const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Kassa</title><style>body{font-family:system-ui,sans-serif;margin:0;display:flex;align-items:center;justify-content:center;height:100vh;background:#fff;color:#222;text-align:center}
main{max-width:44em;padding:2em}h1{font-size:2.4em}p{font-size:1.3em}code{display:block;margin-top:3em;font-size:1em;color:#555;word-break:break-word}</style></head>
<body><main><h1>This checkout is out of order</h1><p>Please use another checkout. We are sorry for the inconvenience.</p>
<p lang="et">See kassa ei tööta. Palun kasutage teist kassat.</p><code>Kassa cannot start: ${esc(cause)}</code></main></body></html>`;
  hardenSessions();
  const w = new BrowserWindow({ width: 1080, height: 1920, kiosk: !isDev, fullscreen: !isDev, autoHideMenuBar: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  win = w;
  void w.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  app.on('window-all-closed', () => app.exit(1));
}

async function main(): Promise<void> {
  if (!enforceSingleInstance()) return;
  await app.whenReady();
  try {
    kiosk = await startKiosk({ env: process.env, resourcesDir: resourcesDir(), defaultDataDir: () => app.getPath('userData'), log, manualClock: testHooks });
  } catch (e) {
    showStartupFailure(e);
    return;
  }
  // The attendant console of a one-kiosk shop (attendant.*); a port in use stops start-up.
  let attendant: Awaited<ReturnType<typeof startAttendant>> = null;
  try {
    attendant = await startAttendant(kiosk, join(__dirname, '..', 'renderer'), log);
  } catch (e) {
    await kiosk.close().catch(() => undefined);
    showStartupFailure(e);
    return;
  }
  if (attendant) process.stdout.write(`Kassa attendant console: ${attendant.url}\n`);
  hardenSessions();
  win = openWindow();
  const k = kiosk;
  registerIpc(k, (wc) => wc === win?.webContents, log.child('ipc'));
  pushViews(k, () => win?.webContents ?? null);
  if (testHooks) {
    // End-to-end runs only: the same /__test hooks as the browser host (clock, direct intents).
    const web = await startWebHost({ kiosk: k, rendererDir: join(__dirname, '..', 'renderer'), host: '127.0.0.1', port: 0, log, testHooks: true });
    process.stdout.write(`Kassa test hooks ready at ${web.url}\n`);
  }
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void attendant?.close().finally(() => k.close()));
}

process.on('uncaughtException', (e) => log.error('uncaught exception', { error: e }));
process.on('unhandledRejection', (e) => log.error('unhandled rejection', { error: e as Error }));
void main().catch((e: unknown) => {
  // Anything that escapes main (a window that cannot open) must not leave an app without a window.
  log.error('start-up failed', { error: e as Error });
  process.stderr.write(`${startupMessage(e)}\n`);
  app.exit(1);
});
