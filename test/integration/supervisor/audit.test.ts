import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, AuditError, csvCell, type AuditEntry } from '../../../electron/journal/audit';

const T0 = Date.UTC(2026, 5, 15, 9, 0, 0, 123);

/** A minimal RFC 4180 reader, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('AuditLog on a temp SQLite file', () => {
  let dir: string;
  let db: Database;
  let audit: AuditLog;

  const entry = (over: Partial<Omit<AuditEntry, 'id'>> = {}): Omit<AuditEntry, 'id'> => ({
    at: T0,
    supervisorBadge: 'SUP-0001',
    supervisorName: 'Mari',
    action: 'line.void',
    kioskSessionId: 'S-42',
    basketBefore: { lines: [{ sku: 'MILK', quantity: 2, totalCents: 198 }] },
    basketAfter: { lines: [] },
    detail: { sku: 'MILK' },
    ...over,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kassa-audit-'));
    db = new BetterSqlite3(join(dir, 'journal.db'));
    audit = new AuditLog(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records and lists entries with their JSON baskets, oldest first', () => {
    const a = audit.record(entry());
    const b = audit.record(entry({ at: T0 + 1000, action: 'session.cancel', kioskSessionId: null, basketBefore: null, basketAfter: null, detail: null }));
    expect(b).toBe(a + 1);
    expect(audit.list()).toEqual([
      { id: a, ...entry() },
      { id: b, at: T0 + 1000, supervisorBadge: 'SUP-0001', supervisorName: 'Mari', action: 'session.cancel', kioskSessionId: null, basketBefore: null, basketAfter: null, detail: null },
    ]);
  });

  it('list: since filters by time, limit keeps the newest N', () => {
    for (let i = 0; i < 5; i++) audit.record(entry({ at: T0 + i * 1000, action: `a${i}` }));
    expect(audit.list({ since: T0 + 3000 }).map((e) => e.action)).toEqual(['a3', 'a4']);
    expect(audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['a3', 'a4']);
    expect(audit.list({ since: T0 + 1000, limit: 10 }).map((e) => e.action)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('survives a reopen and is append-only', () => {
    const id = audit.record(entry());
    db.close();
    db = new BetterSqlite3(join(dir, 'journal.db'));
    audit = new AuditLog(db);
    expect(audit.list()).toHaveLength(1);
    expect(() => db.prepare('UPDATE audit_log SET action = ? WHERE id = ?').run('edited', id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.list()[0]?.action).toBe('line.void');
  });

  it('refuses entries without a badge or action, or with values that are not JSON', () => {
    expect(() => audit.record(entry({ supervisorBadge: '' }))).toThrow(AuditError);
    expect(() => audit.record(entry({ action: '' }))).toThrow(AuditError);
    expect(() => audit.record(entry({ at: 1.5 }))).toThrow(AuditError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => audit.record(entry({ detail: loop }))).toThrow(expect.objectContaining({ code: 'not-json' }));
    expect(() => audit.record(entry({ detail: 10n }))).toThrow(expect.objectContaining({ code: 'not-json' }));
    expect(audit.list()).toEqual([]);
  });

  it('exports CSV: header, ISO time, JSON baskets, CRLF, RFC 4180 quoting of commas, quotes and newlines', () => {
    audit.record(entry({ supervisorName: 'Mari "Boss", Maasikas', detail: { note: 'line one\nline two' } }));
    const csv = audit.exportCsv();
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,at,supervisor_badge,supervisor_name,action,kiosk_session_id,basket_before,basket_after,detail');
    expect(lines[1]).toContain(',"Mari ""Boss"", Maasikas",');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    const [, row] = rows;
    expect(row).toEqual([
      '1',
      '2026-06-15T09:00:00.123Z',
      'SUP-0001',
      'Mari "Boss", Maasikas',
      'line.void',
      'S-42',
      '{"lines":[{"sku":"MILK","quantity":2,"totalCents":198}]}',
      '{"lines":[]}',
      '{"note":"line one\\nline two"}',
    ]);
    expect(JSON.parse(row![6]!)).toEqual(entry().basketBefore);
  });

  it('exports only entries since the given time', () => {
    audit.record(entry({ action: 'old' }));
    audit.record(entry({ at: T0 + 60_000, action: 'new' }));
    const rows = parseCsv(audit.exportCsv({ since: T0 + 1 }));
    expect(rows.map((r) => r[4])).toEqual(['action', 'new']);
  });

  it('guards against formula injection: = + - @ (and tab/CR) get a leading apostrophe', () => {
    audit.record(entry({ supervisorName: '=HYPERLINK("http://x","y")', action: '+1', kioskSessionId: '-2+3', detail: -5 }));
    audit.record(entry({ supervisorName: '@SUM(A1)', action: '\tcmd', kioskSessionId: 'plain', detail: 'ok' }));
    const rows = parseCsv(audit.exportCsv());
    expect(rows[1]?.[3]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[1]?.[4]).toBe(`'+1`);
    expect(rows[1]?.[5]).toBe(`'-2+3`);
    expect(rows[1]?.[8]).toBe(`'-5`);
    expect(rows[2]?.[3]).toBe(`'@SUM(A1)`);
    expect(rows[2]?.[4]).toBe(`'\tcmd`);
    expect(rows[2]?.[5]).toBe('plain');
    expect(rows[2]?.[8]).toBe('"ok"');
  });

  it('csvCell leaves plain text alone and quotes only when needed', () => {
    expect(csvCell('abc')).toBe('abc');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('')).toBe('');
  });
});
