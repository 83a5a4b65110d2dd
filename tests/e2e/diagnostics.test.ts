import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/kernel/config.js';
import { fileLogger, type FileLogger } from '../../src-main/kernel/logger.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { twoComponentDraft } from '../fixtures/pages-setup.js';
import { saneConfigDir } from '../integration/scanner-test-env.js';
import { adminPassword, login, openDesk, poll, setUpAndLogIn, shot, startApp, type RunningApp } from './helpers.js';

/**
 * The Diagnostics screen in Chromium through the web host: the doctor's checks with their fixes,
 * the support bundle downloaded and opened, a backup made, checked and staged for restore (then
 * cancelled), the log viewer filtered by level and time, and the values IT's config file locks.
 */

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-e2e-diag-'));
  dirs.push(d);
  return d;
};

let app: RunningApp;
let logger: FileLogger;
let browser: Browser;
let page: Page;
let errors: string[];
let machineFile: string;
let savedSane: string | undefined;

beforeAll(async () => {
  savedSane = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = saneConfigDir();
  const dir = tempDir();
  machineFile = join(tempDir(), 'config.json');
  writeFileSync(machineFile, JSON.stringify({ idleLockMinutes: 12, backupKeep: 3, enrollmentCode: 'MA-BI-MAT-1' }));
  logger = fileLogger(dir);
  app = await startApp(new Date().toISOString(), { dir, logger, config: loadConfig(dir, { TIEPNHAN_MACHINE_CONFIG: machineFile }) });
  const admin = await setUpAndLogIn(app);
  const draft = await twoComponentDraft({ must: (name: never, input: never) => admin.must(name, input) } as never, admin.token);
  const png = readFileSync(join(appRoot(), 'assets', 'demo-pages', 'page-01.png')).toString('base64');
  await admin.must('pages.importFiles', { dossierId: draft.id, files: [{ name: 'trang-1.png', base64: png }] });
  logger.info('e2e info line', { step: 1 });
  logger.warn('e2e warn line', { step: 2 });
  logger.error('e2e error line', { step: 3 });
  ({ browser, page, errors } = await openDesk());
  await page.goto(app.host.url);
  await login(page, 'admin', adminPassword);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  logger?.close();
  if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedSane;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const row = (id: string) => page.getByTestId(`check-${id}`);

describe('the Diagnostics screen', () => {
  it('runs the doctor and shows each check with its fix', { timeout: 90_000 }, async () => {
    await page.getByRole('link', { name: 'Chẩn đoán' }).click();
    await page.getByRole('heading', { name: 'Chẩn đoán và bảo trì' }).waitFor();
    await page.getByRole('button', { name: 'Chạy kiểm tra' }).click();
    await page.getByTestId('doctor-summary').waitFor({ timeout: 60_000 });
    for (const id of ['version', 'config', 'database', 'disk', 'pageStore', 'scanner', 'ocr', 'instanceLock']) {
      expect(await row(id).getAttribute('data-status'), id).toBe('ok');
    }
    await expect.poll(() => row('ocr').textContent()).toMatch(/Đọc đúng 4\d\/45 chữ/);
    // Not enrolled and no daily backup yet: each a warning with what to do.
    expect(await row('server').getAttribute('data-status')).toBe('warn');
    expect(await row('server').textContent()).toContain('Cách khắc phục: Mở Chẩn đoán → Trình hướng dẫn');
    expect(await row('backup').getAttribute('data-status')).toBe('warn');
    expect(await page.getByTestId('doctor-summary').textContent()).toMatch(/^Có 2 vấn đề cần xử lý\./);
    await shot(page, 'diag-01-doctor');
  });

  it('downloads a support bundle that opens and holds the report, the logs and the config without its secret', { timeout: 60_000 }, async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải gói hỗ trợ (.zip)' }).click();
    const file = join(tempDir(), (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect(file).toMatch(/tiepnhan-ho-tro-\d{8}-\d{6}\.zip$/);
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    for (const name of ['README.txt', 'doctor.json', 'versions.json', 'config.json', 'logs/tiepnhan.log']) expect(listing).toContain(name);
    const config = execFileSync('unzip', ['-p', file, 'config.json'], { encoding: 'utf8' });
    expect(config).toContain('enrollmentCode');
    expect(config).not.toContain('MA-BI-MAT-1');
    await page.getByText(/^Đã tạo gói hỗ trợ tiepnhan-ho-tro-/).waitFor();
  });

  it('makes a backup, checks it and stages a restore, then cancels it', { timeout: 60_000 }, async () => {
    const folder = tempDir();
    await page.getByLabel('Thư mục sao lưu hằng ngày').fill(folder);
    // backupKeep comes from IT's config: shown, not editable.
    expect(await page.getByLabel('Số bản giữ lại').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Lưu lịch sao lưu' }).click();
    await page.getByText('Đã lưu lịch sao lưu.').waitFor();
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByText(/^Đã sao lưu vào /).waitFor({ timeout: 30_000 });
    const list = page.getByTestId('backup-list');
    expect(await list.locator('tbody tr').count()).toBe(1);
    expect(await list.locator('tbody tr td').nth(3).textContent()).toBe('1');

    await list.locator('tbody tr button').click();
    expect(await page.getByLabel('Thư mục bản sao lưu').inputValue()).toContain(folder);
    await page.getByRole('button', { name: 'Kiểm tra bản sao lưu' }).click();
    await page.getByText(/^Bản sao lưu nguyên vẹn: 1 hồ sơ, 1 trang/).waitFor();
    await page.getByRole('button', { name: 'Khôi phục khi mở lại ứng dụng' }).click();
    await page.getByTestId('restore-pending').waitFor();
    expect(await page.getByTestId('restore-pending').textContent()).toContain('Đóng và mở lại ứng dụng để hoàn tất');
    await shot(page, 'diag-02-backup');
    await page.getByRole('button', { name: 'Huỷ khôi phục' }).click();
    await page.getByText('Đã huỷ khôi phục.').waitFor();
    expect(await page.getByTestId('restore-pending').count()).toBe(0);
  });

  it('filters the log by level and time', { timeout: 30_000 }, async () => {
    await page.getByRole('button', { name: 'Xem nhật ký' }).click();
    const table = page.getByTestId('log-table');
    await table.waitFor();
    await poll(() => table.getByText('e2e info line').count()).toBe(1);
    await page.getByLabel('Mức tối thiểu').selectOption('error');
    await page.getByRole('button', { name: 'Xem nhật ký' }).click();
    await poll(() => table.getByText('e2e info line').count()).toBe(0);
    expect(await table.getByText('e2e error line').count()).toBe(1);
    const levels = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
    expect(new Set(levels)).toEqual(new Set(['error']));
    // A range that ends an hour ago holds none of today's lines.
    const hourAgo = new Date(Date.now() - 3600_000).toLocaleString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).replace(' ', 'T').slice(0, 16);
    await page.getByLabel('Đến', { exact: true }).fill(hourAgo);
    await page.getByRole('button', { name: 'Xem nhật ký' }).click();
    await page.getByText('Không có dòng nào phù hợp.').waitFor();
    await page.getByLabel('Đến', { exact: true }).fill('');
    await page.getByLabel('Từ', { exact: true }).fill(hourAgo);
    await page.getByRole('button', { name: 'Xem nhật ký' }).click();
    await poll(() => page.getByTestId('log-table').getByText('e2e error line').count()).toBe(1);
    await shot(page, 'diag-03-logs');
  });

  it('shows what the machine config sets, and the settings screen locks it', async () => {
    const config = page.getByTestId('config-table');
    expect(await config.textContent()).toContain('idleLockMinutes');
    expect(await config.textContent()).toContain(machineFile);
    expect(await config.textContent()).toContain('(đã đặt, không hiện)');
    await page.getByRole('link', { name: 'Cài đặt', exact: true }).click();
    const idle = page.getByLabel('Tự khóa sau (phút không thao tác)');
    expect(await idle.inputValue()).toBe('12');
    expect(await idle.isDisabled()).toBe(true);
    await page.getByText(`Do cấu hình máy đặt (${machineFile})`).first().waitFor();
    expect(errors).toEqual([]);
  });
});
