import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KassaApi } from '../../../electron/ipc/contract';
import type { KioskView } from '../../../electron/ipc/view';
import { FIXTURES } from '../../../renderer/fixtures';
import { attachApi, kassaStore, resetKassaStore } from '../../../renderer/store';
import { LAYERS, noticeInline, overlayChange, screenKey, screenOf } from '../../../renderer/store/overlay-policy';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const fixture = (name: string, seq: number, over: Partial<KioskView> = {}): KioskView => ({ ...FIXTURES[name]!.view('en'), seq, ...over });
const notice = (id: number): KioskView['notice'] => ({ id, code: 'payment-cancelled', tone: 'info', params: {} });

describe('overlay policy', () => {
  it('names the screen of each state, and the way of paying and any lock or staff layer in its key', () => {
    expect(screenOf(fixture('attract', 1))).toBe('attract');
    expect(screenOf(fixture('basket', 1))).toBe('shopping');
    expect(screenOf(fixture('payment-waiting', 1))).toBe('payment');
    expect(screenOf(fixture('done-printed', 1))).toBe('done');
    expect(screenKey(fixture('payment-waiting', 1))).not.toBe(screenKey(fixture('terminal', 1)));
    expect(screenKey(fixture('basket', 1))).not.toBe(screenKey(fixture('lock', 1)));
    expect(screenKey(fixture('basket', 1))).not.toBe(screenKey(fixture('supervisor-pin', 1)));
    expect(noticeInline(fixture('basket', 1))).toBe(true);
    expect(noticeInline(fixture('terminal', 1))).toBe(true);
    expect(noticeInline(fixture('done-printed', 1))).toBe(false);
  });

  it('a screen change closes the scan panel and ends a notice carried over from before; a notice raised with the change stays', () => {
    const basket = fixture('basket', 1, { notice: notice(7) });
    expect(overlayChange(null, basket)).toEqual({ closeScanPanel: false, dismissNotice: null });
    expect(overlayChange(basket, fixture('basket', 2, { notice: notice(8) }))).toEqual({ closeScanPanel: false, dismissNotice: null });
    expect(overlayChange(basket, fixture('terminal', 2, { notice: notice(7) }))).toEqual({ closeScanPanel: true, dismissNotice: 7 });
    expect(overlayChange(fixture('payment-waiting', 1), fixture('basket', 2, { notice: notice(9) }))).toEqual({ closeScanPanel: true, dismissNotice: null });
    expect(overlayChange(basket, fixture('done-printed', 2, { notice: null }))).toEqual({ closeScanPanel: true, dismissNotice: null });
  });

  it('the CSS stacks the layers as LAYERS says', () => {
    const css = ['customer.css', 'overlays.css', 'staff.css'].map((f) => readFileSync(join(REPO, 'renderer/styles', f), 'utf8')).join('\n');
    const z = (selector: string) => {
      const m = new RegExp(`(?:^|\\n)${selector.replace('.', '\\.')} \\{[^}]*?z-index: (\\d+)`).exec(css);
      if (!m) throw new Error(`no z-index for ${selector}`);
      return Number(m[1]);
    };
    expect(z('.toast-region')).toBe(LAYERS.notice.z);
    expect(z('.scanpanel')).toBe(LAYERS.scanPanel.z);
    expect(z('.backdrop')).toBe(LAYERS.dialog.z);
    expect(z('.lock')).toBe(LAYERS.lock.z);
    expect(z('.staff-indicator')).toBe(LAYERS.banner.z);
    expect(z('.staff')).toBe(LAYERS.staff.z);
    const order = (Object.keys(LAYERS) as Array<keyof typeof LAYERS>).map((k) => LAYERS[k].z);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the store applies the policy', () => {
  const calls: Array<{ channel: string; payload: unknown }> = [];
  const api: KassaApi = {
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve({ ok: true });
    },
    on: () => () => undefined,
  };
  beforeEach(() => {
    resetKassaStore();
    calls.length = 0;
    attachApi(api);
  });
  afterEach(() => resetKassaStore());

  it('closes the open scan panel when the screen changes, and dismisses the stale notice at the engine', () => {
    const s = kassaStore.getState;
    s().applyView(fixture('basket', 1, { notice: notice(3) }));
    s().setScanPanelOpen(true);
    s().applyView(fixture('basket', 2, { notice: notice(3) }));
    expect(s().scanPanelOpen).toBe(true);
    s().applyView(fixture('terminal', 3, { notice: notice(3) }));
    expect(s().scanPanelOpen).toBe(false);
    expect(s().staleNotice).toBe(3);
    expect(calls).toEqual([{ channel: 'notice/dismiss', payload: { id: 3 } }]);
  });
});
