import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/kernel/clock.js';
import { verifyAudit } from '../../src-main/audit/audit-log.js';
import { auditedChange } from '../../src-main/audit/audited-change.js';
import { currentChangeSeq } from '../../src-main/db/change-feed.js';
import { scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
const clock = manualClock('2026-03-02T09:00:00+07:00');

beforeEach(() => {
  s = scratchDb();
  s.migrate();
  s.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER)');
});
afterEach(() => s.close());

type AuditRow = { at: string; user_id: string | null; action: string; dossier_id: string | null; details: string };
const auditRows = () => s.db.prepare('SELECT at, user_id, action, dossier_id, details FROM audit_log ORDER BY seq').all() as AuditRow[];
const notes = () => s.db.prepare('SELECT body, at, seq FROM notes ORDER BY id').all() as { body: string; at: string; seq: number | null }[];
const who = { userId: 'u-1', action: 'notes.add' };

describe('auditedChange', () => {
  it('commits the body, one change sequence and the audit entry together, all at one timestamp', () => {
    const before = currentChangeSeq(s.db);
    const value = auditedChange(s.db, clock, who, ({ at, seq }) => {
      s.db.prepare('INSERT INTO notes (body, at, seq) VALUES (?, ?, ?)').run('một', at, seq());
      s.db.prepare('INSERT INTO notes (body, at, seq) VALUES (?, ?, ?)').run('hai', at, seq());
      return { value: 'đã lưu', audit: { dossierId: 'd-1', details: { notes: 2 } } };
    });
    expect(value).toBe('đã lưu');
    // Two rows, one change: the same sequence number, taken once.
    expect(currentChangeSeq(s.db)).toBe(before + 1);
    const at = '2026-03-02T02:00:00.000Z';
    expect(notes()).toEqual([
      { body: 'một', at, seq: before + 1 },
      { body: 'hai', at, seq: before + 1 },
    ]);
    expect(auditRows()).toEqual([{ at, user_id: 'u-1', action: 'notes.add', dossier_id: 'd-1', details: '{"notes":2}' }]);
    expect(verifyAudit(s.db).valid).toBe(true);
  });

  it('a body that throws leaves no row, no audit entry and no sequence step', () => {
    const before = currentChangeSeq(s.db);
    expect(() =>
      auditedChange(s.db, clock, who, ({ at, seq }) => {
        s.db.prepare('INSERT INTO notes (body, at, seq) VALUES (?, ?, ?)').run('một', at, seq());
        throw new Error('hồ sơ đã bị khóa');
      }),
    ).toThrow('hồ sơ đã bị khóa');
    expect(notes()).toEqual([]);
    expect(auditRows()).toEqual([]);
    expect(currentChangeSeq(s.db)).toBe(before);
  });

  it('an audit entry that cannot be written takes the body and the sequence step back with it', () => {
    const before = currentChangeSeq(s.db);
    // JSON cannot encode a bigint: appendAudit throws after the body has written.
    expect(() =>
      auditedChange(s.db, clock, who, ({ at, seq }) => {
        s.db.prepare('INSERT INTO notes (body, at, seq) VALUES (?, ?, ?)').run('một', at, seq());
        return { audit: { dossierId: null, details: { n: 1n } } };
      }),
    ).toThrow(TypeError);
    expect(notes()).toEqual([]);
    expect(auditRows()).toEqual([]);
    expect(currentChangeSeq(s.db)).toBe(before);
  });

  it('takes no sequence number when the body asks for none, and records nothing when it changed nothing', () => {
    const before = currentChangeSeq(s.db);
    auditedChange(s.db, clock, who, ({ at }) => {
      s.db.prepare('INSERT INTO notes (body, at) VALUES (?, ?)').run('không cần seq', at);
      return { audit: { dossierId: null, details: {} } };
    });
    expect(currentChangeSeq(s.db)).toBe(before);
    expect(auditRows()).toHaveLength(1);

    const n = auditedChange(s.db, clock, who, () => ({ value: 0, audit: null }));
    expect(n).toBe(0);
    expect(auditRows()).toHaveLength(1);
    expect(currentChangeSeq(s.db)).toBe(before);
  });

  it('nested in an outer transaction, it commits or rolls back with that transaction', () => {
    const outer = s.db.transaction(() => {
      auditedChange(s.db, clock, who, ({ at, seq }) => {
        s.db.prepare('INSERT INTO notes (body, at, seq) VALUES (?, ?, ?)').run('một', at, seq());
        return { audit: { dossierId: null, details: {} } };
      });
      throw new Error('outer failed');
    });
    const before = currentChangeSeq(s.db);
    expect(() => outer()).toThrow('outer failed');
    expect(notes()).toEqual([]);
    expect(auditRows()).toEqual([]);
    expect(currentChangeSeq(s.db)).toBe(before);
  });
});
