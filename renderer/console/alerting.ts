/**
 * What needs an attendant, longest wait first, and the alert when a new one appears: a short
 * WebAudio beep (the AudioContext is created on the sign-in press, a user gesture, so browsers
 * let it play) and a vibration where the device has one.
 */
import { useEffect, useRef } from 'react';
import type { LaneSnapshot, LaneStatus } from '../../electron/store/lane';
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

/** Beeps and vibrates once for each new alert (a lane entering an alert status). */
export function useAlertSignal(lanes: LaneSnapshot[]): void {
  const seen = useRef<Set<string> | null>(null);
  const sound = useConsole((s) => s.sound);
  useEffect(() => {
    const keys = new Set(alertsOf(lanes).map((l) => `${l.laneId}:${l.status}:${l.since}`));
    const before = seen.current;
    seen.current = keys;
    if (!before) return; // the first list after sign-in is not "new"
    if (![...keys].some((k) => !before.has(k))) return;
    if (sound) beep();
    if (typeof navigator.vibrate === 'function') navigator.vibrate([200, 100, 200]);
  }, [lanes, sound]);
}
