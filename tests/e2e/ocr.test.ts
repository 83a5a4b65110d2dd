import { join } from 'node:path';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../../src-renderer/features/ocr/low-confidence.js';
import { adminPassword, login, openDesk, openDossier, poll, setUpAndLogIn, shot, startApp, type RunningApp, type Session } from './helpers.js';

/**
 * OCR beside the page, end to end in Debian's Chromium through the real web host: a generated
 * Vietnamese page is imported, its OCR (one worker, in the background) appears beside the image,
 * the clerk steps to the weakest word with F8 and corrects a word inline, and the corrected word
 * is found by a diacritic-free search (search.query).
 */

const start = '2026-03-02T09:00:00+07:00';
const fontfile = join(import.meta.dirname, '..', '..', 'assets', 'fonts', 'NotoSerif-Regular.ttf');

let app: RunningApp;
let browser: Browser;
let page: BrowserPage;
let errors: string[];
let admin: Session;
let dossierId: string;

/** A5 at 150 dpi (874 × 1240 px): small, so one worker reads it in seconds. */
async function vietnamesePage(): Promise<Buffer> {
  const text = [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    'ĐƠN ĐỀ NGHỊ CHỨNG THỰC',
    '',
    'Họ và tên: Nguyễn Văn Đường',
    'Ngày sinh: 15/08/1985',
    'Nơi cư trú: xã Tân Định, Thành phố Hồ Chí Minh',
  ].join('\n');
  const ink = await sharp({ text: { text, font: 'Noto Serif 13', fontfile, dpi: 150, width: 760, wrap: 'word' } }).png().toBuffer();
  return sharp({ create: { width: 874, height: 1240, channels: 3, background: '#ffffff' } })
    .composite([{ input: await sharp(ink).negate({ alpha: false }).png().toBuffer(), left: 57, top: 90 }])
    .png()
    .toBuffer();
}

beforeAll(async () => {
  app = await startApp(start);
  admin = await setUpAndLogIn(app);
  const dossier = await admin.must('dossiers.create', {
    procedureCode: '2.000815',
    applicant: { fullName: 'Lê Thị Mai', idNumber: '079185001234' },
    components: [{ name: 'Đơn đề nghị chứng thực', kind: 'original', quantity: 1, received: true }],
    pages: 1,
    copies: 1,
  });
  dossierId = dossier.id;
  ({ browser, page, errors } = await openDesk());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('OCR beside the page in the browser', () => {
  let pageId: string;

  it('imports a Vietnamese page and shows its OCR text beside the image once the background OCR is done', async () => {
    await page.goto(app.host.url);
    await login(page, 'admin', adminPassword);
    await openDossier(page, dossierId);
    await page.getByRole('heading', { name: 'Quét và nhập trang' }).waitFor();
    await page.getByLabel('Nhập tệp (JPEG, PNG, TIFF, PDF)', { exact: true }).setInputFiles({ name: 'don-de-nghi.png', mimeType: 'image/png', buffer: await vietnamesePage() });
    await page.getByText('Đã nhập 1 trang.').waitFor({ timeout: 30_000 });
    pageId = (await admin.must('pages.list', { dossierId, includeDeleted: false }))[0]!.id;

    // Open the viewer at once: the text appears by itself when ocr.progress says done.
    await page.getByRole('button', { name: 'Xem ảnh và chữ của trang 1' }).click();
    const viewer = page.getByTestId('ocr-viewer');
    await viewer.getByRole('img', { name: 'Ảnh trang 1' }).waitFor();
    await page.getByTestId('ocr-badge').and(page.locator('[data-ocr-status="done"]')).waitFor({ timeout: 90_000 });
    await poll(() => viewer.getByTestId('ocr-text').textContent(), 10_000).toContain('Đường');
    await poll(() => page.getByTestId('ocr-dossier-status').getAttribute('data-done')).toBe('1');
    await shot(page, 'ocr-01-text-beside-page');
  }, 120_000);

  it('steps to the lowest-confidence word with F8, and corrects a word inline', async () => {
    const viewer = page.getByTestId('ocr-viewer');
    const before = await admin.must('ocr.pageText', { pageId });
    // What F8 must pick: the lowest-confidence word under the threshold, if any (words come lowest first).
    const weakest = before.words.find((w) => w.confidence < LOW_CONFIDENCE && !w.corrected) ?? null;
    await page.keyboard.press('F8');
    if (weakest) {
      await expect.poll(() => viewer.getByRole('textbox').inputValue()).toBe(weakest.text);
      await expect.poll(() => viewer.locator('.ocr-word.current').getAttribute('data-index')).toBe(String(weakest.index));
      await page.keyboard.press('Escape');
    } else {
      await viewer.getByText('Không còn từ nào độ tin cậy thấp.').waitFor();
    }

    // Correct the word the engine read for "Đường" into a word that is not on the page.
    const target = before.words.find((w) => w.text.includes('Đường')) ?? before.words.find((w) => w.text.length > 3)!;
    await viewer.locator(`.ocr-word[data-index="${target.index}"]`).click();
    const box = viewer.getByRole('textbox');
    await expect.poll(() => box.inputValue()).toBe(target.text);
    await box.fill('Khuông');
    await box.press('Enter');
    await viewer.getByText(`Đã sửa “${target.text}” thành “Khuông”.`).waitFor();
    await expect.poll(() => viewer.locator(`.ocr-word[data-index="${target.index}"]`).textContent()).toBe('Khuông');
    await expect.poll(() => viewer.locator(`.ocr-word[data-index="${target.index}"]`).getAttribute('class')).toContain('corrected');
    const after = await admin.must('ocr.pageText', { pageId });
    expect(after.words.find((w) => w.index === target.index)).toMatchObject({ text: 'Khuông', raw: target.raw, corrected: true });
    expect(after.text).toContain('Khuông');
    await shot(page, 'ocr-02-corrected');
  });

  it('finds the page by the corrected word without diacritics', async () => {
    const hits = await admin.must('search.query', { query: 'khuong', limit: 20 });
    expect(hits.filter((h) => h.kind === 'page').map((h) => [h.pageId, h.dossierId])).toEqual([[pageId, dossierId]]);
    expect(hits[0]!.snippet.text).toContain('Khuông');
    // A correction is audited with what the engine had read.
    const audit = app.core.db.prepare("SELECT details FROM audit_log WHERE action = 'ocr.correctWord'").all() as { details: string }[];
    expect(audit.map((a) => (JSON.parse(a.details) as { to: string }).to)).toEqual(['Khuông']);
    expect(errors).toEqual([]);
  });
});
