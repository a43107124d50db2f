import { randomUUID } from 'node:crypto';
import { addProduct, emptyBasket, removeLine, setQuantity, BasketError, type Basket, type LineMeasure } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import type { Product } from '../checkout/product';
import { idleVerdict, move, type SessionState } from '../checkout/session';
import type { IntentContext, IntentName, IntentResult } from '../ipc/contract';
import type { DeviceState, KioskView, Notice } from '../ipc/view';
import type { SessionSnapshot } from '../journal/sessions';
import { buildView } from './view';
import { AssistanceCall } from './assistance';
import { CUSTOMER_INTENTS, IntentRefused, LOCAL_CLIENT, type EngineDeps, type EngineFeature, type EngineOptions } from './engine-contract';
import { productForCode } from './scanned-product';

// The engine's contract lives in engine-contract.ts; importers keep using './engine'.
export { IntentRefused, LOCAL_CLIENT } from './engine-contract';
export type { EngineDeps, EngineFeature, EngineOptions, IntentHandler, ScanParse, ScannedCode } from './engine-contract';

/**
 * The kiosk engine: the single owner of the customer session. Every state change goes
 * through here, is journaled, and produces a new KioskView for the renderer.
 */
export class KioskEngine {
  state: SessionState = 'attract';
  lang: Lang;
  basket: Basket = emptyBasket();
  sessionId: string | null = null;
  sessionStartedAt = 0;
  unknownScans = 0;
  ageApproved = new Set<string>();
  notice: Notice | null = null;
  /** The call for staff (Help, a lock, a payment needing staff): raised, acknowledged, finished. */
  readonly assistance = new AssistanceCall();
  lastActivityAt: number;
  devices: { scanner: DeviceState; printer: DeviceState; payments: DeviceState; scale: DeviceState } = { scanner: 'not-configured', printer: 'not-configured', payments: 'not-configured', scale: 'not-configured' };
  outOfOrder: { reason: string } | null = null;
  recovering = false;

  private seq = 0;
  private noticeSeq = 0;
  private noticeAt = 0;
  private lastPushed = '';
  private readonly listeners = new Set<(v: KioskView) => void>();
  private readonly features: EngineFeature[] = [];
  private readonly handlers = new Map<IntentName, (payload: any, ctx: IntentContext) => void | Promise<void>>();

  constructor(readonly opts: EngineOptions, readonly deps: EngineDeps) {
    this.lang = opts.languages.default;
    this.lastActivityAt = deps.clock.now();
    const own: Partial<Record<IntentName, (p: any) => void | Promise<void>>> = {
      'view/get': () => undefined,
      'session/start': (p: { lang?: Lang }) => this.startSession(p.lang),
      'session/setLanguage': (p: { lang: Lang }) => this.setLanguage(p.lang),
      'session/activity': () => this.activity(),
      'session/cancel': () => this.endSession('customer-cancel'),
      'basket/scan': (p: { code: string; source: string }) => this.scan(p.code, p.source),
      'basket/setQuantity': (p: { lineId: string; quantity: number }) => this.changeBasket((b) => setQuantity(b, p.lineId, p.quantity)),
      'basket/removeLine': (p: { lineId: string }) => this.changeBasket((b) => removeLine(b, p.lineId)),
      'notice/dismiss': (p: { id: number }) => {
        if (this.notice?.id === p.id) this.notice = null;
      },
      'assistance/call': () => this.callAssistance(),
    };
    for (const [k, h] of Object.entries(own)) this.handlers.set(k as IntentName, h);
  }

  /** Adds a feature's handlers; later features may not silently replace earlier ones. */
  use(feature: EngineFeature): this {
    this.features.push(feature);
    for (const [k, h] of Object.entries(feature.handlers ?? {})) {
      if (this.handlers.has(k as IntentName)) throw new Error(`intent ${k} already has a handler (feature ${feature.name})`);
      this.handlers.set(k as IntentName, h!);
    }
    return this;
  }

  /** Restores the session that was open when the kiosk stopped (basket kept, back to shopping). */
  restore(): void {
    const s = this.deps.sessions.lastOpen();
    if (!s) return;
    if (s.basket.lines.length === 0) {
      this.deps.sessions.end(s.id, 'empty-at-restart', this.deps.clock.now());
      return;
    }
    this.sessionId = s.id;
    this.sessionStartedAt = s.startedAt;
    this.lang = s.lang;
    this.basket = s.basket;
    this.unknownScans = s.unknownScans;
    this.ageApproved = new Set(s.ageApproved);
    this.state = 'shopping';
    this.lastActivityAt = this.deps.clock.now();
    this.deps.log.info('session restored after restart', { sessionId: s.id, lines: s.basket.lines.length, was: s.state });
  }

