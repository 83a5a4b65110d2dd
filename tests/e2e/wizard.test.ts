import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/kernel/config.js';
import { saneConfigDir } from '../integration/scanner-test-env.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';
import { adminPassword, login, openDesk, shot, startApp, type RunningApp } from './helpers.js';

/**
 * A desk configured by IT's machine config file (server, one-time code, reception point) set up
 * in Chromium: the setup screen shows the locked reception point, the admin's first sign-in
 * opens the wizard, which tests the real test server, the scanner and OCR, then enrolls.
 */

let server: TestServer;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let savedSane: string | undefined;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-e2e-wizard-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  savedSane = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = saneConfigDir();
  server = await startTestServer(targets[0]!);
  const point = await createPoint(server, 'UBND xã Tân Hòa');
  const machine = join(tempDir(), 'config.json');
  writeFileSync(
    machine,
    JSON.stringify({ serverUrl: server.url, enrollmentCode: await enrollmentCode(server, point.id), deviceName: 'Máy một cửa số 1', receptionPoint: { name: 'UBND xã Tân Hòa', agencyCode: point.agencyCode } }),
  );
  const dir = tempDir();
  app = await startApp(new Date().toISOString(), { dir, config: loadConfig(dir, { TIEPNHAN_MACHINE_CONFIG: machine }) });
  ({ browser, page, errors } = await openDesk());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await server?.destroy();
  if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedSane;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('the first-run wizard', () => {
  it('sets up a desk from the machine config: tests the server, the scanner and OCR, then enrolls', { timeout: 120_000 }, async () => {
    await page.goto(app.host.url);
    await page.getByRole('heading', { name: 'Thiết lập lần đầu' }).waitFor();
    const name = page.getByLabel('Tên bộ phận tiếp nhận', { exact: true });
    expect(await name.inputValue()).toBe('UBND xã Tân Hòa');
    expect(await name.isDisabled()).toBe(true);
    await page.getByLabel('Nơi trả kết quả', { exact: true }).fill('Bộ phận một cửa xã Tân Hòa');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Văn Quản');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(adminPassword);
    await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill(adminPassword);
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await page.getByText('Đã thiết lập xong. Vui lòng đăng nhập.').waitFor();
    await login(page, 'admin', adminPassword);

    await page.getByRole('heading', { name: 'Trình hướng dẫn cài đặt máy một cửa' }).waitFor();
    const url = page.getByLabel('Địa chỉ máy chủ tỉnh', { exact: true });
    expect(await url.inputValue()).toBe(server.url);
    expect(await url.isDisabled()).toBe(true);
    expect(await page.getByLabel('Mã đăng ký dùng một lần').inputValue()).toBe('');
    await page.getByText('Đã có trong tệp cấu hình máy (không hiện ở đây)').waitFor();
    expect(await page.getByLabel('Tên máy', { exact: true }).inputValue()).toBe('Máy một cửa số 1');
    const finish = page.getByRole('button', { name: 'Đăng ký và hoàn tất' });
    expect(await finish.isDisabled()).toBe(true);

    // The desk's clock is the test's own (set by hand): in step with the server for the clock check.
    app.clock.set(new Date());
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ timeout: 60_000 });
    const status = (id: string) => page.getByTestId(`check-${id}`).getAttribute('data-status');
    expect(await status('server')).toBe('ok');
    expect(await status('clock')).toBe('ok');
    expect(await status('scanner')).toBe('ok');
    expect(await page.getByTestId('check-scanner').textContent()).toContain('Máy quét thử');
    expect(await status('ocr')).toBe('ok');
    await shot(page, 'wizard-01-tested');

    await finish.click();
    await page.getByText(/^Đã cài đặt xong máy một cửa: UBND xã Tân Hòa/).waitFor({ timeout: 20_000 });
    const sync = await app.core.sync.status();
    expect(sync).toMatchObject({ enrolled: true, serverUrl: server.url });
    await shot(page, 'wizard-02-done');
    expect(errors).toEqual([]);
  });
});
