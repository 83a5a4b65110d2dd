import { afterEach, describe, expect, it } from 'vitest';
import { setState } from '../../src-main/sync/sync-repo.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('settings of an enrolled desk', () => {
  it('lets an admin change the slot before enrollment, and refuses slot, block and unit-code changes after it', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    expect((await core.must('settings.update', { deskSlot: 2, slotBlockSize: 1000 }, admin)).deskSlot).toBe(2);

    // What enrollment leaves behind (sync.enroll writes this with the slot the province gave).
    setState(core.db, 'config', { serverUrl: 'https://tinh.example', deviceId: 'd1', receptionPoint: { id: 'p1', code: '000.00.53.H48', name: 'UBND xã Tân Định' } });

    for (const change of [{ deskSlot: 3 }, { slotBlockSize: 100 }]) {
      const r = await core.call('settings.update', change, admin);
      expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    }
    const current = await core.must('settings.get', {}, admin);
    const unit = await core.call('settings.update', { receptionPoint: { ...current.receptionPoint, agencyCode: '000.00.99.H48' } }, admin);
    expect(unit.ok ? null : unit.error.code).toBe('FORBIDDEN');
    expect(await core.must('settings.get', {}, admin)).toMatchObject({ deskSlot: 2, slotBlockSize: 1000, receptionPoint: { agencyCode: '000.00.53.H48' } });

    // The settings screen sends everything back: unchanged identity and other edits still pass.
    const saved = await core.must('settings.update', { ...current, idleLockMinutes: 20, receptionPoint: { ...current.receptionPoint, name: 'UBND phường Tân Định' } }, admin);
    expect(saved).toMatchObject({ idleLockMinutes: 20, deskSlot: 2, receptionPoint: { name: 'UBND phường Tân Định' } });
  });
});
