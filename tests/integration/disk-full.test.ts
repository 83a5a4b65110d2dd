import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allFileRefs } from '../../src-main/pages/page-repo.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { fileLogger } from '../../src-main/kernel/logger.js';
import { twoComponentDraft } from '../fixtures/pages-setup.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { canMountTmpfs, mountSmallDisk, type SmallDisk } from '../helpers/tmpfs.js';

/**
 * What a full disk does, on a real small file system (tmpfs): new work is refused with a
 * Vietnamese message before the disk is full, a write that meets the full disk fails cleanly,
 * and nothing already stored is lost or damaged.
 */

const demoPage = (n: number) => ({ name: `trang-${n}.png`, base64: readFileSync(join(appRoot(), 'assets', 'demo-pages', `page-0${n}.png`)).toString('base64') });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let disk: SmallDisk | undefined;
let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  disk?.unmount();
  disk = undefined;
});

async function deskWithPages(reserve?: number) {
  disk = mountSmallDisk(260);
  const dataDir = join(disk.dir, 'data');
  const logger = fileLogger(dataDir);
  core = makeCore(undefined, dataDir, { logger, ...(reserve === undefined ? {} : { diskReserveBytes: reserve }) });
  const token = await setUpDesk(core);
  const draft = await twoComponentDraft(core, token);
  await core.must('pages.importFiles', { dossierId: draft.id, files: [demoPage(1), demoPage(2)] }, token);
  const other = await twoComponentDraft(core, token);
  return { token, draft, other, dataDir };
}

/** Every stored file with the hash its name promises, and the database's own check. */
function intact(c: TestCore): { files: number; integrity: string } {
  const refs = allFileRefs(c.db);
  for (const r of refs) {
    const ext = r.format === 'jpeg' ? 'jpg' : 'png';
    const data = readFileSync(join(c.dir, 'pages', r.sha256.slice(0, 2), r.sha256.slice(2, 4), `${r.sha256}.${ext}`));
    expect(sha(data), `${r.role} of page ${r.pageId}`).toBe(r.sha256);
  }
  return { files: refs.length, integrity: (c.db.pragma('integrity_check', { simple: true }) as string) };
}

describe.skipIf(!canMountTmpfs())('a full disk', () => {
  it('refuses new dossiers, scans and imports while little room is left, and lets work under way finish', async () => {
    const { token, draft } = await deskWithPages();
    expect(disk!.free()).toBeGreaterThan(200 * 1024 * 1024);
    const before = intact(core!);
    disk!.fill(50 * 1024 * 1024);

    const create = await core!.call('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Lê Văn Bình', idNumber: '079090001234' }, components: [] }, token);
    const scan = await core!.call('scan.start', { dossierId: draft.id, deviceId: 'demo:vi' }, token);
    const importing = await core!.call('pages.importFiles', { dossierId: draft.id, files: [demoPage(3)] }, token);
    for (const r of [create, scan, importing]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('DISK_FULL');
      expect(r.error.message).toMatch(/^Ổ đĩa của máy gần đầy \(còn \d+ MB\): chưa nhận thêm hồ sơ/);
      expect(r.error.message).toContain('Dữ liệu đã lưu vẫn an toàn');
    }
    // Finishing a draft already on the desk still works: it needs a few KB, not a page's worth.
    const edited = { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' }, components: [], note: 'Bổ sung sau' };
    expect((await core!.must('dossiers.update', { id: draft.id, draft: edited }, token)).note).toBe('Bổ sung sau');
    expect((await core!.must('pages.list', { dossierId: draft.id }, token)).length).toBe(2);
    expect(intact(core!)).toEqual(before);

    disk!.unfill();
    expect((await core!.call('pages.importFiles', { dossierId: draft.id, files: [demoPage(3)] }, token)).ok).toBe(true);
  });

  it('a write that meets a full disk fails with the same message and loses nothing already stored', async () => {
    // No reserve: the writes themselves run into the full disk (SQLite's SQLITE_FULL, the page store's ENOSPC).
    const { token, draft, other, dataDir } = await deskWithPages(0);
    const before = intact(core!);
    const pagesBefore = await core!.must('pages.list', { dossierId: draft.id }, token);
    disk!.fill(0);
    expect(disk!.free()).toBeLessThan(64 * 1024);

    const importing = await core!.call('pages.importFiles', { dossierId: other.id, files: [demoPage(3), demoPage(4)] }, token);
    expect(importing.ok ? null : importing.error.code).toBe('DISK_FULL');
    // SQLite reuses room its WAL already holds, so the first small writes may still fit: write
    // until the disk refuses, and only ever with the disk-full answer.
    let refused: string | null = null;
    for (let i = 0; i < 2000 && refused === null; i++) {
      const note = `Ghi chú ${i} `.repeat(60).slice(0, 1000);
      const draftInput = { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' }, components: [], note };
      const r = await core!.call('dossiers.update', { id: other.id, draft: draftInput }, token);
      if (!r.ok) refused = r.error.code;
    }
    expect(refused).toBe('DISK_FULL');

    // Everything stored before is there and whole; no half-written page file was left behind.
    expect(await core!.must('pages.list', { dossierId: draft.id }, token)).toEqual(pagesBefore);
    expect(await core!.must('pages.list', { dossierId: other.id }, token)).toEqual([]);
    expect(intact(core!)).toEqual(before);
    const leftovers = readdirSync(join(dataDir, 'pages'), { recursive: true }).filter((f) => String(f).includes('.tmp-'));
    expect(leftovers).toEqual([]);

    disk!.unfill();
    expect((await core!.call('pages.importFiles', { dossierId: other.id, files: [demoPage(3)] }, token)).ok).toBe(true);
  });
});
