import type { Browser, Page as BrowserPage } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyPagePdf } from '../fixtures/many-pages.js';
import { ensureAddonBuilt, saneConfigDir } from '../integration/scanner-test-env.js';
import { adminPassword, login, openDesk, openDossier, poll, setUpAndLogIn, shot, startApp, type RunningApp, type Session } from './helpers.js';

/**
 * The scanning desk end to end in Debian's Chromium through the real web host: ten sheets
 * from SANE's `test` device (the core's scanner host inherits SANE_CONFIG_DIR from this
 * process) into a dossier, pages assigned to two components (buttons and drag and drop),
 * reordered, rotated and undone, one deleted, a 3-page PDF imported; pages.list checked.
 */

const start = '2026-03-02T09:00:00+07:00';
const components = ['Bản chính giấy khai sinh', 'Giấy chứng nhận quyền sử dụng đất'];

let app: RunningApp;
let browser: Browser;
let page: BrowserPage;
let errors: string[];
let admin: Session;
let dossierId: string;
const savedSane = process.env.SANE_CONFIG_DIR;

const listPages = () => admin.must('pages.list', { dossierId, includeDeleted: false });
const thumbs = () => page.getByTestId('page-thumb');
const thumbIds = () => thumbs().evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')!));

async function threePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 3; i++) {
    // A5 at 72 pt/inch; rendered at 200 dpi by the import.
    const p = doc.addPage([420, 595]);
    p.drawText(`Trang PDF so ${i}`, { x: 50, y: 500, size: 24, font });
  }
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  ensureAddonBuilt();
  process.env.SANE_CONFIG_DIR = saneConfigDir();
  app = await startApp(start);
  admin = await setUpAndLogIn(app);
  const dossier = await admin.must('dossiers.create', {
    procedureCode: '2.000815',
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' },
    components: components.map((name) => ({ name, kind: 'original', quantity: 1, received: true })),
    pages: 2,
    copies: 1,
  });
  dossierId = dossier.id;
  ({ browser, page, errors } = await openDesk());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedSane;
});

