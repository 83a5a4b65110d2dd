import { rmSync } from 'node:fs';
import type { Browser, Page as BrowserPage } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-server/server.js';
import { ADMIN_TOKEN, call, enroll, enrollmentCode, makeDossier, settleFileStore, startTestServer, targets, type TestServer } from '../server/harness.js';
import { adminPassword, login, openDesk, openDossier, poll as pollFor, receptionPoint, setUpAndLogIn, shot, startApp, type RunningApp, type Session } from './helpers.js';

/**
 * Sync end to end: a provincial server on PGlite, the desk app through the web host in
 * Chromium. Enroll in the UI, stop the server, receive a dossier with an imported page
 * (local only, offline message in Vietnamese), start the server again on the same data and
 * port, watch the dossier reach the province, set its status on the server and see status
 * and note appear on the desk without reload.
 */

const start = '2026-03-02T09:00:00+07:00';
const { agencyCode } = receptionPoint;

let server: TestServer;
let restarted: RunningServer | null = null;
let app: RunningApp;
let browser: Browser;
let page: BrowserPage;
let errors: string[];
let admin: Session;
let pointId: string;

const poll = <T,>(fn: () => Promise<T> | T) => pollFor(fn, 20_000, 200);

beforeAll(async () => {
  server = await startTestServer(targets[0]!);
  const point = await server.admin<{ id: string }>('/reception-points', 'POST', { agencyCode, name: 'UBND xã Tân Định' });
  if (point.status !== 201) throw new Error(JSON.stringify(point.body));
  pointId = point.body.id;
  app = await startApp(start);
  admin = await setUpAndLogIn(app, agencyCode);
  // As the launchers do; startApp leaves the engine to the test.
  app.core.sync.engine.start();
  ({ browser, page, errors } = await openDesk());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (restarted) {
    await restarted.close();
    await settleFileStore();
    rmSync(server.dataDir, { recursive: true, force: true });
  } else await server?.destroy();
});

