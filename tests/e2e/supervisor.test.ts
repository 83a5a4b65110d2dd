import type { Browser, BrowserContext, Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePage } from '../helpers/desk-people.js';
import { deskContext, launchChromium, login, poll, setUpAndLogIn, shot, startApp, watchErrors, type RunningApp, type Session } from './helpers.js';

/**
 * The supervisor's desk end to end in Chromium through the real web host, two windows side by
 * side: a clerk's dossier appears live in the review queue of the supervisor's window; sent back
 * with two reasons; the clerk sees it first in the list with the reasons, rescans page 1 with the
 * demo scanner and resubmits; the supervisor approves; with review before sync on, it moves to
 * "ready to sync". No window is reloaded along the way.
 */
const start = '2026-03-02T09:00:00+07:00';
const password = 'mat-khau-can-bo-2026';

let app: RunningApp;
let browser: Browser;
let admin: Session;
let lan: Session;
let clerk: { context: BrowserContext; page: BrowserPage; errors: string[] };
let lead: { context: BrowserContext; page: BrowserPage; errors: string[] };
let dossierId: string;

async function window(): Promise<{ context: BrowserContext; page: BrowserPage; errors: string[] }> {
  const context = await deskContext(browser);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const count = (page: BrowserPage, queue: string) => page.getByTestId(`queue-count-${queue}`).textContent().then((t) => Number(t));
const rows = (page: BrowserPage) => page.getByTestId('queue-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-dossier-id')));