describe('scanning desk in the browser', () => {
  it('scans 10 sheets from the SANE test device with live progress and thumbnails', async () => {
    await page.goto(app.host.url);
    await login(page, 'admin', adminPassword);
    await openDossier(page, dossierId);
    await page.getByRole('heading', { name: 'Quét và nhập trang' }).waitFor();
    const scanner = page.getByLabel('Máy quét', { exact: true });
    await poll(() => scanner.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Máy quét thử')]));
    await scanner.selectOption('sane:test:0');
    // Grayscale 200 dpi: the smallest preset page, to keep the test fast.
    await page.getByLabel('Chế độ quét', { exact: true }).selectOption('gray');
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    await page.getByRole('button', { name: 'Dừng quét' }).waitFor();
    await page.getByTestId('scan-status').and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
    await poll(() => thumbs().count()).toBe(10);
    await poll(() => page.locator('[data-testid="page-thumb"] img').count()).toBe(10);
    await shot(page, 'scan-01-scanned');
    expect((await listPages()).map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 90_000);

  it('assigns pages to two components by selection and by drag and drop', async () => {
    for (let n = 1; n <= 5; n++) await page.getByLabel(`Chọn trang ${n}`, { exact: true }).check();
    await page.getByRole('button', { name: `Gán 5 trang đã chọn vào “${components[0]}”` }).click();
    await poll(async () => (await listPages()).filter((p) => p.componentPosition === 1).length).toBe(5);

    // Page 6 dragged onto the second component.
    await thumbs().nth(5).dragTo(page.getByTestId('component-target-2'));
    await poll(async () => (await listPages())[5]!.componentPosition).toBe(2);
    for (let n = 7; n <= 10; n++) await page.getByLabel(`Chọn trang ${n}`, { exact: true }).check();
    await page.getByRole('button', { name: `Gán 4 trang đã chọn vào “${components[1]}”` }).click();
    await poll(async () => (await listPages()).map((p) => p.componentPosition)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('reorders with buttons and drag, rotates and undoes, deletes one page', async () => {
    const before = await thumbIds();
    await page.getByRole('button', { name: 'Đưa trang 10 lên' }).click();
    const afterUp = [...before.slice(0, 8), before[9]!, before[8]!];
    await poll(thumbIds).toEqual(afterUp);

    // Drag page 1 onto page 3: it takes position 3.
    await thumbs().nth(0).dragTo(thumbs().nth(2));
    const afterDrag = [afterUp[1]!, afterUp[2]!, afterUp[0]!, ...afterUp.slice(3)];
    await poll(thumbIds).toEqual(afterDrag);

    await page.getByRole('button', { name: 'Xoay trang 1 90°' }).click();
    await poll(async () => (await listPages())[0]!.rotation).toBe(90);
    await page.getByRole('button', { name: /Hoàn tác: xoay trang/ }).click();
    await poll(async () => (await listPages())[0]!.rotation).toBe(0);

    await page.getByRole('button', { name: 'Xóa trang 2', exact: true }).click();
    const afterDelete = [afterDrag[0]!, ...afterDrag.slice(2)];
    await poll(thumbIds).toEqual(afterDelete);
    expect((await listPages()).map((p) => p.id)).toEqual(afterDelete);
  });

  it('imports a 3-page PDF at the end with progress, and pages.list has everything in order', async () => {
    const kept = await thumbIds();
    await page.getByLabel('Các trang tiếp theo vào thành phần', { exact: true }).selectOption('2');
    await page.getByLabel('Nhập tệp (JPEG, PNG, TIFF, PDF)', { exact: true }).setInputFiles({ name: 'giay-to-kem-theo.pdf', mimeType: 'application/pdf', buffer: await threePagePdf() });
    await page.getByText('Đã nhập 3 trang.').waitFor({ timeout: 30_000 });
    await poll(() => thumbs().count()).toBe(12);
    await shot(page, 'scan-02-arranged');

    const pages = await listPages();
    expect(pages.map((p) => p.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(pages.slice(0, 9).map((p) => p.id)).toEqual(kept);
    expect(pages.slice(0, 9).every((p) => p.source === 'scan' && p.colourMode === 'gray' && p.dpi === 200)).toBe(true);
    expect(pages.slice(9).map((p) => [p.source, p.sourceName, p.componentPosition])).toEqual([
      ['import', 'giay-to-kem-theo.pdf', 2],
      ['import', 'giay-to-kem-theo.pdf', 2],
      ['import', 'giay-to-kem-theo.pdf', 2],
    ]);
    // The deleted scanned page stays in the table, out of the order.
    const deleted = (await admin.must('pages.list', { dossierId, includeDeleted: true })).filter((p) => p.status === 'deleted');
    expect(deleted).toHaveLength(1);
    expect(pages.filter((p) => p.componentPosition === 1).length + pages.filter((p) => p.componentPosition === 2).length).toBe(12);
    expect(errors).toEqual([]);
  });

  it('page card buttons each have a name, a drawn icon, a tooltip with their shortcut and a visible focus; shortcuts work', async () => {
    const card = thumbs().nth(1);
    const buttons = card.getByRole('button');
    const count = await buttons.count();
    // Six page buttons and "Xem chữ".
    expect(count).toBe(7);
    for (let i = 0; i < count; i++) {
      const b = buttons.nth(i);
      const name = (await b.getAttribute('aria-label')) ?? '';
      expect(name, `button ${i}`).toMatch(/trang 2/);
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
      expect(await b.getAttribute('data-tip')).toMatch(/\((Alt\+[↑↓]|[A-Z]|Delete)\)$/);
      const box = await b.boundingBox();
      expect(box!.width).toBeGreaterThan(20);
      expect(box!.height).toBeGreaterThan(20);
      // The icon is drawn: an SVG whose strokes cover a real area (not an empty box or a missing glyph).
      const drawn = await b.locator('svg').evaluate((svg) => {
        const r = (svg as SVGGraphicsElement).getBBox();
        return { w: r.width, h: r.height, paths: svg.querySelectorAll('path, line, rect, polyline, circle').length };
      });
      expect(drawn.w).toBeGreaterThan(4);
      expect(drawn.h).toBeGreaterThan(4);
      expect(drawn.paths).toBeGreaterThan(0);
    }
    await card.getByRole('checkbox').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { label: el.getAttribute('aria-label'), outline: style.outlineStyle, width: style.outlineWidth, tip: getComputedStyle(el, '::after').content };
    });
    expect(focused).toMatchObject({ label: 'Xem ảnh và chữ của trang 2', outline: 'solid', width: '3px' });
    expect(focused.tip).toContain('(V)');
    await shot(page, 'scan-03-card-focus');
    // R on a focused card turns its page; the Undo button turns it back.
    const id = (await thumbIds())[1]!;
    await page.keyboard.press('r');
    await poll(async () => (await listPages()).find((p) => p.id === id)!.rotation).toBe(90);
    await page.getByRole('button', { name: /Hoàn tác: xoay trang/ }).click();
    await poll(async () => (await listPages()).find((p) => p.id === id)!.rotation).toBe(0);
  });

  it('shows a long import checked then stored with a progress bar, and Stop keeps the pages already stored', async () => {
    const before = (await listPages()).length;
    await page.getByLabel('Nhập tệp (JPEG, PNG, TIFF, PDF)', { exact: true }).setInputFiles({ name: 'dai.pdf', mimeType: 'application/pdf', buffer: manyPagePdf(600, { widthPt: 72, heightPt: 108 }) });
    const progress = page.getByTestId('import-progress');
    await progress.and(page.locator('[data-phase="storing"]')).waitFor({ timeout: 60_000 });
    await poll(async () => (await listPages()).length).toBeGreaterThan(before + 2);
    await shot(page, 'scan-04-import-progress');
    await page.getByRole('button', { name: 'Dừng nhập' }).click();
    const notice = page.getByText(/^Đã dừng nhập; giữ lại \d+ trang đã nhập\.$/);
    await notice.waitFor({ timeout: 30_000 });
    const kept = Number((await notice.textContent())!.match(/\d+/)![0]);
    expect(kept).toBeGreaterThan(2);
    expect(kept).toBeLessThan(600);
    expect((await listPages()).length).toBe(before + kept);
    await poll(() => thumbs().count()).toBe(before + kept);
    expect(errors).toEqual([]);
  });
});
