import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src-main/audit/audit-log.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('audit log', () => {
  it('records changes in a hash chain that verifies', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    await core.must('users.create', { username: 'canbo1', fullName: 'Lê Văn Tám', role: 'clerk', password: 'mat-khau-can-bo' }, admin);
    const result = await core.must('audit.verify', {}, admin);
    expect(result).toEqual({ valid: true, entries: 2, firstBrokenSeq: null });
    const actions = core.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['setup.init', 'users.create']);
  });

  it('refuses updates and deletes of audit rows', async () => {
    core = makeCore();
    await setUpDesk(core);
    expect(() => core.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('finds the first tampered row when someone edits the file behind the app', async () => {
    core = makeCore();
    await setUpDesk(core);
    for (let i = 0; i < 5; i++) {
      appendAudit(core.db, { at: new Date(2026, 0, i + 1).toISOString(), userId: null, action: `test.${i}`, dossierId: null, details: { i } });
    }
    expect(verifyAudit(core.db).valid).toBe(true);
    // Someone with the file drops the triggers and rewrites row 3's details.
    core.db.exec('DROP TRIGGER audit_log_no_update');
    core.db.prepare("UPDATE audit_log SET details = '{\"i\":99}' WHERE seq = 3").run();
    expect(verifyAudit(core.db)).toEqual({ valid: false, entries: 3, firstBrokenSeq: 3 });
  });

  it('detects rows cut from the end of the chain', async () => {
    core = makeCore();
    await setUpDesk(core);
    for (let i = 0; i < 3; i++) appendAudit(core.db, { at: new Date().toISOString(), userId: null, action: `t${i}`, dossierId: null, details: {} });
    core.db.exec('DROP TRIGGER audit_log_no_delete');
    core.db.prepare('DELETE FROM audit_log WHERE seq > 2').run();
    expect(verifyAudit(core.db)).toEqual({ valid: false, entries: 2, firstBrokenSeq: 3 });
  });

  it('detects a deleted row in the middle of the chain', async () => {
    core = makeCore();
    await setUpDesk(core);
    for (let i = 0; i < 3; i++) appendAudit(core.db, { at: new Date().toISOString(), userId: null, action: `t${i}`, dossierId: null, details: {} });
    core.db.exec('DROP TRIGGER audit_log_no_delete');
    core.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const r = verifyAudit(core.db);
    expect(r.valid).toBe(false);
    expect(r.firstBrokenSeq).toBe(3);
  });
});
