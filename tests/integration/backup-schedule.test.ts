import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/kernel/config.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore | undefined;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-schedule-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('the daily backup', () => {
  it('runs when due, keeps the newest N, and retries an hour after a failure', async () => {
    core = makeCore();
    const admin = await setUpDesk(core);
    const folder = tempDir();
    await core.must('backup.setSchedule', { folder, keep: 2 }, admin);
    const names = () => readdirSync(folder).sort();

    await core.backup.runScheduled();
    expect(names()).toHaveLength(1);
    await core.backup.runScheduled();
    expect(names()).toHaveLength(1); // not due again the same day
    for (let day = 1; day <= 2; day++) {
      core.clock.advance(24 * 3600_000);
      await core.backup.runScheduled();
    }
    // Sessions lock as the clock moves on: the schedule's service is read directly from here.
    const status = core.backup.status();
    expect(names()).toHaveLength(2);
    expect(status.backups.map((b) => b.dir)).toEqual(names().reverse().map((n) => join(folder, n)));
    expect(status.schedule).toMatchObject({ folder, keep: 2, lastError: null, lastOkAt: core.clock.now().toISOString() });
    // A manual backup of another folder is not the schedule's to prune.
    writeFileSync(join(folder, 'ghi-chu.txt'), 'của IT');

    // The folder becomes unusable (a file in its place): the failure is recorded, retried an hour later.
    const blocked = join(tempDir(), 'not-a-folder');
    writeFileSync(blocked, 'x');
    core.backup.setSchedule({ folder: blocked, keep: 2 });
    core.clock.advance(24 * 3600_000);
    await core.backup.runScheduled();
    const failed = core.backup.status().schedule;
    expect(failed.lastError).toBeTruthy();
    expect(failed.lastAt).toBe(core.clock.now().toISOString());
    core.backup.setSchedule({ folder, keep: 2 });
    core.clock.advance(30 * 60_000);
    await core.backup.runScheduled();
    expect(core.backup.status().schedule.lastAt).toBe(failed.lastAt);
    core.clock.advance(31 * 60_000);
    await core.backup.runScheduled();
    expect(core.backup.status().schedule.lastError).toBeNull();
    expect(names().filter((n) => n.startsWith('tiepnhan-backup-'))).toHaveLength(2);
    expect(names()).toContain('ghi-chu.txt');
  });

  it('takes its folder and count from the machine config, locked', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const machine = join(tempDir(), 'config.json');
    writeFileSync(machine, JSON.stringify({ backupFolder: folder, backupKeep: 5 }));
    core = makeCore(undefined, dataDir, { config: loadConfig(dataDir, { TIEPNHAN_MACHINE_CONFIG: machine }) });
    const admin = await setUpDesk(core);
    expect((await core.must('backup.status', {}, admin)).schedule).toMatchObject({ folder, keep: 5 });
    const r = await core.call('backup.setSchedule', { folder: null, keep: 5 }, admin);
    expect(r.ok ? null : r.error.fields).toEqual({ backupFolder: 'config.locked' });
    const rel = await core.call('backup.setSchedule', { folder: 'sao-luu', keep: 5 }, admin);
    expect(rel.ok ? null : rel.error.fields).toEqual({ folder: 'path.absolute' });
  });
});
