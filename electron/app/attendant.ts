/**
 * The attendant console: served by the store node on a store bus, and by the kiosk itself in a
 * one-kiosk shop and in demo mode (a local StorePort over the kiosk's own lane agent, no NATS),
 * started by the browser host and by Electron main. `attendant.enabled: false` turns it off; a
 * port in use stops start-up with `Kassa cannot start: the attendant console cannot listen on …`
 * naming the setting.
 */
import type { KassaConfig } from '../config/schema';
import type { Log } from '../log';
import type { StorePort } from '../store/lane';
import { createLocalStorePort } from '../store/local-port';
import { startConsoleServer, type ConsoleServerOptions } from '../store/console/server';
import type { Kiosk } from './kiosk';
import { listenFailure } from './startup';

export interface AttendantPart {
  url: string;
  close(): Promise<void>;
}

/** Starts the console server over `store` with the attendant settings of `config`. */
export async function serveAttendantConsole(o: { config: KassaConfig; store: StorePort; rendererDir: string; log: Log } & Pick<ConsoleServerOptions, 'directory' | 'clock' | 'audit'>): Promise<AttendantPart> {
  const a = o.config.attendant;
  try {
    const server = await startConsoleServer({
      store: o.store,
      directory: o.directory,
      clock: o.clock,
      rendererDir: o.rendererDir,
      host: a.host,
      port: a.port,
      log: o.log.child('attendant'),
      remoteAgeCheck: a.remoteAgeCheck,
      idleMs: a.idleMs,
      lang: o.config.languages.staff ?? o.config.languages.default,
      ...(o.audit ? { audit: o.audit } : {}),
    });
    o.log.info('attendant console ready', { url: server.url });
    return server;
  } catch (e) {
    throw listenFailure(e, 'the attendant console', 'KASSA_ATTENDANT_PORT / attendant.port', a.host, a.port);
  }
}

/** A one-kiosk shop's console over this kiosk's lane; none on a store bus (the store node serves it there). */
export async function startAttendant(kiosk: Kiosk, rendererDir: string, log: Log): Promise<AttendantPart | null> {
  const { config } = kiosk.loaded;
  if (!config.attendant.enabled) return null;
  if (config.storeBus) {
    log.info('attendant console: served by the store node (storeBus is set)');
    return null;
  }
  const smarts = kiosk.smarts;
  const checks = smarts ? { source: { checks: () => smarts.port.checks(), resolve: smarts.port.resolve.bind(smarts.port), onChange: (l: () => void) => smarts.store.onChange(l) }, log: log.child('checks') } : null;
  const store = createLocalStorePort(kiosk.store.storeId, kiosk.lane, checks);
  try {
    const server = await serveAttendantConsole({ config, store, rendererDir, log, directory: kiosk.supervision.directory, clock: kiosk.clock, audit: kiosk.supervision.audit });
    return {
      url: server.url,
      async close() {
        await server.close();
        store.close();
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
