import { afterEach, describe, expect, it } from 'vitest';
import { scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
afterEach(() => s.close());

const outboxSeq = () => (s.db.prepare('SELECT seq FROM outbox_counter WHERE id = 1').get() as { seq: number }).seq;

describe('migration 0009', () => {
  it('adds the outbox counter on top of version 8: inserts and new versions move it, attempts and deletes do not', () => {
    s = scratchDb();
    expect(s.migrate(8)).toBe(8);
    expect(s.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'outbox_counter'").get()).toBeUndefined();
    expect(s.migrate()).toBeGreaterThanOrEqual(9);
    expect(outboxSeq()).toBe(0);

    // The outbox's rows reference dossiers; a bare row is enough to exercise the triggers here.
    s.db.pragma('foreign_keys = OFF');
    s.db.prepare("INSERT INTO sync_outbox (dossier_id, changed_at) VALUES ('d1', '2026-03-02T02:00:00.000Z')").run();
    expect(outboxSeq()).toBe(1);
    s.db.prepare("UPDATE sync_outbox SET version = version + 1 WHERE dossier_id = 'd1'").run();
    expect(outboxSeq()).toBe(2);
    s.db.prepare("UPDATE sync_outbox SET attempts = attempts + 1, last_error = 'offline' WHERE dossier_id = 'd1'").run();
    s.db.prepare("UPDATE sync_outbox SET version = version WHERE dossier_id = 'd1'").run();
    s.db.prepare("DELETE FROM sync_outbox WHERE dossier_id = 'd1'").run();
    expect(outboxSeq()).toBe(2);
  });
});
