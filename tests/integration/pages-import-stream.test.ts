import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/contract/result.js';
import { syntheticFile } from '../fixtures/synthetic-page.js';
import { manyPagePdf, manyPageTiff } from '../fixtures/many-pages.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

/**
 * Imports of many pages through the commands of a real core: the page limits checked before
 * any work, a damaged page deep in a file, Cancel, and a failure while storing.
 */

let core: TestCore;
afterEach(() => core?.cleanup());

async function desk(limits?: { importMaxPagesPerFile?: number; importMaxPagesPerDossier?: number }) {
  core = makeCore();
  const token = await setUpDesk(core);
  if (limits) await core.must('settings.update', limits, token);
  const dossier = await core.must(
    'dossiers.create',
    { procedureCode: '2.000815', applicant: { fullName: 'Phạm Thị Lan', idNumber: '079185001234' }, components: [], pages: 1, copies: 1 },
    token,
  );
  const importFiles = (files: { name: string; data: Uint8Array }[]) =>
    core.call('pages.importFiles', { dossierId: dossier.id, files: files.map((f) => ({ name: f.name, base64: Buffer.from(f.data).toString('base64') })) }, token);
  return { token, dossierId: dossier.id, importFiles };
}

const count = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
const livePages = () => count("SELECT COUNT(*) AS n FROM pages WHERE status <> 'deleted'");
/** Image files in the desk's page store (named by SHA-256, in fan-out folders). */
const storedFiles = () =>
  !existsSync(join(core.dir, 'pages')) ? 0 : readdirSync(join(core.dir, 'pages'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(jpeg|png)$/.test(e.name)).length;

function problemOf<T>(r: Result<T>) {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('imports of many pages', () => {
  it('refuses a file over the per-file limit and an import over the per-dossier limit before any work, in Vietnamese', async () => {
    const d = await desk({ importMaxPagesPerFile: 10, importMaxPagesPerDossier: 12 });
    const eleven = manyPagePdf(11);
    const tooLong = problemOf(await d.importFiles([{ name: 'dai.pdf', data: eleven }]));
    expect(tooLong.problem).toEqual({ key: 'pages.fileTooManyPages', params: { file: 'dai.pdf', pages: 11, limit: 10 } });
    expect(tooLong.message).toBe('Tệp «dai.pdf» có 11 trang, quá giới hạn 10 trang mỗi tệp: không nhập trang nào. Hãy tách tệp, hoặc nhờ quản trị viên nâng giới hạn trong Cài đặt.');
    // Refused before any work: no batch was even opened.
    expect(count('SELECT COUNT(*) AS n FROM page_batches')).toBe(0);

    const both = problemOf(await d.importFiles([{ name: 'a.pdf', data: manyPagePdf(8) }, { name: 'b.pdf', data: manyPagePdf(5) }]));
    expect(both.problem).toEqual({ key: 'pages.dossierTooManyPages', params: { pages: 13, existing: 0, limit: 12 } });
    expect(livePages()).toBe(0);

    expect((await d.importFiles([{ name: 'a.pdf', data: manyPagePdf(8) }])).ok).toBe(true);
    const more = problemOf(await d.importFiles([{ name: 'b.pdf', data: manyPagePdf(5) }]));
    expect(more.problem).toEqual({ key: 'pages.dossierTooManyPages', params: { pages: 5, existing: 8, limit: 12 } });
    expect(livePages()).toBe(8);
  });

  it('a damaged page 3000 of a TIFF refuses the whole import, naming the page; nothing of it nor of the good file before it is stored', async () => {
    const d = await desk({ importMaxPagesPerFile: 5000, importMaxPagesPerDossier: 5000 });
    const good = await syntheticFile('jpeg', { dpi: 100 });
    const tiff = manyPageTiff(3000, { width: 64, height: 96, damaged: 2999 });
    const r = await d.importFiles([
      { name: 'tot.jpg', data: good },
      { name: 'so-dia-chinh.tif', data: tiff },
    ]);
    const error = problemOf(r);
    expect(error.code).toBe('VALIDATION');
    expect(error.problem).toEqual({ key: 'pages.pageUnreadable', params: { file: 'so-dia-chinh.tif', page: 3000 } });
    expect(error.message).toMatch(/^Trang 3000 của tệp «so-dia-chinh\.tif» bị hỏng hoặc không đọc được: không nhập trang nào/);
    expect(count('SELECT COUNT(*) AS n FROM pages')).toBe(0);
    expect(storedFiles()).toBe(0);
    expect(core.db.prepare('SELECT status FROM page_batches').all()).toEqual([{ status: 'failed' }]);
    // The same file without the damage goes in whole.
    const whole = await d.importFiles([{ name: 'so-dia-chinh.tif', data: manyPageTiff(40, { width: 64, height: 96 }) }]);
    expect(whole.ok && whole.value.pages.length).toBe(40);
  });

  it('Cancel stops an import after the page in hand and keeps every page already stored, in order', async () => {
    const d = await desk();
    const total = 60;
    let asked = false;
    const events: string[] = [];
    core.events.subscribe((name, payload) => {
      if (name !== 'pages.progress') return;
      const p = payload as { batchId: string; phase: string; done: number };
      events.push(p.phase);
      if (p.phase === 'storing' && p.done === 3 && !asked) {
        asked = true;
        void core.must('pages.cancelImport', { batchId: p.batchId }, d.token);
      }
    });
    const r = await d.importFiles([{ name: 'dai.pdf', data: manyPagePdf(total) }]);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.state).toBe('cancelled');
    const kept = r.value.pages.length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(total);
    expect(r.value.pages.map((p) => p.position)).toEqual(Array.from({ length: kept }, (_, i) => i + 1));
    expect(livePages()).toBe(kept);
    expect(core.db.prepare('SELECT status, received_pages FROM page_batches').get()).toEqual({ status: 'cancelled', received_pages: kept });
    // Every page was checked before the first was stored.
    expect(events.indexOf('storing')).toBe(total + 1);
    // A cancel after the end has nothing to stop; an unknown batch is named as such.
    expect(await core.must('pages.cancelImport', { batchId: r.value.batchId }, d.token)).toEqual({ done: true });
    expect(problemOf(await core.call('pages.cancelImport', { batchId: '00000000-0000-4000-8000-000000000000' }, d.token)).problem?.key).toBe('pages.importNotFound');
  });

  it('a failure while storing page 6 keeps the five stored before it and says so', async () => {
    const d = await desk();
    core.db.exec("CREATE TRIGGER full_disk BEFORE INSERT ON pages WHEN (SELECT COUNT(*) FROM pages) >= 5 BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const error = problemOf(await d.importFiles([{ name: 'dai.pdf', data: manyPagePdf(20) }]));
    expect(error.problem).toEqual({ key: 'pages.importStopped', params: { file: 'dai.pdf', page: 6, kept: 5 } });
    expect(error.message).toMatch(/5 trang đã lưu trước đó vẫn ở trong hồ sơ/);
    expect(livePages()).toBe(5);
    expect(core.db.prepare('SELECT status FROM page_batches').get()).toEqual({ status: 'failed' });
  });
});
