import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit';
import { openJournalDb } from '../../../electron/journal/db';

const dir = mkdtempSync(join(tmpdir(), 'kassa-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit export command', () => {
  it('writes the audit log as CSV, filtered by --since, and refuses bad input', () => {
    const file = join(dir, 'journal.db');
    const db = openJournalDb(file);
    const audit = new AuditLog(db);
    const base = { supervisorBadge: 'SUP-1', supervisorName: 'Mari, "M"', kioskSessionId: 's1', basketBefore: null, basketAfter: null, detail: null };
    audit.record({ ...base, at: Date.parse('2026-10-30T10:00:00Z'), action: 'login' });
    audit.record({ ...base, at: Date.parse('2026-11-02T10:00:00Z'), action: 'void-line' });
    db.close();
    const out = join(dir, 'a.csv');
    execFileSync('npx', ['tsx', 'tools/audit-export.ts', '--db', file, '--since', '2026-11-01', '--out', out]);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toMatch(/void-line/);
    expect(csv).not.toMatch(/,login,/);
    expect(csv).toContain('"Mari, ""M"""');
    const bad = spawnSync('npx', ['tsx', 'tools/audit-export.ts', '--db', join(dir, 'missing.db')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no database/);
  });
});
