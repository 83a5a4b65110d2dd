import { mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src-shared/contract/diagnostics-commands.js';
import { cliDoctorDeps } from '../../src-main/cli/commands/doctor-deps.js';
import { runCli } from '../../src-main/cli/main.js';
import { runDoctor } from '../../src-main/diagnostics/doctor.js';
import { allFileRefs } from '../../src-main/pages/page-repo.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { twoComponentDraft } from '../fixtures/pages-setup.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { canMountTmpfs, mountSmallDisk } from '../helpers/tmpfs.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

/**
 * The doctor on a healthy desk (enrolled with the real test server, backed up, pages stored) and
 * on desks broken one way each. Every problem must fail the run (exit 1) with its fix.
 */

const demoPage = (n: number) => ({ name: `trang-${n}.png`, base64: readFileSync(join(appRoot(), 'assets', 'demo-pages', `page-0${n}.png`)).toString('base64') });
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-doctor-'));
  dirs.push(d);
  return d;
};

let server: TestServer;
let savedSane: string | undefined;
let core: TestCore | undefined;
beforeAll(async () => {
  ensureAddonBuilt();
  savedSane = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = saneConfigDir();
  server = await startTestServer(targets[0]!);
});
afterAll(async () => {
  await server.destroy();
  if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedSane;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
afterEach(async () => {
  await core?.cleanup().catch(() => undefined);
  core = undefined;
});

/** A desk as IT would leave it: enrolled, synced once, a page stored, the daily backup done. */
async function healthyDesk(dataDir?: string) {
  const point = await createPoint(server);
  core = makeCore(new Date().toISOString(), dataDir);
  const admin = await setUpDesk(core, point.agencyCode);
  await core.must('sync.enroll', { serverUrl: server.url, code: await enrollmentCode(server, point.id), deviceName: 'Máy một cửa 1' }, admin);
  const draft = await twoComponentDraft(core, admin);
  await core.must('pages.importFiles', { dossierId: draft.id, files: [demoPage(1), demoPage(2)] }, admin);
  expect((await core.sync.engine.syncOnce()).ok).toBe(true);
  core.backup.setSchedule({ folder: tempDir(), keep: 3 });
  await core.backup.runScheduled();
  return { admin, draft };
}

async function doctorCli(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const code = await runCli(['doctor', '--json', ...args], { env: { ...process.env, TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_MACHINE_CONFIG: '' }, out: (l) => out.push(l), err: () => undefined });
  return { code, report: JSON.parse(out.join('\n')) as DoctorReport };
}

const status = (r: DoctorReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
const check = (r: DoctorReport, id: string) => r.checks.find((c) => c.id === id)!;
const problems = (r: DoctorReport) => r.checks.filter((c) => c.status === 'warn' || c.status === 'fail').map((c) => c.id);

describe('doctor', () => {
  it('finds nothing wrong on a healthy desk, from the command line and from the Diagnostics screen', { timeout: 90_000 }, async () => {
    const { admin } = await healthyDesk();
    const cli = await doctorCli(core!.dir);
    expect(problems(cli.report), JSON.stringify(cli.report.checks.filter((c) => c.fix), null, 1)).toEqual([]);
    expect(cli.code).toBe(0);
    expect(cli.report.ok).toBe(true);
    expect(status(cli.report)).toEqual({
      version: 'ok',
      config: 'ok',
      database: 'ok',
      disk: 'ok',
      pageStore: 'ok',
      scanner: 'ok',
      ocr: 'ok',
      server: 'ok',
      // The test server is plain HTTP on this PC.
      tls: 'skip',
      clock: 'ok',
      sync: 'ok',
      backup: 'ok',
      instanceLock: 'ok',
    });
    expect(check(cli.report, 'pageStore').detail).toMatch(/^\d+ tệp, tất cả khớp mã băm SHA-256/);
    expect(check(cli.report, 'ocr').data).toMatchObject({ wordsExpected: 45 });
    expect((check(cli.report, 'scanner').data as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain('demo:vi');

    core!.clock.set(new Date());
    const screen = await core!.must('diagnostics.run', {}, admin);
    expect(problems(screen)).toEqual([]);
    expect(check(screen, 'instanceLock').detail).toMatch(/Không có phiên|Chính ứng dụng này/);
  });

  it('a desk whose clock is 10 minutes fast, and a server that is gone', { timeout: 90_000 }, async () => {
    const { admin } = await healthyDesk();
    core!.clock.set(new Date(Date.now() + 10 * 60_000));
    const fast = await core!.must('diagnostics.run', { quick: true }, admin);
    expect(check(fast, 'clock')).toMatchObject({ status: 'fail' });
    expect(check(fast, 'clock').detail).toMatch(/^Đồng hồ máy nhanh (9\.9|10\.0|10\.1) phút so với máy chủ/);
    expect(check(fast, 'clock').fix).toMatch(/Đồng bộ ngay/);
    expect(fast.ok).toBe(false);

    // The server stops; a sync pass fails too, so the backlog check has an error to show.
    const url = server.url;
    await server.server.close();
    try {
      const r = await doctorCli(core!.dir, '--quick');
      expect(r.code).toBe(1);
      expect(check(r.report, 'server')).toMatchObject({ status: 'fail' });
      // A fresh connection is refused; one kept alive from before finds the other side closed.
      expect(check(r.report, 'server').detail).toMatch(new RegExp(`^Không kết nối được ${url.replace(/[.]/g, '\\.')}: (ECONNREFUSED|UND_ERR_SOCKET) `));
      expect(check(r.report, 'server').fix).toMatch(/Kiểm tra cáp mạng/);
      expect(check(r.report, 'clock').status).toBe('skip');
    } finally {
      await server.restart();
    }
  });

  it('missing OCR data, a page file missing and another altered, a corrupt database page', { timeout: 90_000 }, async () => {
    await healthyDesk();
    const refs = allFileRefs(core!.db).filter((r) => r.role === 'archive');
    const file = (r: (typeof refs)[number]) => join(core!.dir, 'pages', r.sha256.slice(0, 2), r.sha256.slice(2, 4), `${r.sha256}.${r.format === 'jpeg' ? 'jpg' : 'png'}`);
    unlinkSync(file(refs[0]!));
    const bytes = readFileSync(file(refs[1]!));
    bytes[bytes.length >> 1]! ^= 0x55;
    writeFileSync(file(refs[1]!), bytes);

    const ctx = { env: { ...process.env, TIEPNHAN_MACHINE_CONFIG: '' }, out: () => undefined, err: () => undefined, dataDir: core!.dir };
    const { deps, close } = cliDoctorDeps(ctx);
    const broken = await runDoctor({ ...deps, ocrLangPath: tempDir() }).finally(close);
    expect(check(broken, 'ocr')).toMatchObject({ status: 'fail' });
    expect(check(broken, 'ocr').detail).toMatch(/^Thiếu dữ liệu OCR tiếng Việt \(vie\.traineddata\)/);
    expect(check(broken, 'ocr').fix).toMatch(/Cài lại TiepNhan/);
    expect(check(broken, 'pageStore')).toMatchObject({ status: 'fail', data: { missingPages: [refs[0]!.pageId], alteredPages: [refs[1]!.pageId] } });
    expect(check(broken, 'pageStore').detail).toMatch(/^1 trang mất tệp ảnh, 1 trang có tệp ảnh bị thay đổi hoặc hỏng; thuộc các hồ sơ: hồ sơ nháp/);
    expect(check(broken, 'pageStore').fix).toMatch(/tiepnhan restore/);
    // Without hashing (--quick) only the missing file shows.
    expect(check((await doctorCli(core!.dir, '--quick')).report, 'pageStore').data).toMatchObject({ missingPages: [refs[0]!.pageId], alteredPages: [] });

    // A b-tree page in the middle of the database overwritten: integrity_check finds it.
    const dir = core!.dir;
    await core!.close();
    const fd = openSync(join(dir, 'tiepnhan.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 6);
    closeSync(fd);
    const corrupt = await doctorCli(dir, '--quick');
    expect(corrupt.code).toBe(1);
    expect(check(corrupt.report, 'database')).toMatchObject({ status: 'fail' });
    expect(check(corrupt.report, 'database').detail).toMatch(/^Cơ sở dữ liệu bị hỏng/);
    expect(check(corrupt.report, 'database').fix).toMatch(/tiepnhan restore/);
    core = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!canMountTmpfs())('a full disk on a small tmpfs', { timeout: 90_000 }, async () => {
    const disk = mountSmallDisk(260);
    try {
      await healthyDesk(join(disk.dir, 'data'));
      const before = await doctorCli(core!.dir, '--quick');
      expect(check(before.report, 'disk').status).toBe('warn'); // 260 MB is under the early warning
      expect(check(before.report, 'disk').detail).toMatch(/^Chỉ còn 0\.\d\d GB/);
      disk.fill(20 * 1024 * 1024);
      const full = await doctorCli(core!.dir, '--quick');
      expect(full.code).toBe(1);
      expect(check(full.report, 'disk')).toMatchObject({ status: 'fail' });
      expect(check(full.report, 'disk').detail).toMatch(/ổ gần đầy, ứng dụng đang từ chối hồ sơ/);
      expect(check(full.report, 'disk').fix).toMatch(/Giải phóng dung lượng/);
    } finally {
      await core?.close();
      core = undefined;
      disk.unmount();
    }
  });

  it('the old "diagnostics" name gives the same report, and a bad config file is a failed check', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ prot: 1, idleLockMinutes: 0 }));
    const out: string[] = [];
    const code = await runCli(['diagnostics'], { env: { ...process.env, TIEPNHAN_DATA_DIR: dataDir, TIEPNHAN_MACHINE_CONFIG: '' }, out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/\[ LỖI {2}\] Tệp cấu hình máy: Cấu hình máy có 2 lỗi/);
    expect(text).toContain('→ Cách khắc phục: Sửa các khóa');
    expect(text).toMatch(/Có \d+ vấn đề cần xử lý/);
  });
});
