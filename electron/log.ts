/**
 * Structured logging for the main process and the browser host: one JSON object per line.
 * Secrets never go through here: callers pass only non-secret fields, and any field whose
 * name looks like a credential is masked as a second line of defence.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Log {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Log;
}

export type LogSink = (line: string) => void;

const SECRET_FIELD = /token|secret|password|passphrase|pin|authorization|apikey|api_key/i;
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function mask(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_FIELD.test(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message };
    else out[k] = v;
  }
  return out;
}

/**
 * Repeated identical lines (same scope, level and message, whatever the fields) are collapsed:
 * within `windowMs` the first `burst` are written, the rest only counted, and when the window
 * ends one line `"<msg> (repeated N times)"` with `repeated: N` says how many were held back.
 * A scanner spewing garbage therefore writes a handful of lines a window, not thousands.
 */
export interface RepeatPolicy {
  windowMs: number;
  burst: number;
  /** Levels the limit applies to. Default info, warn, error. */
  levels?: LogLevel[];
  now?: () => number;
}

export const DEFAULT_REPEAT: RepeatPolicy = { windowMs: 10_000, burst: 3 };

interface RepeatEntry {
  start: number;
  written: number;
  held: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Shared by a log and all its children (one per sink). */
class RepeatLimiter {
  private readonly entries = new Map<string, RepeatEntry>();
  private readonly levels: Set<LogLevel>;
  private readonly now: () => number;
  constructor(
    private readonly p: RepeatPolicy,
    private readonly write: (level: LogLevel, scope: string, msg: string, fields: LogFields | undefined) => void,
  ) {
    this.levels = new Set(p.levels ?? ['info', 'warn', 'error']);
    this.now = p.now ?? Date.now;
  }

  /** True when the line may be written now. */
  admit(level: LogLevel, scope: string, msg: string): boolean {
    if (!this.levels.has(level)) return true;
    const key = `${level}\u0000${scope}\u0000${msg}`;
    const t = this.now();
    let e = this.entries.get(key);
    if (e && t - e.start >= this.p.windowMs) {
      this.flush(key, level, scope, msg);
      e = undefined;
    }
    if (!e) {
      // Bounded: a flood of distinct messages cannot grow this map without limit.
      if (this.entries.size >= 1000) this.entries.clear();
      this.entries.set(key, { start: t, written: 1, held: 0, timer: null });
      return true;
    }
    if (e.written < this.p.burst) {
      e.written++;
      return true;
    }
    e.held++;
    if (!e.timer) {
      e.timer = setTimeout(() => this.flush(key, level, scope, msg), Math.max(0, e.start + this.p.windowMs - t));
      e.timer.unref?.();
    }
    return false;
  }

  private flush(key: string, level: LogLevel, scope: string, msg: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    if (e.timer) clearTimeout(e.timer);
    if (e.held > 0) this.write(level, scope, `${msg} (repeated ${e.held} times)`, { repeated: e.held, windowMs: this.p.windowMs });
  }
}

export function createLog(scope: string, sink: LogSink = (l) => process.stderr.write(l + '\n'), minLevel: LogLevel = (process.env.KASSA_LOG_LEVEL as LogLevel) || 'info', repeat: RepeatPolicy | null = DEFAULT_REPEAT): Log {
  const write = (level: LogLevel, sc: string, msg: string, fields?: LogFields) => sink(JSON.stringify({ t: new Date().toISOString(), level, scope: sc, msg, ...mask(fields) }));
  const limiter = repeat ? new RepeatLimiter(repeat, write) : null;
  const make = (sc: string): Log => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (ORDER[level] < ORDER[minLevel]) return;
      if (limiter && !limiter.admit(level, sc, msg)) return;
      write(level, sc, msg, fields);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (s) => make(`${sc}.${s}`),
    };
  };
  return make(scope);
}

/** A log that records lines in memory: for tests that assert something was logged (no repeat limit unless given). */
export function memoryLog(scope = 'test', repeat: RepeatPolicy | null = null): Log & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLog(scope, (l) => lines.push(JSON.parse(l) as Record<string, unknown>), 'debug', repeat);
  return Object.assign(log, { lines });
}
