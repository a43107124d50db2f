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

const SECRET_FIELD = /token|secret|password|pin|authorization|apikey|api_key/i;
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

export function createLog(scope: string, sink: LogSink = (l) => process.stderr.write(l + '\n'), minLevel: LogLevel = (process.env.KASSA_LOG_LEVEL as LogLevel) || 'info'): Log {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...mask(fields) }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (s) => createLog(`${scope}.${s}`, sink, minLevel),
  };
}

/** A log that records lines in memory: for tests that assert something was logged. */
export function memoryLog(scope = 'test'): Log & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLog(scope, (l) => lines.push(JSON.parse(l) as Record<string, unknown>), 'debug');
  return Object.assign(log, { lines });
}