async function pagePng(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 840, channels: 3, background: { r: 250, g: 250, b: 245 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="840"><text x="40" y="120" font-size="40">Giấy khai sinh</text></svg>') }])
    .png()
    .toBuffer();
}

describe('sync through the UI', () => {
  it('enrolls, works offline, syncs when the server is back, shows the province status live', async () => {
    await page.goto(app.host.url);
    await login(page, 'admin', adminPassword);
    await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click();
    await page.getByRole('heading', { name: 'Đồng bộ với máy chủ tỉnh' }).waitFor();
    await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe('Chưa đăng ký');

    const fill = async (url: string, code: string) => {
      await page.getByLabel('Địa chỉ máy chủ tỉnh', { exact: true }).fill(url);
      await page.getByLabel('Mã đăng ký', { exact: true }).fill(code);
      await page.getByLabel('Tên máy', { exact: true }).fill('Máy một cửa số 1');
      await page.getByRole('button', { name: 'Đăng ký máy' }).click();
    };
    // Plain HTTP off loopback, a wrong code, an address where nothing answers: each says why.
    await fill('http://motcua.tinh.example.vn', 'ABCDE-FGHIJ');
    await page.getByText('Máy chủ tỉnh phải dùng HTTPS').waitFor();
    await fill(server.url, 'ABCDE-FGHIJ');
    await page.getByText('Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.').waitFor();
    await fill('http://127.0.0.1:9', 'ABCDE-FGHIJ');
    await page.getByText('Không kết nối được máy chủ tỉnh tại địa chỉ này').waitFor();
    await fill(server.url, await enrollmentCode(server, pointId));
    await page.getByText(/Đã đăng ký máy với UBND xã Tân Định \(000\.00\.53\.H48\)/).waitFor();
    await poll(() => page.getByTestId('sync-last-success').textContent()).not.toBe('Chưa lần nào');
    await shot(page, 'sync-enrolled');

    // The province goes away.
    const port = Number(new URL(server.url).port);
    await server.server.close();

    const { id: dossierId } = await admin.must('dossiers.create', {
      procedureCode: '2.000815',
      applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' },
      // Empty: the procedure's required components are filled in from the catalogue.
      components: [],
      pages: 1,
      copies: 1,
    });
    await openDossier(page, dossierId);
    await page.getByLabel('Nhập tệp (JPEG, PNG, TIFF, PDF)', { exact: true }).setInputFiles({ name: 'khai-sinh.png', mimeType: 'image/png', buffer: await pagePng() });
    await poll(() => page.getByTestId('page-thumb').count()).toBe(1);
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const chip = page.getByTestId('sync-chip');
    await poll(() => chip.getAttribute('data-stage')).toBe('local_only');
    await expect(chip.textContent()).resolves.toContain('Chỉ trên máy');

    await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click();
    await poll(() => page.getByTestId('sync-last-error').textContent()).toContain('Không kết nối được máy chủ tỉnh');
    await poll(() => page.getByTestId('sync-state').textContent()).toBe('Mất kết nối, chờ thử lại');
    await expect(page.getByTestId('sync-queue').textContent()).resolves.toBe('1');
    await shot(page, 'sync-offline');
    // The error is main's problem key, so the English screen says it in English.
    await page.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }).click();
    await poll(() => page.getByTestId('sync-last-error').textContent()).toContain('Cannot reach the provincial server');
    await page.getByRole('button', { name: 'Switch language to Vietnamese' }).click();
    await poll(() => page.getByTestId('sync-last-error').textContent()).toContain('Không kết nối được máy chủ tỉnh');

    // The province is back on the same data and port; the clerk presses Sync now.
    restarted = await startServer({ port, dataDir: server.dataDir, adminToken: ADMIN_TOKEN, now: server.clock.now });
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await poll(() => page.getByTestId('sync-queue').textContent()).toBe('0');
    await poll(() => page.getByTestId('sync-last-error').textContent()).toBe('Không có');

    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const row = page.getByTestId('dossier-row').filter({ hasText: 'Nguyễn Thị Hồng Nhung' });
    await poll(() => row.getByTestId('sync-chip').getAttribute('data-stage')).toBe('at_province');
    await expect(row.getByTestId('sync-chip').textContent()).resolves.toContain('Đã đến tỉnh');
    await row.getByRole('link').click();
    await poll(() => page.getByTestId('sync-chip').getAttribute('data-stage')).toBe('at_province');

    // The province changes the status; the desk hears it over the live stream, no reload.
    const set = await fetch(`${server.url}/admin/api/dossiers/${dossierId}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'supplement_requested', note: 'Bổ sung bản sao sổ hộ khẩu' }),
    });
    expect(set.status).toBe(200);
    await poll(() => page.getByTestId('province-status').textContent()).toBe('Tỉnh yêu cầu bổ sung');
    await expect(page.getByTestId('province-note').textContent()).resolves.toContain('Bổ sung bản sao sổ hộ khẩu');
    await shot(page, 'sync-province-status');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);

  it('shows on the dossier why the province refused its code, and keeps it on the desk', async () => {
    // Another desk of the point already holds the code this desk will issue next (1001 went above).
    const other = await enroll(server, pointId, 'Máy khác');
    const taken = `${agencyCode}-260302-1002`;
    const pushed = await call(server, other, 'POST', '/sync/dossiers/push', [{ newDocumentState: makeDossier(other, { code: taken }) }]);
    expect(pushed.body).toEqual([]);
    const { id } = await admin.must('dossiers.create', {
      procedureCode: '2.000815',
      applicant: { fullName: 'Võ Thành Trung', idNumber: '079185001234' },
      components: [],
      pages: 1,
      copies: 1,
    });
    const received = (await admin.must('dossiers.receive', { id })) as { code: string };
    expect(received.code).toBe(taken);
    await openDossier(page, id);
    const refusal = page.getByTestId('sync-refusal');
    await poll(() => refusal.count()).toBe(1);
    await expect(refusal.textContent()).resolves.toBe('⚠ Tỉnh chưa nhận hồ sơ. Mã hồ sơ này đã được một hồ sơ khác dùng ở máy chủ tỉnh.');
    await expect(page.getByTestId('sync-chip').getAttribute('data-stage')).resolves.toBe('local_only');
    await shot(page, 'sync-code-refused');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 60_000);
});
