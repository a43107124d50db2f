/**
 * What needs an attendant, longest wait first, and the alert when a new one appears: a short
 * WebAudio beep (the AudioContext is created on the sign-in press, a user gesture, so browsers
 * let it play) and a vibration where the device has one.
 */
import { useEffect, useRef } from 'react';
import type { LaneSnapshot, LaneStatus, StoreCheck } from '../../electron/store/lane';
import { useConsole } from './connection';

const ALERT: ReadonlySet<LaneStatus> = new Set(['locked', 'help', 'payment-attention', 'device-fault', 'out-of-order', 'offline']);

/** A lane needs someone (help already acknowledged no longer alerts). */
export function isAlert(l: LaneSnapshot): boolean {
  if (l.status === 'help' && l.assistanceAck) return false;
  return ALERT.has(l.status);
}

export function alertsOf(lanes: LaneSnapshot[]): LaneSnapshot[] {
  return lanes.filter(isAlert).sort((a, b) => a.since - b.since || a.laneId.localeCompare(b.laneId));
}

/** A lane alert or a Smarts check of the store waiting for staff. */
export type AlertItem = { kind: 'lane'; lane: LaneSnapshot; since: number } | { kind: 'check'; check: StoreCheck; since: number };

/** Lane alerts and pending Smarts checks together, longest wait first. */
export function alertItems(lanes: LaneSnapshot[], checks: StoreCheck[] | null): AlertItem[] {
  const items: AlertItem[] = [...alertsOf(lanes).map((lane) => ({ kind: 'lane' as const, lane, since: lane.since })), ...(checks ?? []).map((check) => ({ kind: 'check' as const, check, since: check.receivedAt }))];
  return items.sort((a, b) => a.since - b.since);
}

let audio: AudioContext | null = null;

/** Call from a user gesture (sign-in): browsers start audio only after one. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null; // no WebAudio here: the alert stays visual (and vibrates where it can)
  }
}

function beep(): void {
  if (!audio) return;
  const t = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
  osc.connect(gain).connect(audio.destination);
  osc.start(t);
  osc.stop(t + 0.4);
}

/** Beeps and vibrates once for each new alert (a lane entering an alert status, a new Smarts check). */
export function useAlertSignal(lanes: LaneSnapshot[], checks: StoreCheck[] | null): void {
  const seen = useRef<Set<string> | null>(null);
  const sound = useConsole((s) => s.sound);
  useEffect(() => {
    const keys = new Set([...alertsOf(lanes).map((l) => `${l.laneId}:${l.status}:${l.since}`), ...(checks ?? []).map((c) => `check:${c.invoiceId}:${c.receivedAt}`)]);
    const before = seen.current;
    seen.current = keys;
    if (!before) return; // the first list after sign-in is not "new"
    if (![...keys].some((k) => !before.has(k))) return;
    if (sound) beep();
    if (typeof navigator.vibrate === 'function') navigator.vibrate([200, 100, 200]);
  }, [lanes, checks, sound]);
}
