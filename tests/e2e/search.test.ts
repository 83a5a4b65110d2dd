import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, login, openDesk, setUpAndLogIn, shot, startApp, type RunningApp } from './helpers.js';

/**
 * Search in the browser through the real web host: a received dossier for "Nguyễn Văn Đường" is
 * found by "nguyen van duong" (no diacritics, đ folded), the match is marked in the snippet, and the
 * hit opens the dossier page. The desk and the dossier are set up through main's commands (the
 * intake screens have their own e2e); everything the clerk does here goes through the UI.
 */

const start = '2026-03-02T10:00:00+07:00';
const applicant = 'Nguyễn Văn Đường';

let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let code = '';

beforeAll(async () => {
  app = await startApp(start);
  const { must } = await setUpAndLogIn(app);
  const draft = await must('dossiers.create', {
    procedureCode: '2.000815',
    applicant: { fullName: applicant, idNumber: '079085001234' },
    // No components given: the procedure's required ones, all received.
    components: [],
    pages: 1,
    copies: 1,
  });
  // Another applicant, to show the search picks the right one.
  await must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Lê Thị Hoa', idNumber: '079185001235' }, components: [], pages: 1, copies: 1 });
  const received = await must('dossiers.receive', { id: draft.id });
  code = received.code!;
  ({ browser, page, errors } = await openDesk());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('search screen in the browser', () => {
  it('finds "Nguyễn Văn Đường" by "nguyen van duong", marks the match, and opens the dossier', async () => {
    await page.goto(app.host.url);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await login(page, 'admin', adminPassword);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tìm kiếm' }).click();
    await page.getByRole('heading', { name: 'Tìm kiếm hồ sơ' }).waitFor();

    const box = page.getByRole('searchbox', { name: 'Tìm theo tên người nộp, mã hồ sơ, số định danh hoặc nội dung trang' });
    await box.fill('nguyen van duong');
    await page.keyboard.press('Enter');
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count()).toBe(1);
    await expect(hits.first().textContent()).resolves.toContain(code);
    // The snippet is the original Vietnamese with each matched word in its own <mark>.
    const marks = hits.first().getByTestId('search-snippet').locator('mark');
    await expect(marks.allTextContents()).resolves.toEqual(['Nguyễn', 'Văn', 'Đường']);
    await shot(page, 'search-01-hit');

    // Diacritics typed in are fine too; a word nobody has finds nothing.
    await box.fill('Đường');
    await expect.poll(async () => (await hits.count()) === 1 && ((await hits.first().textContent()) ?? '').includes(code)).toBe(true);
    await box.fill('khong ai ten nay');
    await page.getByText('Không tìm thấy hồ sơ nào khớp với “khong ai ten nay”.').waitFor();

    await box.fill('nguyen van duong');
    await expect.poll(() => hits.count()).toBe(1);
    await hits.first().getByRole('link', { name: `Mở hồ sơ ${applicant}` }).click();
    await expect.poll(() => page.url()).toMatch(/#\/dossiers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('dossier-code').textContent()).toBe(code);
    await expect(page.getByTestId('applicant-name').textContent()).resolves.toBe(applicant);
    await shot(page, 'search-02-opened');
    expect(errors).toEqual([]);
  }, 60_000);
});
