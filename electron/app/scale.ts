import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';
import { openPtyLink } from '../devices/printer/virtual/pty-link';
import { SerialScale, acceptWeight, scaleOptionsFrom } from '../devices/scale';
import type { KioskEngine } from '../engine/engine';
import { LookupFeature, type LookupUsageStore } from '../engine/lookup-feature';
import { ScaleFeature, type ScaleWeigher } from '../engine/scale-feature';
import type { Log } from '../log';
import { ScaleSimulator } from '../sandbox/scale';

export interface ScalePart {
  scale: SerialScale | null;
  /** The demo's simulated scale (its control page at `simulator.url`), if any. */
  simulator: ScaleSimulator | null;
  close(): Promise<void>;
}

/** The scale kind in force: the simulator is a sandbox device (demo, or "sandboxes": true), never a store's default. */
export function scaleKind(config: KassaConfig, mode: 'demo' | 'store'): 'serial' | 'virtual' | 'none' {
  const kind = config.scale.kind ?? (mode === 'demo' || config.sandboxes ? 'virtual' : 'none');
  if (kind === 'virtual' && mode === 'store' && !config.sandboxes) throw new ConfigError('configuration field "scale.kind": "virtual" is the demo scale; a store sets "serial" or "none" (or "sandboxes": true for staging)');
  return kind;
}

/**
 * Starts the kiosk's scale (serial, or the NCI simulator on a socat pty pair in demo mode)
 * and the `basket/weigh` intent. A scale that is missing or unplugged only makes weighing
 * unavailable (Devices tab: scale unavailable); nothing else depends on it.
 */
export async function startScale(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; catalog: Pick<Catalog, 'bySku' | 'lookupIndex'>; log: Log; dataDir: string; usage?: LookupUsageStore }): Promise<ScalePart> {
  const { config, engine, log } = o;
  const sc = config.scale;
  const kind = scaleKind(config, o.mode);
  let scale: SerialScale | null = null;
  let simulator: ScaleSimulator | null = null;
  let link: { close(): void } | null = null;
  let path = sc.path;
  if (kind === 'virtual') {
    try {
      const l = await openPtyLink(join(o.dataDir, 'scale-kiosk'), join(o.dataDir, 'scale-simulator'));
      link = l;
      simulator = await ScaleSimulator.start({ path: l.b, httpPort: 0, capacityGrams: sc.capacityGrams });
      path = l.a;
      log.info('scale simulator ready', { page: simulator.url });
    } catch (e) {
      log.warn('scale simulator unavailable; weighing is off', { error: e as Error });
      path = undefined;
    }
  }
  if (kind !== 'none' && path) {
    scale = new SerialScale(scaleOptionsFrom({ path, baudRate: sc.baudRate, dataBits: sc.dataBits, parity: sc.parity, protocol: sc.protocol, responseTimeoutMs: sc.responseTimeoutMs }), log.child('scale'));
    scale.on('status', (s) => {
      engine.devices.scale = s === 'ready' ? 'ok' : s === 'connecting' ? 'connecting' : s === 'stopped' ? 'not-configured' : 'unavailable';
      engine.publish();
    });
  }
  engine.devices.scale = kind === 'none' ? 'not-configured' : 'unavailable';
  const rules = { minGrams: sc.minGrams, maxGrams: sc.capacityGrams, tareGrams: sc.tareGrams };
  const s = scale;
  const weigher: ScaleWeigher | null = s
    ? {
        async weigh() {
          const r = acceptWeight(await s.read(), rules);
          return r.ok ? { ...r, tareGrams: rules.tareGrams } : r;
        },
      }
    : null;
  engine.use(new ScaleFeature(engine, { scale: weigher, bySku: (sku) => o.catalog.bySku(sku), log: log.child('scale') }));
  engine.use(new LookupFeature(engine, { lookupIndex: () => o.catalog.lookupIndex(), bySku: (sku) => o.catalog.bySku(sku) }, o.usage ?? null));
  await scale?.start();
  return {
    scale,
    simulator,
    async close() {
      await scale?.stop();
      await simulator?.close();
      link?.close();
    },
  };
}