  // ---- intents -------------------------------------------------------------------------

  /**
   * Runs a validated intent for `ctx.client`. Never throws: refusals and faults become
   * `{ ok: false }`.
   */
  async dispatch(channel: IntentName, payload: unknown, ctx: IntentContext = LOCAL_CLIENT): Promise<IntentResult> {
    const handler = this.handlers.get(channel);
    try {
      if (!handler) throw new IntentRefused('not-available', `${channel} is not available on this kiosk`);
      // basket/scan enforces the lock itself, after features had a look (a supervisor badge must pass).
      if (CUSTOMER_INTENTS.has(channel) && channel !== 'basket/scan' && this.features.some((f) => f.blocksCustomer?.())) {
        throw new IntentRefused('locked', 'the kiosk is locked until a member of staff resolves it');
      }
      if (this.outOfOrder && CUSTOMER_INTENTS.has(channel)) throw new IntentRefused('out-of-order', 'this kiosk is out of order');
      if (channel !== 'view/get' && channel !== 'notice/dismiss') this.lastActivityAt = this.deps.clock.now();
      await handler(payload as never, ctx);
      return { ok: true, view: this.publish() };
    } catch (e) {
      const err = e instanceof IntentRefused || e instanceof BasketError ? { code: e.code, message: e.message } : { code: 'internal', message: 'the kiosk could not do that' };
      if (!(e instanceof IntentRefused || e instanceof BasketError)) this.deps.log.error('intent failed', { channel, error: e as Error });
      if (!(e instanceof IntentRefused && e.unchanged)) this.publish();
      return { ok: false, error: err };
    }
  }

  startSession(lang?: Lang): void {
    if (lang && this.opts.languages.available.includes(lang)) this.lang = lang;
    if (this.state === 'done') this.state = 'attract';
    if (this.state !== 'attract') return;
    const now = this.deps.clock.now();
    this.state = move(this.state, 'shopping');
    this.sessionId = randomUUID();
    this.sessionStartedAt = now;
    this.basket = emptyBasket();
    this.unknownScans = 0;
    this.ageApproved = new Set();
    // A Help pressed on the attract screen stays raised when the customer starts scanning.
    this.lastActivityAt = now;
    this.journal();
  }

  setLanguage(lang: Lang): void {
    if (!this.opts.languages.available.includes(lang)) throw new IntentRefused('language-unavailable', `language ${lang} is not enabled`);
    this.lang = lang;
    if (this.sessionId) this.journal();
  }

  activity(): void {
    this.lastActivityAt = this.deps.clock.now();
  }

  /** True while staff are called (view `assistance.requested`). Setting true raises, false finishes. */
  get assistanceRequested(): boolean {
    return this.assistance.requested;
  }

  set assistanceRequested(on: boolean) {
    if (on) this.assistance.raise(this.deps.clock.now());
    else this.finishAssistance('resolved');
  }

  callAssistance(): void {
    const first = !this.assistance.requested;
    this.assistance.raise(this.deps.clock.now());
    this.setNotice('assistance-called', 'info');
    if (first) this.deps.log.info('assistance requested', { sessionId: this.sessionId, state: this.state });
  }

  /** Ends the call for staff; one that staff never acknowledged is logged, never dropped silently. */
  finishAssistance(why: string): void {
    const was = this.assistance.clear();
    if (was && !was.ack && was.since !== null) this.deps.log.info('assistance request ended without acknowledgement', { why, waitedMs: this.deps.clock.now() - was.since, sessionId: this.sessionId });
  }

  /** Ends the customer session: basket cleared, back to attract. */
  endSession(reason: string): void {
    if (this.sessionId) this.deps.sessions.end(this.sessionId, reason, this.deps.clock.now());
    for (const f of this.features) f.onSessionEnd?.(reason);
    this.state = 'attract';
    this.sessionId = null;
    this.basket = emptyBasket();
    this.unknownScans = 0;
    this.ageApproved = new Set();
    this.finishAssistance(`session-end:${reason}`);
    this.notice = null;
    this.lang = this.opts.languages.default;
  }

