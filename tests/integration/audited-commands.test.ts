import { afterEach, describe, expect, it } from 'vitest';
import { currentChangeSeq } from '../../src-main/db/change-feed.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

type Entry = { at: string; user_id: string | null; action: string; dossier_id: string | null };
const entries = (c: TestCore) => c.db.prepare('SELECT at, user_id, action, dossier_id FROM audit_log ORDER BY seq').all() as Entry[];
const clerk = { username: 'canbo1', fullName: 'Lê Văn Tám', role: 'clerk' as const, password: 'mat-khau-can-bo' };

describe('audited commands (one audited change each)', () => {
  it('record the caller and the clock time in the same change as the rows they write, and move the change sequence only for replicated rows', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const me = (await core.must('auth.me', {}, admin)) as User;
    const setupAt = '2026-03-02T02:00:00.000Z';
    const adminRow = core.db.prepare('SELECT created_at FROM users WHERE id = ?').get(me.id) as { created_at: string };
    expect(adminRow.created_at).toBe(setupAt);

    const seq = currentChangeSeq(core.db);
    core.clock.advance(60_000);
    const created = await core.must('users.create', clerk, admin);
    core.clock.advance(60_000);
    await core.must('users.setDisabled', { id: created.id, disabled: true }, admin);
    await core.must('settings.update', { cutoffTime: '14:00' }, admin);
    const kept = await core.must('calendar.holidays', { year: 2026 }, admin);
    await core.must('calendar.saveHolidays', { year: 2026, holidays: kept }, admin);
    // None of these rows is replicated by sequence: the counter (which wakes the live stream) stays.
    expect(currentChangeSeq(core.db)).toBe(seq);

    core.clock.advance(60_000);
    const draft = await core.must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Văn An', idNumber: '079203001234' }, components: [], pages: 2, copies: 1 }, admin);
    // Nothing had failed OCR, so a retry changes nothing and records nothing.
    expect(await core.must('ocr.retry', { dossierId: draft.id }, admin)).toEqual({ requeued: 0 });
    expect(currentChangeSeq(core.db)).toBe(seq + 1);
    expect(core.db.prepare('SELECT created_at, seq FROM dossiers WHERE id = ?').get(draft.id)).toEqual({ created_at: '2026-03-02T02:03:00.000Z', seq: seq + 1 });

    expect(entries(core)).toEqual([
      { at: setupAt, user_id: me.id, action: 'setup.init', dossier_id: null },
      { at: '2026-03-02T02:01:00.000Z', user_id: me.id, action: 'users.create', dossier_id: null },
      { at: '2026-03-02T02:02:00.000Z', user_id: me.id, action: 'users.setDisabled', dossier_id: null },
      { at: '2026-03-02T02:02:00.000Z', user_id: me.id, action: 'settings.update', dossier_id: null },
      { at: '2026-03-02T02:02:00.000Z', user_id: me.id, action: 'calendar.saveHolidays', dossier_id: null },
      { at: '2026-03-02T02:03:00.000Z', user_id: me.id, action: 'dossiers.create', dossier_id: draft.id },
    ]);
    expect((await core.must('audit.verify', {}, admin)).valid).toBe(true);
  });

  it('a refused command leaves no entry and no row behind', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    await core.must('users.create', clerk, admin);
    const before = entries(core);
    const users = (core.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;

    expect((await core.call('users.create', { ...clerk, fullName: 'Người khác' }, admin)).ok).toBe(false);
    expect((await core.call('users.setDisabled', { id: '00000000-0000-4000-8000-000000000000', disabled: true }, admin)).ok).toBe(false);
    expect((await core.call('setup.init', { receptionPoint: { name: 'Xã khác', agencyCode: '000.00.53.H48', returnPlace: 'Một cửa' }, admin: { username: 'admin2', fullName: 'Quản Trị Hai', password: 'mat-khau-quan-tri-2' } })).ok).toBe(false);
    expect((await core.call('dossiers.update', { id: '00000000-0000-4000-8000-000000000000', draft: { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Văn An', idNumber: '079203001234' }, components: [], pages: 2, copies: 1 } }, admin)).ok).toBe(false);

    expect(entries(core)).toEqual(before);
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(users);
  });
});
