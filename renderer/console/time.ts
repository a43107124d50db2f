/** Waiting times on the console: the server's clock (skew-corrected), shown as m:ss or h:mm. */
import { useEffect } from 'react';
import { create } from 'zustand';
import { useConsole } from './connection';

/** One ticker for the whole page: every waiting time re-renders in the same second's commit. */
const useTick = create<{ now: number; users: number }>(() => ({ now: Date.now(), users: 0 }));
let ticker: ReturnType<typeof setInterval> | null = null;

/** The server's "now", refreshed every second. */
export function useServerNow(): number {
  const skew = useConsole((s) => s.skewMs);
  const now = useTick((s) => s.now);
  useEffect(() => {
    const users = useTick.getState().users + 1;
    useTick.setState({ users });
    if (!ticker) ticker = setInterval(() => useTick.setState({ now: Date.now() }), 1000);
    return () => {
      const left = useTick.getState().users - 1;
      useTick.setState({ users: left });
      if (left === 0 && ticker) {
        clearInterval(ticker);
        ticker = null;
      }
    };
  }, []);
  return now + skew;
}

/** 75 s → "1:15"; 3 h 5 min → "3:05 h". Negative counts as 0. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} h`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * A clock time in the device's zone, for "offline since" and lock-outs. One formatter per language,
 * kept: `toLocaleTimeString` builds a new one per call (~0.6 ms in Chromium, for every lane tile on
 * every lanes frame).
 */
export function formatClock(at: number, lang: string): string {
  let f = clocks.get(lang);
  if (!f) clocks.set(lang, (f = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' })));
  return f.format(at);
}
