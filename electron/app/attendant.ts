/**
 * The attendant console of a one-kiosk shop (and demo mode): this kiosk's lane agent, a local
 * StorePort over it (no NATS) and the console server, started by the browser host and by
 * Electron main. `attendant.enabled: false` turns it off; a port in use stops start-up with
 * `Kassa cannot start: the attendant console cannot listen on …` naming the setting.
 */
import { createLaneAgent } from '../store/lane-agent';
import { createLocalStorePort } from '../store/local-port';
import { startConsoleServer } from '../store/console/server';
import type { Log } from '../log';
import type { Kiosk } from './kiosk';
import { listenFailure } from './startup';

export interface AttendantPart {
  url: string;
  close(): Promise<void>;
}

/** This kiosk's lane agent (lane id `store.kioskId`); the store bus publishes it too. */
export function kioskLaneAgent(kiosk: Kiosk, log: Log, outboxBacklog?: () => number): ReturnType<typeof createLaneAgent> {
  const { config } = kiosk.loaded;
  return createLaneAgent({
    laneId: config.store.kioskId,
    storeId: config.store.name,
    engine: kiosk.engine,
    staff: kiosk.supervision.supervision,
    attention: () => kiosk.payments.staff.attention(),
    remoteAgeCheck: config.attendant.remoteAgeCheck,
    log: log.child('lane'),
    ...(outboxBacklog ? { outboxBacklog } : {}),
  });
}

export async function startAttendant(kiosk: Kiosk, rendererDir: string, log: Log): Promise<AttendantPart | null> {
  const { config } = kiosk.loaded;
  const a = config.attendant;
  if (!a.enabled) return null;
  const sup = kiosk.supervision;
  const agent = kioskLaneAgent(kiosk, log);
  const port = createLocalStorePort(config.store.name, agent);
  try {
    const server = await startConsoleServer({
      store: port,
      directory: sup.directory,
      clock: kiosk.clock,
      rendererDir,
      host: a.host,
      port: a.port,
      log: log.child('attendant'),
      remoteAgeCheck: a.remoteAgeCheck,
      idleMs: a.idleMs,
      lang: config.languages.staff ?? config.languages.default,
      audit: sup.audit,
    });
    log.info('attendant console ready', { url: server.url });
    return {
      url: server.url,
      async close() {
        await server.close();
        port.close();
        agent.close();
      },
    };
  } catch (e) {
    port.close();
    agent.close();
    throw listenFailure(e, 'the attendant console', 'KASSA_ATTENDANT_PORT / attendant.port', a.host, a.port);
  }
}
