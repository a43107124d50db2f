/**
 * Spoken guidance (Web Speech `speechSynthesis`, in the renderer only): off by default, turned on
 * by the customer, it speaks the screen's title, the total when it changes, and errors, in the
 * session's language. Where the browser has no speech synthesis the toggle is not offered.
 */
import type { TFunction } from 'i18next';
import type { Lang } from '../../electron/checkout/lang';
import type { KioskView } from '../../electron/ipc/view';
import { screenOf } from '../store/overlay-policy';

const VOICE_LANG: Record<Lang, string> = { en: 'en-GB', et: 'et-EE', pl: 'pl-PL', ru: 'ru-RU' };

/** The browser's speech synthesis, or null where there is none (some kiosks' Chromium builds). */
export function speechSynthesisOrNull(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function' ? window.speechSynthesis : null;
}

/** Says `text` in `lang`, cutting off whatever was being said (the newest screen matters). */
export function speak(text: string, lang: Lang): void {
  const synth = speechSynthesisOrNull();
  if (!synth || !text.trim()) return;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = VOICE_LANG[lang];
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
  if (voice) u.voice = voice;
  synth.speak(u);
}

export function stopSpeaking(): void {
  speechSynthesisOrNull()?.cancel();
}

/** The title of what the customer sees (the screen's heading), in the view's language. */
export function spokenTitle(v: KioskView, t: TFunction): string {
  if (v.outOfOrder) return t('outOfOrder.title');
  if (v.lock) return t('lock.title');
  const p = v.payment;
  switch (screenOf(v)) {
    case 'attract':
      return `${t('attract.welcome')}. ${t('attract.prompt')}`;
    case 'attention':
      return t('attention.title');
    case 'payment':
      if (p?.phase === 'failed') return t('payment.failedTitle');
      return p?.method === 'terminal' ? t('payment.terminalTitle') : p?.method === 'inpost' ? t('payment.scanInpost') : t('payment.scanSwip');
    case 'finishing':
      return t('finishing.title');
    case 'done':
      return `${t('done.thanks')} ${t('done.paid')}`;
    default:
      return t('shopping.basketTitle');
  }
}

/**
 * What to say for a change from `prev` to `next` (null: nothing): a new screen's title, an
 * error notice or payment error, or a new total on the basket.
 */
export function utteranceFor(prev: KioskView | null, next: KioskView, t: TFunction, money: (cents: number) => string): string | null {
  const title = spokenTitle(next, t);
  const parts: string[] = [];
  if (!prev || spokenTitle(prev, t) !== title || prev.lang !== next.lang) parts.push(title);
  if (next.notice && next.notice.tone === 'error' && next.notice.id !== prev?.notice?.id) parts.push(t(`notice.${next.notice.code}`, next.notice.params));
  if (next.payment?.error && next.payment.error.message !== prev?.payment?.error?.message) parts.push(next.payment.error.message);
  const total = next.payment?.totalCents ?? next.basket.totalCents;
  const before = prev ? (prev.payment?.totalCents ?? prev.basket.totalCents) : null;
  if (next.basket.lines.length > 0 && (before !== total || parts.length > 0) && screenOf(next) !== 'done') parts.push(`${t('shopping.total')} ${money(total)}`);
  return parts.length ? parts.reduce((all, p) => (/[.!?…]$/.test(all.trimEnd()) ? `${all} ${p}` : `${all}. ${p}`)) : null;
}
