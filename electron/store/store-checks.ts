/**
 * The attendant console's side of a Smarts part's purchase checks: the pending ones as
 * `StoreCheck`s (oldest first), a listener told after every change, and a verdict resolved
 * directly in the part's PurchaseCheckStore — exactly once: a second verdict, from a console or
 * a kiosk, is refused there as `already-resolved`. Used by the store node (its own Smarts part)
 * and by a one-kiosk shop (the kiosk's Smarts part), so both consoles behave the same.
 */
import type { SmartsCheckView } from '../ipc/view';
import type { Log } from '../log';
import type { CheckResult, CheckVerdict, StaffIdentity, StoreCheck } from './lane';

/** What this needs of a Smarts part (`SmartsPart['port']`, `SmartsPart['store'].onChange`). */
export interface SmartsCheckSource {
  checks(): SmartsCheckView[];
  resolve(invoiceId: string, status: CheckVerdict, edits: undefined, by: string): void;
  onChange(listener: () => void): () => void;
}

/** The console shows at most this many (oldest first); the Smarts part lists the 20 newest. */
export const MAX_STORE_CHECKS = 50;

export function pendingChecks(views: SmartsCheckView[]): StoreCheck[] {
  return views
    .filter((c) => c.status === 'pending' && c.decision !== 'NO')
    .sort((a, b) => a.receivedAt - b.receivedAt || a.invoiceId.localeCompare(b.invoiceId))
    .slice(0, MAX_STORE_CHECKS)
    .map((c) => ({
      invoiceId: c.invoiceId,
      decision: c.decision as StoreCheck['decision'],
      receivedAt: c.receivedAt,
      expiresAt: c.expiresAt,
      products: c.products.map((p) => ({ name: p.name, quantity: p.quantity, unit: p.unit, totalCents: p.totalCents, minAge: p.minAge })),
      ...(c.unreadable ? { unreadable: true } : {}),
    }));
}

const CODES: Record<string, Exclude<CheckResult, { ok: true }>['code']> = {
  'already-resolved': 'already-resolved',
  'not-found': 'not-found',
  'not-required': 'not-found',
  expired: 'expired',
};

export class StoreChecks {
  private readonly listeners = new Set<(checks: StoreCheck[]) => void>();
  private source: SmartsCheckSource | null = null;
  private stop: (() => void) | null = null;
  private last = '[]';
  private scheduled = false;

  constructor(private readonly log: Log) {}

  /** Connects the Smarts part (the store node starts it after the console's port exists). */
  attach(source: SmartsCheckSource): void {
    this.stop?.();
    this.source = source;
    this.stop = source.onChange(() => this.changed());
    this.changed();
  }

  /** Null without a Smarts part. A list that cannot be read is logged and shown empty. */
  list(): StoreCheck[] | null {
    if (!this.source) return null;
    try {
      return pendingChecks(this.source.checks());
    } catch (e) {
      this.log.error('store checks cannot be listed', { error: e as Error });
      return [];
    }
  }

  subscribe(listener: (checks: StoreCheck[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async resolve(invoiceId: string, verdict: CheckVerdict, by: StaffIdentity, via: string): Promise<CheckResult> {
    if (!this.source) return { ok: false, code: 'offline', message: 'this store runs no Smarts node' };
    if (verdict !== 'PASSED' && verdict !== 'FAILED') return { ok: false, code: 'invalid', message: 'the verdict is PASSED or FAILED' };
    try {
      this.source.resolve(invoiceId, verdict, undefined, `${by.badge}@${via}`.slice(0, 200));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string') {
        this.log.error('store check verdict failed', { error: e as Error });
        return { ok: false, code: 'refused', message: 'the store could not record the verdict' };
      }
      return { ok: false, code: CODES[code] ?? 'refused', message: (e as Error).message.slice(0, 300) };
    }
    this.log.info('purchase check resolved from the console', { invoiceId, status: verdict, via });
    return { ok: true };
  }

  close(): void {
    this.stop?.();
    this.stop = null;
    this.listeners.clear();
  }

  /** Coalesced to one look per turn of the event loop; listeners hear only a different list. */
  private changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const list = this.list();
      if (!list) return;
      const text = JSON.stringify(list);
      if (text === this.last) return;
      this.last = text;
      for (const l of this.listeners) l(list);
    });
  }
}
