import { afterEach, describe, expect, it } from 'vitest';
import { scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
afterEach(() => s.close());

describe('migration 0011', () => {
  it('adds the one-row backup schedule on top of version 10: off, seven kept', () => {
    s = scratchDb();
    expect(s.migrate(10)).toBe(10);
    expect(s.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'backup_schedule'").get()).toBeUndefined();
    expect(s.migrate()).toBeGreaterThanOrEqual(11);
    expect(s.db.prepare('SELECT * FROM backup_schedule').all()).toEqual([{ id: 1, folder: null, keep: 7, last_at: null, last_ok_at: null, last_error: null }]);
    expect(() => s.db.prepare('INSERT INTO backup_schedule (id, keep) VALUES (2, 7)').run()).toThrow(/CHECK/);
    expect(() => s.db.prepare('UPDATE backup_schedule SET keep = 0').run()).toThrow(/CHECK/);
  });
});
