import type { Browser, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../../src-renderer/features/ocr/low-confidence.js';
import type { WordBox } from '../fixtures/ocr-corpus/word-page.js';
import { adminPassword, login, openDesk, openDossier, poll, setUpAndLogIn, shot, startApp, type RunningApp, type Session } from './helpers.js';
import { damaged, weakWordPage, wordAt } from './weak-word-page.js';

/**
 * OCR beside the page, end to end in Debian's Chromium through the real web host: a generated
 * Vietnamese page with two words blotted by a highlighter is imported, its OCR (one worker, in the
 * background) appears beside the image, the stored words have confidences under the review
 * threshold at the blotted words, F8 / Shift+F8 step through them lowest confidence first, the
 * clerk corrects them with the keyboard, and the search screen finds the page by the corrected
 * words typed without diacritics.
 */

const start = '2026-03-02T09:00:00+07:00';

let app: RunningApp;
let browser: Browser;
let page: BrowserPage;
let errors: string[];
let admin: Session;
let dossierId: string;
let truth: { boxes: WordBox[]; width: number; height: number };

type StoredWord = { idx: number; text: string; raw: string; confidence: number; x0: number; y0: number; x1: number; y1: number; corrected_by: string | null };
/** The page's words as the OCR queue stored them, straight from SQLite: the ground the UI is checked against. */
const storedWords = (pageId: string) =>
  app.core.db.prepare('SELECT idx, text, raw, confidence, x0, y0, x1, y1, corrected_by FROM ocr_words WHERE page_id = ? ORDER BY confidence, idx').all(pageId) as StoredWord[];
/** What F8 must visit, in order: uncorrected words under the app's threshold, lowest confidence first. */
const reviewQueue = (pageId: string) => storedWords(pageId).filter((w) => w.confidence < LOW_CONFIDENCE && w.corrected_by === null);
const pageHits = async (query: string) => (await admin.must('search.query', { query, limit: 20 })).filter((h) => h.kind === 'page');

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
  /** The two weakest stored words and the printed words under them. */
  let weakest: StoredWord;
  let second: StoredWord;
  let weakestTruth: (typeof damaged)[number];
  let secondTruth: (typeof damaged)[number];

  it('imports a Vietnamese page and shows its OCR text beside the image once the background OCR is done', async () => {
    const generated = await weakWordPage();
    truth = generated;
    await page.goto(app.host.url);
    await login(page, 'admin', adminPassword);
    await openDossier(page, dossierId);
    await page.getByRole('heading', { name: 'Quét và nhập trang' }).waitFor();
    await page.getByLabel('Nhập tệp (JPEG, PNG, TIFF, PDF)', { exact: true }).setInputFiles({ name: 'don-de-nghi.png', mimeType: 'image/png', buffer: generated.png });
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

  it('stored words under the review threshold where the page is blotted, which the search cannot find yet', async () => {
    const queue = reviewQueue(pageId);
    // The page was made so that at least two words fall under the threshold; checked, not assumed.
    expect(queue.length, `words under ${LOW_CONFIDENCE}: ${JSON.stringify(storedWords(pageId).map((w) => [w.text, w.confidence]))}`).toBeGreaterThanOrEqual(2);
    [weakest, second] = queue as [StoredWord, StoredWord];
    expect(weakest.confidence).toBeLessThanOrEqual(second.confidence);
    // Boxes are pixels of the stored image; the generated page may have been scaled on import.
    const { imageWidth } = await admin.must('ocr.pageText', { pageId });
    const scale = (imageWidth ?? truth.width) / truth.width;
    const printed = (w: StoredWord) => damaged.find((d) => d.text === wordAt(truth.boxes, w, scale)?.text);
    // The two weakest words are the two blotted ones, each misread (else there is nothing to correct).
    const [a, b] = [printed(weakest), printed(second)];
    expect([a?.text, b?.text].sort(), `weakest: ${JSON.stringify(queue)}`).toEqual(damaged.map((d) => d.text).sort());
    [weakestTruth, secondTruth] = [a!, b!];
    expect(weakest.text).not.toBe(weakestTruth.text);
    expect(second.text).not.toBe(secondTruth.text);
    // Before the clerk corrects them, neither word is found by its diacritic-free spelling.
    expect(await pageHits(weakestTruth.folded)).toEqual([]);
    expect(await pageHits(secondTruth.folded)).toEqual([]);
    // Every word under the threshold is marked on the image and in the text.
    const viewer = page.getByTestId('ocr-viewer');
    await poll(() => viewer.locator('.ocr-box').count()).toBe(queue.length);
    await expect(viewer.locator('.ocr-word.low').count()).resolves.toBe(queue.length);
    await viewer.getByText(`${queue.length} từ độ tin cậy thấp (dưới ${LOW_CONFIDENCE}%) chưa sửa`).waitFor();
  });

  it('F8 goes to the lowest-confidence word, Shift+F8 back; the clerk corrects it with the keyboard and review moves on', async () => {
    const viewer = page.getByTestId('ocr-viewer');
    const box = viewer.getByRole('textbox');
    const current = viewer.locator('.ocr-word.current');
    const focused = () => box.evaluate((el) => el === document.activeElement);

    await page.keyboard.press('F8');
    await poll(() => current.getAttribute('data-index')).toBe(String(weakest.idx));
    await expect(box.inputValue()).resolves.toBe(weakest.text);
    await poll(focused).toBe(true);
    // The same word is the highlighted box on the image, with its confidence.
    const label = `“${weakest.text}”: độ tin cậy ${Math.round(weakest.confidence)}%`;
    await expect(viewer.locator('.ocr-box.current').getAttribute('aria-label')).resolves.toBe(label);
    await viewer.getByText(`Sửa từ “${weakest.text}” (${Math.round(weakest.confidence)}%)`).waitFor();
    await shot(page, 'ocr-02-f8-weakest');

    // F8 again (the input has the focus): the next weakest; Shift+F8: back to the weakest.
    await page.keyboard.press('F8');
    await poll(() => current.getAttribute('data-index')).toBe(String(second.idx));
    await expect(box.inputValue()).resolves.toBe(second.text);
    await page.keyboard.press('Shift+F8');
    await poll(() => current.getAttribute('data-index')).toBe(String(weakest.idx));
    await poll(() => box.inputValue()).toBe(weakest.text);
    // Enter on a word left as read saves nothing and moves on to the next weak word.
    await page.keyboard.press('Enter');
    await poll(() => current.getAttribute('data-index')).toBe(String(second.idx));
    expect(storedWords(pageId).filter((w) => w.corrected_by !== null)).toEqual([]);
    await page.keyboard.press('Shift+F8');
    await poll(() => current.getAttribute('data-index')).toBe(String(weakest.idx));

    // The correction, by keyboard only: select what the engine read, type the printed word, Enter.
    await poll(focused).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(weakestTruth.text);
    await page.keyboard.press('Enter');
    await viewer.getByText(`Đã sửa “${weakest.text}” thành “${weakestTruth.text}”.`).waitFor();
    await expect(viewer.locator(`.ocr-word[data-index="${weakest.idx}"]`).textContent()).resolves.toBe(weakestTruth.text);
    await expect(viewer.locator(`.ocr-word[data-index="${weakest.idx}"]`).getAttribute('class')).resolves.toMatch(/\bcorrected\b/);
    // Enter saved and stepped on to the next weak word, as a reviewer expects.
    await poll(() => current.getAttribute('data-index')).toBe(String(second.idx));
    await poll(focused).toBe(true);

    const stored = storedWords(pageId).find((w) => w.idx === weakest.idx)!;
    expect(stored).toMatchObject({ text: weakestTruth.text, raw: weakest.raw, confidence: weakest.confidence });
    expect(stored.corrected_by).not.toBeNull();
    expect(reviewQueue(pageId).map((w) => w.idx)).not.toContain(weakest.idx);

    // The second one too, still by keyboard; then nothing is left under the threshold from these two.
    await page.keyboard.press('Control+A');
    await page.keyboard.type(secondTruth.text);
    await page.keyboard.press('Enter');
    await viewer.getByText(`Đã sửa “${second.text}” thành “${secondTruth.text}”.`).waitFor();
    await expect(viewer.locator(`.ocr-word[data-index="${second.idx}"]`).textContent()).resolves.toBe(secondTruth.text);
    const left = reviewQueue(pageId);
    expect(left.map((w) => w.idx)).not.toContain(second.idx);
    if (left.length === 0) {
      await viewer.getByRole('textbox').waitFor({ state: 'detached' });
      await page.keyboard.press('F8');
      await viewer.getByText('Không còn từ nào độ tin cậy thấp.').waitFor();
    } else {
      await poll(() => current.getAttribute('data-index')).toBe(String(left[0]!.idx));
      await page.keyboard.press('Escape');
    }
    await poll(() => viewer.locator('.ocr-box').count()).toBe(left.length);
    const text = (await admin.must('ocr.pageText', { pageId })).text ?? '';
    expect(text).toContain(`${weakestTruth.text}`);
    expect(text).toContain(`${secondTruth.text}`);
    await shot(page, 'ocr-03-corrected');
  });

  it('the search screen finds the page by the corrected words typed without diacritics, and opens that page beside its text', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tìm kiếm' }).click();
    await page.getByRole('heading', { name: 'Tìm kiếm hồ sơ' }).waitFor();
    const query = page.getByRole('searchbox', { name: 'Tìm theo tên người nộp, mã hồ sơ, số định danh hoặc nội dung trang' });
    await query.fill(`${weakestTruth.folded} ${secondTruth.folded}`);
    await page.keyboard.press('Enter');
    const hits = page.getByTestId('search-hit');
    await poll(() => hits.count()).toBe(1);
    await expect(hits.first().textContent()).resolves.toContain('Trang 1');
    const marks = hits.first().getByTestId('search-snippet').locator('mark');
    await expect(marks.allTextContents().then((m) => m.sort())).resolves.toEqual(damaged.map((d) => d.text).sort());
    await shot(page, 'ocr-04-search-corrected');

    // The command agrees: this page, this dossier.
    expect((await pageHits(weakestTruth.folded)).map((h) => [h.pageId, h.dossierId])).toEqual([[pageId, dossierId]]);

    await hits.first().getByRole('link', { name: 'Mở hồ sơ Lê Thị Mai' }).click();
    await poll(() => page.url()).toMatch(new RegExp(`#/dossiers/${dossierId}/pages/${pageId}$`));
    await page.getByRole('heading', { name: 'Quét và nhập trang' }).waitFor();
    const viewer = page.getByTestId('ocr-viewer');
    await viewer.waitFor();
    expect(await viewer.getAttribute('data-page-id')).toBe(pageId);
    // The viewer opens before its text has loaded: wait for the text, not for the first render.
    await poll(() => viewer.textContent()).toContain(weakestTruth.text);
    // Closing the viewer returns to the dossier's own address (a reload does not reopen the page).
    await viewer.getByRole('button', { name: /Đóng/ }).click();
    await poll(() => page.url()).toMatch(new RegExp(`#/dossiers/${dossierId}$`));
    expect(await page.getByTestId('ocr-viewer').count()).toBe(0);
  });

  it('audits each correction with what the engine had read, and the page logged no errors', () => {
    const audit = app.core.db.prepare("SELECT details FROM audit_log WHERE action = 'ocr.correctWord' ORDER BY seq").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details) as { index: number; from: string; to: string })).toEqual([
      expect.objectContaining({ index: weakest.idx, from: weakest.text, to: weakestTruth.text }),
      expect.objectContaining({ index: second.idx, from: second.text, to: secondTruth.text }),
    ]);
    expect(errors).toEqual([]);
  });
});
