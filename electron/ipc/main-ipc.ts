import { ipcMain, type WebContents } from 'electron';
import type { Kiosk } from '../app/kiosk';
import { INTENT_NAMES } from './contract';
import type { Log } from '../log';

/**
 * The only place that touches ipcMain. Every intent channel is handled by one wrapper that
 * checks the sender and validates the payload against the contract before the engine sees it.
 * The sender's webContents id is the client identity: a supervisor session belongs to the
 * window that logged in.
 */
export function registerIpc(kiosk: Kiosk, isTrustedSender: (wc: WebContents) => boolean, log: Log): () => void {
  for (const channel of INTENT_NAMES) {
    ipcMain.handle(`kassa:${channel}`, async (event, payload: unknown) => {
      if (!isTrustedSender(event.sender)) {
        log.warn('intent from an untrusted sender refused', { channel });
        return { ok: false, error: { code: 'untrusted-sender', message: 'refused' } };
      }
      return kiosk.handle(channel, payload, { client: `window-${event.sender.id}` });
    });
  }
  return () => {
    for (const channel of INTENT_NAMES) ipcMain.removeHandler(`kassa:${channel}`);
  };
}

/** Sends every new view to the window. */
export function pushViews(kiosk: Kiosk, wc: () => WebContents | null): () => void {
  return kiosk.engine.onView((view) => {
    const target = wc();
    if (target && !target.isDestroyed()) target.send('kassa:push:view', view);
  });
}
