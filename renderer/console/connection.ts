/**
 * The attendant console's link to its server (WebSocket at /attendant, frames in
 * electron/store/console/frames.ts) and its zustand store. The server sends lanes only after a
 * badge + PIN sign-in (and the store's Smarts checks, where it runs a Smarts node); the session token is kept in sessionStorage so a reload or a reconnect
 * (a phone's screen going dark) resumes the session. Before every reconnect the page is fetched
 * again, for the cookie of a restarted server. Nothing is queued while the link is down: an
 * action then fails at once as `disconnected`.
 */
import { create } from 'zustand';
import type { Lang } from '../../electron/checkout/lang';
import type { ActionResult, CheckResult, CheckVerdict, LaneAction, LaneSnapshot, StaffIdentity, StoreCheck, StoreInpostOrder } from '../../electron/store/lane';

export type LinkState = 'connecting' | 'open' | 'down';
export type LoginError = { code: string; attemptsLeft: number | null; lockedUntil: number | null };
/** Failures of the link itself, which any request may meet (also answered by the server: `signed-out`, `rate-limited`, `invalid`). */
export const LINK_FAILURE_CODES = ['disconnected', 'signed-out', 'rate-limited', 'invalid'] as const;
type LinkFailure = { ok: false; code: (typeof LINK_FAILURE_CODES)[number]; message: string };
export type Feedback = { laneId: string; action: LaneAction['kind']; result: ActionResult | LinkFailure };
export type CheckFeedback = { invoiceId: string; verdict: CheckVerdict; result: CheckResult | LinkFailure };

export interface ConsoleState {
  link: LinkState;
  storeId: string | null;
  remoteAgeCheck: boolean;
  lang: Lang;
  staff: StaffIdentity | null;
  lanes: LaneSnapshot[];
  /** The store's pending Smarts checks; null where the store runs no Smarts node. */
  checks: StoreCheck[] | null;
  checkFeedback: CheckFeedback | null;
  /** The store's InPost Pay baskets (newest first); null where the store node serves no InPost Pay. */
  inpost: StoreInpostOrder[] | null;
  /** Server clock minus this device's clock (ms), from the last lanes frame. */
  skewMs: number;
  loginBusy: boolean;
  loginError: LoginError | null;
  signedOut: 'idle' | 'logout' | null;
  selected: string | null;
  feedback: Feedback | null;
  pending: boolean;
  sound: boolean;
}

const TOKEN_KEY = 'kassa.attendant.token';
const LANG_KEY = 'kassa.attendant.lang';
const LANGS: Lang[] = ['en', 'et', 'pl', 'ru'];

export const useConsole = create<ConsoleState>(() => ({
  link: 'connecting',
  storeId: null,
  remoteAgeCheck: false,
  lang: 'en',
  staff: null,
  lanes: [],
  checks: null,
  checkFeedback: null,
  inpost: null,
  skewMs: 0,
  loginBusy: false,
  loginError: null,
  signedOut: null,
  selected: null,
  feedback: null,
  pending: false,
  sound: true,
}));

type Waiter = (result: Record<string, unknown>) => void;

let ws: WebSocket | null = null;
let nextId = 1;
const waiters = new Map<number, Waiter>();
let delay = 250;

function storedLang(): Lang | null {
  const l = sessionStorage.getItem(LANG_KEY);
  return l && (LANGS as string[]).includes(l) ? (l as Lang) : null;
}

function onFrame(text: string): void {
  let f: Record<string, unknown>;
  try {
    f = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return;
  }
  const set = useConsole.setState;
  if (f.t === 'hello') {
    const lang = storedLang() ?? ((LANGS as string[]).includes(f.lang as string) ? (f.lang as Lang) : 'en');
    set({ storeId: String(f.storeId), remoteAgeCheck: f.remoteAgeCheck === true, lang });
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) void call({ t: 'resume', token }).then((r) => (r.ok ? set({ staff: r.staff as StaffIdentity }) : signedOutLocally(null)));
  } else if (f.t === 'result' && typeof f.id === 'number') {
    waiters.get(f.id)?.(f.result as Record<string, unknown>);
    waiters.delete(f.id);
  } else if (f.t === 'lanes' && Array.isArray(f.lanes)) {
    set({ lanes: keepUnchanged(useConsole.getState().lanes, f.lanes as LaneSnapshot[]), skewMs: (f.now as number) - Date.now() });
  } else if (f.t === 'checks' && Array.isArray(f.checks)) {
    set({ checks: f.checks as StoreCheck[], skewMs: (f.now as number) - Date.now() });
  } else if (f.t === 'inpost' && Array.isArray(f.orders)) {
    set({ inpost: f.orders as StoreInpostOrder[] });
  } else if (f.t === 'signed-out') {
    signedOutLocally(f.reason === 'idle' ? 'idle' : 'logout');
  }
}