beforeAll(async () => {
  app = await startApp(start);
  admin = await setUpAndLogIn(app);
  await admin.must('users.create', { username: 'lan', fullName: 'Nguyễn Thị Lan', role: 'clerk', password });
  await admin.must('users.create', { username: 'truong', fullName: 'Trần Văn Trưởng', role: 'supervisor', password });
  await admin.must('settings.update', { reviewBeforeSync: true });
  const session = await app.core.dispatch('auth.login', { username: 'lan', password }, null);
  if (!session.ok) throw new Error(JSON.stringify(session.error));
  const token = (session.value as { sessionToken: string }).sessionToken;
  lan = {
    token,
    must: (async (name: string, input: unknown) => {
      const r = await app.core.dispatch(name, input, token);
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.value;
    }) as Session['must'],
  };
  browser = await launchChromium();
  clerk = await window();
  lead = await window();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the supervisor's desk in two windows", () => {
  it("a clerk's dossier appears live in the supervisor's review queue", async () => {
    await lead.page.goto(`${app.host.url}#/queues/waiting_review`);
    await login(lead.page, 'truong', password);
    await lead.page.getByRole('heading', { name: 'Bàn giám sát — hàng đợi hồ sơ' }).waitFor();
    await poll(() => count(lead.page, 'waiting_review')).toBe(0);

    await clerk.page.goto(app.host.url);
    await login(clerk.page, 'lan', password);
    const d = await lan.must('dossiers.create', {
      procedureCode: '1.004873',
      applicant: { fullName: 'Lê Thị Hoa', idNumber: '079185001234' },
      components: [
        { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', kind: 'original', quantity: 1, received: true },
        { name: 'Giấy tờ chứng minh đã ly hôn', kind: 'certified_copy', quantity: 1, received: true },
      ],
    });
    dossierId = d.id;
    await lan.must('dossiers.receive', { id: d.id });
    await poll(() => count(lead.page, 'waiting_scan')).toBe(1);
    for (const c of [1, 2]) await lan.must('pages.importFiles', { dossierId, componentPosition: c, files: [{ name: `trang-${c}.png`, base64: samplePage(c) }] });
    await poll(() => count(lead.page, 'waiting_review')).toBe(1);
    await poll(() => rows(lead.page)).toEqual([dossierId]);
    await shot(lead.page, 'supervisor-01-review-queue');
  });

  it('the supervisor sends it back with two reasons, from the keyboard', async () => {
    await lead.page.getByTestId('queue-row').first().click();
    await lead.page.getByRole('heading', { name: /Kiểm tra chất lượng số hóa/ }).waitFor();
    await poll(() => lead.page.getByTestId('review-page').count()).toBe(2);
    // Page 1 blurred (key 1), page 2 upside down (key 5).
    await lead.page.keyboard.press('1');
    await lead.page.keyboard.press('PageDown');
    await lead.page.keyboard.press('5');
    await lead.page.getByLabel('Ghi chú cho trang này').fill('Trang bị lộn ngược');
    await shot(lead.page, 'supervisor-02-review');
    await lead.page.getByRole('button', { name: 'Trả lại cán bộ (2 lỗi)' }).click();
    await lead.page.getByRole('heading', { name: 'Chờ kiểm tra chất lượng', level: 2 }).waitFor();
    await poll(() => count(lead.page, 'sent_back')).toBe(1);
    expect(await count(lead.page, 'waiting_review')).toBe(0);
    const review = await admin.must('review.get', { dossierId });
    expect(review.decisions[0]!.findings.map((f) => [f.pagePosition, f.reason, f.note])).toEqual([
      [1, 'blurred', ''],
      [2, 'upside_down', 'Trang bị lộn ngược'],
    ]);
  });

  it('the clerk sees it first in the list with the reasons, rescans page 1 with the demo scanner and resubmits', async () => {
    // Another dossier of the clerk's, newer: the returned one still comes first.
    await lan.must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Trần Văn Bình', idNumber: '079085001234' }, components: [], pages: 1, copies: 1 });
    await clerk.page.getByRole('heading', { name: 'Danh sách hồ sơ' }).waitFor();
    await poll(() => clerk.page.getByTestId('dossier-row').count()).toBe(2);
    const first = clerk.page.getByTestId('dossier-row').first();
    await poll(() => first.getByTestId('returned-reasons').textContent()).toBe('Đã trả lại: Bị mờ, Bị ngược');
    expect(await clerk.page.getByTestId('dossier-row').nth(1).textContent()).toContain('Trần Văn Bình');
    await shot(clerk.page, 'supervisor-03-clerk-list');

    await first.click();
    await clerk.page.getByTestId('returned-panel').waitFor();
    expect(await clerk.page.getByTestId('return-reason').allTextContents()).toEqual(['Trang 1: Bị mờ', 'Trang 2: Bị ngược — Trang bị lộn ngược']);
    const before = (await lan.must('pages.list', { dossierId })).map((p) => p.id);
    const scanner = clerk.page.getByLabel('Máy quét', { exact: true });
    await poll(() => scanner.locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Máy quét thử')]));
    await scanner.selectOption('demo:vi');
    // The flatbed preset: the demo scanner gives one sheet, which replaces page 1.
    await clerk.page.getByLabel('Chế độ quét', { exact: true }).selectOption('id-card');
    await clerk.page.getByRole('button', { name: 'Quét lại trang 1' }).click();
    await poll(async () => {
      const ids = (await lan.must('pages.list', { dossierId })).map((p) => p.id);
      return ids.length === 2 && ids[0] !== before[0] && ids[1] === before[1];
    }).toBe(true);
    await shot(clerk.page, 'supervisor-04-rescanned');
    await clerk.page.getByRole('button', { name: 'Gửi kiểm tra lại' }).click();
    await clerk.page.getByText('Đã gửi kiểm tra lại.').waitFor();
    await poll(() => count(lead.page, 'waiting_review')).toBe(1);
    expect(await count(lead.page, 'sent_back')).toBe(0);
  });

  it('the supervisor approves it and it moves to "ready to sync"', async () => {
    expect(await count(lead.page, 'ready_to_sync')).toBe(0);
    await lead.page.getByTestId('queue-row').first().click();
    await lead.page.getByRole('heading', { name: /Kiểm tra chất lượng số hóa/ }).waitFor();
    await poll(() => lead.page.getByTestId('review-page').count()).toBe(2);
    await lead.page.keyboard.press('o');
    await lead.page.keyboard.press('o');
    await lead.page.getByRole('button', { name: 'Duyệt hồ sơ' }).click();
    await poll(() => count(lead.page, 'ready_to_sync')).toBe(1);
    expect(await count(lead.page, 'waiting_review')).toBe(0);
    await lead.page.getByTestId('queue-ready_to_sync').click();
    await poll(() => rows(lead.page)).toEqual([dossierId]);
    await shot(lead.page, 'supervisor-05-ready-to-sync');
    expect((await admin.must('review.get', { dossierId })).state).toBe('approved');
    expect([...clerk.errors, ...lead.errors]).toEqual([]);
  });
});
