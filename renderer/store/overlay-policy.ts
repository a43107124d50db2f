/**
 * The overlay policy, in one place: which layers exist, their stacking order, what each may
 * cover, and what happens to them when the screen changes. The CSS z-indices follow LAYERS
 * (test/unit/renderer/overlay-policy.test.ts checks it).
 *
 * Rules:
 * - A notice (toast) belongs to the screen it was raised on: when the screen changes, a notice
 *   still showing from before is dismissed ("The payment was cancelled." never lingers over the
 *   terminal screen or "Thank you!"). A notice raised with the change itself stays.
 * - On the shopping screen the notice is laid in the page flow under the basket header, never
 *   over the basket header, the item count, the totals or the pay actions; on the payment screen
 *   in the flow above the QR or terminal instructions, never over them. Elsewhere (attract,
 *   thank-you: no primary content at the top) it floats under the top bar.
 * - The demo scan panel closes on every screen change (a lock, staff sign-in, payment, thank-you):
 *   it never covers Pay, the QR or the staff console.
 */
import type { KioskView } from '../../electron/ipc/view';

export type Layer = 'screen' | 'notice' | 'dialog' | 'lock' | 'scanPanel' | 'banner' | 'staff';

/** Stacking order (CSS z-index) and what a layer may cover. */
export const LAYERS: Record<Layer, { z: number; covers: string }> = {
  screen: { z: 0, covers: 'nothing' },
  notice: { z: 45, covers: 'nothing on the shopping and payment screens (it is in the page flow); elsewhere only the space under the top bar' },
  dialog: { z: 50, covers: 'the screen, modally (idle prompt, start-over confirmation)' },
  lock: { z: 60, covers: 'the whole customer screen while staff must act' },
  scanPanel: { z: 66, covers: 'the screen it was opened on, until that screen changes (demo only)' },
  banner: { z: 70, covers: 'a small strip at the screen edge (the staff indicators)' },
  staff: { z: 80, covers: 'everything: the staff console is modal' },
};

export type ScreenName = 'attract' | 'shopping' | 'payment' | 'attention' | 'finishing' | 'done';

/** Which customer screen a view shows (App picks the component from this). */
export function screenOf(v: KioskView): ScreenName {
  if (v.state === 'attract') return 'attract';
  if (v.payment?.phase === 'needs-attention') return 'attention';
  if (v.state === 'checkout' || v.state === 'paying' || (v.state === 'shopping' && v.payment !== null)) return 'payment';
  if (v.state === 'finishing') return 'finishing';
  if (v.state === 'done') return 'done';
  return 'shopping';
}

/** What the customer sees, including the way of paying and any lock, staff or fault layer. */
export function screenKey(v: KioskView): string {
  const layer = v.outOfOrder ? 'out-of-order' : v.supervisor ? 'staff' : v.lock ? 'lock' : '';
  return [screenOf(v), v.payment?.method ?? '', layer].join('|');
}

/** What the policy does when a new view arrives. */
export function overlayChange(prev: KioskView | null, next: KioskView): { closeScanPanel: boolean; dismissNotice: number | null } {
  if (!prev || screenKey(prev) === screenKey(next)) return { closeScanPanel: false, dismissNotice: null };
  const carried = next.notice && prev.notice && next.notice.id === prev.notice.id ? next.notice.id : null;
  return { closeScanPanel: true, dismissNotice: carried };
}

/** Whether the notice is laid in the screen's flow (shopping, payment: never over the QR) or floats. */
export const noticeInline = (v: KioskView): boolean => screenOf(v) === 'shopping' || screenOf(v) === 'payment';

/** No notice while staff, a lock or a fault has the screen. */
export const noticeAllowed = (v: KioskView): boolean => !v.outOfOrder && !v.lock && !v.supervisor;
