import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeQrCodes, pdfPlainText, pdfText, rasterise } from '../helpers/pdf.js';
import { adminPassword, logIn, login, openDesk, shot, startApp, watchErrors, type RunningApp } from './helpers.js';

/**
 * The intake desk end to end, as a clerk would use it, in Debian's Chromium through the
 * real web host: first-run setup → sign in → an invalid CCCD refused → a certification
 * received with the keyboard → receipt PDF downloaded and read back (text and QR) →
 * a second window's list updated live.
 */

// Monday 2 March 2026, 16:00 in Vietnam: after the 15:00 cut-off (DOMAIN.md).
const start = '2026-03-02T16:00:00+07:00';
const applicant = 'Nguyễn Thị Ánh Đường';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const dossierCount = () => (app.core.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;

beforeAll(async () => {
  app = await startApp(start);
  ({ browser, context, page, errors } = await openDesk());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('intake desk in the browser', () => {
  it('refuses requests and sockets without the launch token', async () => {
    const res = await fetch(`http://127.0.0.1:${app.host.port}/`);
    expect(res.status).toBe(401);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${app.host.port}/ws`, { headers: { Origin: `http://127.0.0.1:${app.host.port}` } });
      ws.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(401);
  });

  it('runs first-run setup, drops the token from the address bar, and signs in', async () => {
    await page.goto(app.host.url);
    await page.getByRole('heading', { name: 'Thiết lập lần đầu' }).waitFor();
    expect(page.url()).not.toContain('token=');
    await page.getByLabel('Tên bộ phận tiếp nhận', { exact: true }).fill('Bộ phận một cửa UBND xã Tân Định');
    await page.getByLabel('Mã đơn vị (QCVN 102:2016)', { exact: true }).fill('000.00.53.H48');
    await page.getByLabel('Tên cơ quan', { exact: true }).fill('UBND xã Tân Định');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 1 đường Trần Hưng Đạo, xã Tân Định');
    await page.getByLabel('Nơi trả kết quả', { exact: true }).fill('Bộ phận một cửa xã Tân Định');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Văn Quản');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(adminPassword);
    await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill(adminPassword);
    await shot(page, '01-setup');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();

    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await shot(page, '02-login-wrong-password');

    await login(page, 'admin', adminPassword);
    // The first sign-in after setup opens the first-run wizard (wizard.test.ts); this desk starts unenrolled.
    await page.getByRole('heading', { name: 'Trình hướng dẫn cài đặt máy một cửa' }).waitFor();
    await page.getByRole('link', { name: 'Để sau' }).click();
    await page.getByText('Chưa có hồ sơ nào.').waitFor();
    await shot(page, '03-empty-list');
  });

  let secondPage: Page;
  it('opens a second window on the list (cookie, no token in its URL)', async () => {
    secondPage = await context.newPage();
    errors.push(...watchErrors(secondPage));
    await secondPage.goto(`http://127.0.0.1:${app.host.port}/`);
    await secondPage.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await login(secondPage, 'admin', adminPassword);
    await secondPage.getByText('Chưa có hồ sơ nào.').waitFor();
    // Back to the first window: a background tab gets throttled animation frames.
    await page.bringToFront();
  });

  it('shows the Vietnamese field error for an invalid CCCD and stores nothing', async () => {
    await page.keyboard.press('Alt+N');
    const picker = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('2.000815');
    await page.keyboard.press('Enter');
    await expect(picker.inputValue()).resolves.toContain('2.000815');
    // Focus moves on to the applicant's name.
    await page.keyboard.type(applicant);
    await page.keyboard.press('Tab');
    // 999 is no province code.
    await page.keyboard.type('999190012345');
    await page.getByLabel('Số trang mỗi bản', { exact: true }).fill('3');
    await page.keyboard.press('Control+Enter');
    const idField = page.getByLabel('Số định danh (CCCD/CMND)', { exact: true });
    await expect.poll(() => idField.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Thông tin nhập chưa hợp lệ').waitFor();
    await page.getByText('Ba chữ số đầu của CCCD không phải mã tỉnh hợp lệ.').first().waitFor();
    await shot(page, '04-invalid-cccd');
    expect(dossierCount()).toBe(0);
  });

  let code = '';
  let appointment = '';
  it('receives a certification with the keyboard and shows its code, lookup code and appointment', async () => {
    const began = Date.now();
    const idField = page.getByLabel('Số định danh (CCCD/CMND)', { exact: true });
    await idField.fill('');
    await idField.focus();
    await page.keyboard.type('074190012345');
    // Live structural check: the CCCD tells Bình Dương, female, born 1990.
    await page.getByText('Bình Dương').first().waitFor();
    await page.getByLabel('Ngày sinh', { exact: true }).fill('1990-05-12');
    await expect(page.getByLabel('Giới tính', { exact: true }).inputValue()).resolves.toBe('female');
    await page.getByLabel('Điện thoại', { exact: true }).fill('0912 345 678');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Ấp 3, xã Tân Định, TP. Hồ Chí Minh');
    await page.getByLabel('Số bản sao', { exact: true }).fill('2');
    await expect.poll(() => page.getByTestId('fee-preview').textContent()).toMatch(/\d/);
    await shot(page, '05-intake-form');
    await page.keyboard.press('Control+Enter');

    const codeEl = page.getByTestId('dossier-code');
    await expect.poll(() => codeEl.textContent(), { timeout: 15_000 }).toMatch(/^000\.00\.53\.H48-260302-\d{4}$/);
    expect(Date.now() - began).toBeLessThan(60_000);
    code = (await codeEl.textContent()) ?? '';
    const lookup = (await page.getByTestId('lookup-code').textContent()) ?? '';
    expect(lookup).toMatch(/\S{4,}/);
    appointment = (await page.getByTestId('appointment').textContent()) ?? '';
    // Received Monday 2 March 2026 at 16:00, after the 15:00 cut-off: a same-day certification
    // counts from Tuesday, returned at the configured 16:00.
    expect(appointment).toBe('03/03/2026 16:00');
    await expect(page.getByTestId('applicant-name').textContent()).resolves.toBe(applicant);
    await shot(page, '06-dossier-page');
    expect(dossierCount()).toBe(1);
  });

  it('shows the new dossier in the other window without a reload', async () => {
    const row = secondPage.getByTestId('dossier-row').filter({ hasText: code });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.textContent()).resolves.toContain(applicant);
    await shot(secondPage, '07-list-live');
  });

  it('downloads the receipt PDF with the applicant, code and dates, and a QR code of the code', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải biên nhận (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`bien-nhan-${code}.pdf`);
    const path = await download.path();
    const pdf = new Uint8Array(readFileSync(path));
    const text = pdfText(pdf);
    const plain = pdfPlainText(pdf);
    expect(plain).toContain(applicant);
    expect(text).toContain(code);
    // Received on 2 March 2026; the appointment the page shows must be the one printed.
    expect(plain).toContain('ngày 02 tháng 03 năm 2026');
    const [d, m, y] = appointment.slice(0, 10).split('/');
    expect(plain).toContain(`ngày ${d} tháng ${m} năm ${y}`);
    const qr = await decodeQrCodes(rasterise(pdf, 1, 200));
    expect(qr.some((q) => q.includes(code))).toBe(true);
    // "In biên nhận" is not clicked here: print() on a PDF frame crashes headless Chromium's renderer.
  });

  let draftId = '';
  it('saves a draft, finds it in the list, edits it while it is a draft', async () => {
    await page.keyboard.press('Alt+N');
    const picker = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    // Diacritics are optional when filtering: "khai sinh" finds "Đăng ký khai sinh".
    await page.keyboard.type('khai sinh');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect(picker.inputValue()).resolves.toContain('khai sinh');
    await page.keyboard.type('Lê Văn Bình');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123456789'); // a legacy 9-digit CMND is accepted
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp.').waitFor();
    draftId = /#\/dossiers\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';
    expect(draftId).not.toBe('');
    // The same draft is updated, not duplicated, on a second save.
    await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Văn Bình An');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp.').waitFor();
    expect(dossierCount()).toBe(2);

    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const row = page.getByTestId('dossier-row').filter({ hasText: 'Lê Văn Bình An' });
    await expect(row.textContent()).resolves.toContain('Nháp');
    await row.getByRole('link').click();
    await page.getByRole('button', { name: 'Sửa' }).click();
    const name = page.getByLabel('Họ và tên', { exact: true });
    await expect.poll(() => name.inputValue()).toBe('Lê Văn Bình An');
    await name.fill('Lê Văn Bình Minh');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp.').waitFor();
    await page.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => page.getByTestId('applicant-name').textContent()).toBe('Lê Văn Bình Minh');
    await expect(page.getByTestId('dossier-code').textContent()).resolves.toBe('—');
  });

  it('locks after inactivity and carries on after the password', async () => {
    // Main's session idles out (its clock jumps an hour); the next command meets SESSION_LOCKED.
    app.clock.advance(60 * 60_000);
    const dialog = page.getByRole('dialog', { name: 'Phiên làm việc đã khóa' });
    // A panel still loading (the sync chip) may meet the lock first; otherwise our clicks do.
    const lockedAlready = await dialog.waitFor({ timeout: 1500 }).then(
      () => true,
      () => false,
    );
    // Opening the list is enough: its sync chips ask main for the sync status.
    if (!lockedAlready) await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await dialog.waitFor();
    await shot(page, '08-locked');
    await dialog.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await dialog.getByRole('button', { name: 'Mở khóa' }).click();
    await dialog.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    await dialog.getByLabel('Mật khẩu', { exact: true }).fill(adminPassword);
    await dialog.getByRole('button', { name: 'Mở khóa' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('link', { name: code }).click();
    await expect.poll(() => page.getByTestId('dossier-code').textContent()).toBe(code);
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }).click();
    await page.getByRole('button', { name: 'Download receipt (PDF)' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await shot(page, '09-english');
    await page.getByRole('button', { name: 'Switch language to Vietnamese' }).click();
    await page.getByRole('button', { name: 'Tải biên nhận (PDF)' }).waitFor();
  });

  it('lets the admin create a clerk, change the idle lock and keep the holiday table', async () => {
    await page.getByRole('link', { name: 'Người dùng' }).click();
    const form = page.getByRole('form', { name: 'Tạo tài khoản' });
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill('canbo1');
    await form.getByLabel('Họ và tên', { exact: true }).fill('Phạm Thị Cán Bộ');
    await form.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-can-bo');
    await form.getByLabel('Nhập lại mật khẩu', { exact: true }).fill('mat-khau-can-bo');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản canbo1.').waitFor();
    await page.getByRole('cell', { name: 'Phạm Thị Cán Bộ' }).waitFor();
    await shot(page, '10-users');

    await page.getByRole('link', { name: 'Cài đặt' }).click();
    const minutes = page.getByLabel('Tự khóa sau (phút không thao tác)', { exact: true });
    await expect.poll(() => minutes.inputValue()).toMatch(/^\d+$/);
    await minutes.fill('20');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu cài đặt.').waitFor();
    // A session of main's own, to read back what the UI saved.
    const settings = await (await logIn(app)).must('settings.get', {});
    expect(settings.idleLockMinutes).toBe(20);

    await page.getByRole('link', { name: 'Ngày nghỉ lễ' }).click();
    await page.getByLabel('Năm', { exact: true }).fill('2027');
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    const rows = page.getByRole('row');
    const last = await page.getByLabel(/^Ngày, dòng \d+$/).count();
    await page.getByLabel(`Ngày, dòng ${last}`, { exact: true }).fill('2027-11-20');
    await page.getByLabel(`Tên ngày, dòng ${last}`, { exact: true }).fill('Ngày nghỉ thử nghiệm');
    await page.getByRole('button', { name: 'Lưu bảng ngày nghỉ' }).click();
    await page.getByText('Đã lưu ngày nghỉ năm 2027.').waitFor().catch(async (e: unknown) => {
      await shot(page, '11-holidays-failed');
      throw e;
    });
    await expect.poll(() => rows.filter({ has: page.locator('input[value="Ngày nghỉ thử nghiệm"]') }).count()).toBe(1);
    await shot(page, '11-holidays');
  });

  it('logged no errors in the pages', () => {
    // A refused command is not a page error; only crashes and failed loads land here.
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