  /** Applies a basket change, journals it, and only then lets the view show it. */
  changeBasket(f: (b: Basket) => Basket): void {
    if (this.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    this.basket = f(this.basket);
    this.journal();
  }

  /**
   * A barcode from any source: serial scanner, keyboard wedge, demo panel. Features see it
   * first (a supervisor badge). `asStaff`: a logged-in supervisor adds an item while the
   * customer screen is locked.
   */
  scan(raw: string, source: string, asStaff = false): void {
    const parsed = this.deps.parse(raw);
    if (!asStaff) {
      for (const f of this.features) if (f.interceptScan?.(raw, parsed)) return;
      if (this.features.some((f) => f.blocksCustomer?.())) throw new IntentRefused('locked', 'the kiosk is locked');
    }
    if (this.outOfOrder) throw new IntentRefused('out-of-order', 'this kiosk is out of order');
    if (!parsed.ok) {
      this.deps.log.warn('barcode rejected', { source, reason: parsed.code, length: raw.length });
      this.setNotice('barcode-invalid', 'error', { reason: parsed.code });
      return;
    }
    if (this.state === 'attract' || this.state === 'done') this.startSession();
    if (this.state !== 'shopping') {
      this.setNotice('basket-locked', 'error');
      return;
    }
    const found = productForCode(this.deps.catalog, parsed.code);
    if (!found) {
      this.unknownScans++;
      this.journal();
      this.deps.log.info('product not found', { source, kind: parsed.code.kind });
      this.setNotice('product-not-found', 'error', { code: raw.slice(0, 40) });
      return;
    }
    this.addScanned(found.product, found.barcode, found.measure);
  }

  /** Checks run before a product is added (sale hours); a non-null answer refuses it with that notice. */
  beforeAdd: Array<(p: Product) => { code: Notice['code']; params: Notice['params'] } | null> = [];

  /** Called after a product was added to the basket (and journaled), e.g. to count picker uses. */
  afterAdd: Array<(p: Product, measure: LineMeasure | undefined) => void> = [];

  addScanned(product: Product, barcode: string, measure: LineMeasure | undefined): void {
    for (const check of this.beforeAdd) {
      const refusal = check(product);
      if (refusal) {
        this.setNotice(refusal.code, 'error', refusal.params);
        this.deps.log.info('product refused', { sku: product.sku, notice: refusal.code });
        return;
      }
    }
    const { basket } = addProduct(this.basket, product, barcode, measure);
    this.basket = basket;
    this.journal();
    for (const f of this.afterAdd) f(product, measure);
    if (product.ageLimit) this.setNotice('age-restricted', 'info', { age: product.ageLimit });
    else if (this.notice?.tone === 'error') this.notice = null;
  }

  setNotice(code: Notice['code'], tone: Notice['tone'], params: Notice['params'] = {}): void {
    this.notice = { id: ++this.noticeSeq, code, tone, params };
    this.noticeAt = this.deps.clock.now();
  }

  journal(): void {
    if (!this.sessionId) return;
    const snap: SessionSnapshot = {
      id: this.sessionId,
      startedAt: this.sessionStartedAt,
      state: this.state,
      lang: this.lang,
      basket: this.basket,
      unknownScans: this.unknownScans,
      ageApproved: [...this.ageApproved],
    };
    this.deps.sessions.save(snap, this.deps.clock.now());
  }

  // ---- time ----------------------------------------------------------------------------

  /** Advances time-driven behaviour: idle prompt and reset, notice expiry, feature timers. */
  tick(): void {
    const now = this.deps.clock.now();
    const idle = idleVerdict(this.state, this.lastActivityAt, now, this.opts.idle);
    if (idle.kind === 'reset' && !this.features.some((f) => f.blocksCustomer?.())) {
      this.deps.log.info('session ended by inactivity', { sessionId: this.sessionId, state: this.state });
      this.endSession(this.state === 'done' ? 'finished' : 'idle');
    }
    if (this.notice && now - this.noticeAt >= (this.opts.noticeMs ?? 6000)) this.notice = null;
    for (const f of this.features) f.tick?.(now);
    this.publish();
  }

  // ---- view ----------------------------------------------------------------------------

  onView(cb: (v: KioskView) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  view(): KioskView {
    const v = buildView(this, this.deps.clock.now(), this.seq);
    for (const f of this.features) f.view?.(v);
    return v;
  }

  /** Builds the view and pushes it when anything visible changed. */
  publish(): KioskView {
    const v = this.view();
    const key = JSON.stringify({ ...v, seq: 0 });
    if (key !== this.lastPushed) {
      this.lastPushed = key;
      v.seq = ++this.seq;
      for (const l of this.listeners) l(v);
    } else {
      v.seq = this.seq;
    }
    return v;
  }

  isBlocked(): boolean {
    return this.features.some((f) => f.blocksCustomer?.());
  }
}