/** Each kept lane's JSON text, to compare it with the same lane in the next frame. */
const laneText = new WeakMap<LaneSnapshot, string>();

/**
 * The new lanes, with the previous object kept for every lane whose content did not change, so
 * the memoised lane tiles re-render only where something changed (a frame carries every lane).
 */
export function keepUnchanged(prev: LaneSnapshot[], next: LaneSnapshot[]): LaneSnapshot[] {
  const before = new Map(prev.map((l) => [l.laneId, l]));
  return next.map((l) => {
    const text = JSON.stringify(l);
    const old = before.get(l.laneId);
    if (old && laneText.get(old) === text) return old;
    laneText.set(l, text);
    return l;
  });
}

function signedOutLocally(reason: 'idle' | 'logout' | null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  useConsole.setState({ staff: null, lanes: [], checks: null, inpost: null, checkFeedback: null, selected: null, signedOut: reason, feedback: null });
}

function call(frame: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, code: 'disconnected', message: 'no connection' });
  const id = nextId++;
  return new Promise((resolve) => {
    waiters.set(id, resolve);
    ws!.send(JSON.stringify({ id, ...frame }));
  });
}

export function connect(): void {
  const url = new URL('/attendant', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const sock = new WebSocket(url.href);
  ws = sock;
  useConsole.setState({ link: 'connecting' });
  sock.onopen = () => {
    delay = 250;
    useConsole.setState({ link: 'open' });
  };
  sock.onmessage = (e) => onFrame(String(e.data));
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    for (const w of waiters.values()) w({ ok: false, code: 'disconnected', message: 'no connection' });
    waiters.clear();
    useConsole.setState({ link: 'down', pending: false, loginBusy: false });
    const wait = delay;
    delay = Math.min(delay * 2, 3000);
    // A restarted server has a new secret: fetch the page again for its cookie first.
    setTimeout(() => void fetch('/', { cache: 'no-store' }).catch(() => undefined).finally(connect), wait);
  };
}

export async function login(badge: string, pin: string): Promise<void> {
  useConsole.setState({ loginBusy: true, loginError: null, signedOut: null });
  const r = await call({ t: 'login', badge, pin });
  if (r.ok) {
    sessionStorage.setItem(TOKEN_KEY, String(r.token));
    useConsole.setState({ staff: r.staff as StaffIdentity, loginBusy: false });
  } else {
    useConsole.setState({ loginBusy: false, loginError: { code: String(r.code), attemptsLeft: (r.attemptsLeft as number | null) ?? null, lockedUntil: (r.lockedUntil as number | null) ?? null } });
  }
}

export async function logout(): Promise<void> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) await call({ t: 'logout', token });
  signedOutLocally('logout');
}

export async function act(laneId: string, action: LaneAction): Promise<void> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return signedOutLocally(null);
  useConsole.setState({ pending: true, feedback: null });
  const result = (await call({ t: 'act', token, laneId, action })) as Feedback['result'];
  useConsole.setState({ pending: false, feedback: { laneId, action: action.kind, result } });
  if (!result.ok && result.code === 'signed-out') signedOutLocally(null);
}

/** A verdict on a Smarts check of the store (exactly once: a second one is refused). */
export async function resolveCheck(invoiceId: string, verdict: CheckVerdict): Promise<void> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return signedOutLocally(null);
  useConsole.setState({ pending: true, checkFeedback: null });
  const result = (await call({ t: 'resolve-check', token, invoiceId, verdict })) as CheckFeedback['result'];
  useConsole.setState({ pending: false, checkFeedback: { invoiceId, verdict, result } });
  if (!result.ok && result.code === 'signed-out') signedOutLocally(null);
}

export function setLang(lang: Lang): void {
  sessionStorage.setItem(LANG_KEY, lang);
  useConsole.setState({ lang });
}

export const select = (laneId: string | null) => useConsole.setState({ selected: laneId, feedback: null });
export const toggleSound = () => useConsole.setState((s) => ({ sound: !s.sound }));
export const clearFeedback = () => useConsole.setState({ feedback: null });
