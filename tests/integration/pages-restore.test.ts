import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { saveRecognition } from '../../src-main/ocr/ocr-repo.js';
import type { Page } from '../../src-shared/contract/pages-commands.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.cleanup();
  core = undefined;
});

/** A real core with a signed-in admin and a draft dossier. */
async function desk() {
  core = makeCore();
  const token = await setUpDesk(core);
  const d = await core.must(
    'dossiers.create',
    {
      procedureCode: '2.000815',
      applicant: { fullName: 'Trần Văn Bình', idNumber: '079085001234' },
      components: [{ name: 'Bản chính giấy khai sinh', kind: 'original', quantity: 1, received: true }],
      pages: 3,
      copies: 1,
    },
    token,
  );
  return { c: core, token, dossierId: d.id };
}

/** Distinct small PNG pages (each a different grey, so each is its own stored file). */
const pngPage = async (grey: number) =>
  (await sharp({ create: { width: 300, height: 420, channels: 3, background: { r: grey, g: grey, b: grey } } })
    .composite([{ input: Buffer.from(`<svg width="300" height="420"><rect x="40" y="60" width="200" height="30" fill="black"/></svg>`), top: 0, left: 0 }])
    .png()
    .toBuffer()).toString('base64');

const seqNow = (c: TestCore) => (c.db.prepare('SELECT seq FROM change_counter').get() as { seq: number }).seq;
const ids = (pages: Page[]) => pages.map((p) => p.id);
const audits = (c: TestCore, action: string) =>
  (c.db.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { details: string }[]).map((r) => JSON.parse(r.details) as Record<string, unknown>);

async function threePages() {
  const d = await desk();
  const files = await Promise.all([200, 220, 240].map(async (g, i) => ({ name: `trang-${i + 1}.png`, base64: await pngPage(g) })));
  const { pages } = await d.c.must('pages.importFiles', { dossierId: d.dossierId, files }, d.token);
  expect(pages).toHaveLength(3);
  return { ...d, pages };
}

describe('pages.restore (undo of a delete)', () => {
  it('brings a deleted page back at its old position, pending again, audited, with a new seq', async () => {
    const { c, token, dossierId, pages } = await threePages();
    const [p1, p2, p3] = pages as [Page, Page, Page];
    const afterDelete = await c.must('pages.delete', { id: p2.id }, token);
    expect(ids(afterDelete)).toEqual([p1.id, p3.id]);
    const before = seqNow(c);

    const restored = await c.must('pages.restore', { id: p2.id }, token);
    expect(ids(restored)).toEqual([p1.id, p2.id, p3.id]);
    expect(restored.map((p) => p.position)).toEqual([1, 2, 3]);
    const back = restored[1]!;
    expect(back).toMatchObject({ status: 'pending', hasMaster: true, sha256: p2.sha256 });
    expect(seqNow(c)).toBe(before + 1);
    // The restored page and the page that moved down carry the new seq (the replication feed sees both).
    expect(back.seq).toBe(before + 1);
    expect(restored[2]!.seq).toBe(before + 1);
    expect(restored[0]!.seq).toBeLessThan(before + 1);
    expect(audits(c, 'pages.restore')).toEqual([{ pageId: p2.id, position: 2 }]);
    // Same list from a fresh read, and no deleted page left behind.
    expect(ids(await c.must('pages.list', { dossierId, includeDeleted: true }, token))).toEqual([p1.id, p2.id, p3.id]);
  });

  it('puts the page at the end when its old position is past the current order; a confirmed page stays confirmed', async () => {
    const { c, token, dossierId, pages } = await threePages();
    const [p1, p2, p3] = pages as [Page, Page, Page];
    await c.must('pages.confirm', { dossierId, ids: [p3.id] }, token);
    await c.must('pages.delete', { id: p3.id }, token);
    await c.must('pages.delete', { id: p1.id }, token);
    // p3 stood at 3; only p2 is left, so it comes back second (the end).
    const r = await c.must('pages.restore', { id: p3.id }, token);
    expect(ids(r)).toEqual([p2.id, p3.id]);
    expect(r[1]).toMatchObject({ position: 2, status: 'confirmed', hasMaster: false });
    // p1 stood at 1: back at the front.
    const r2 = await c.must('pages.restore', { id: p1.id }, token);
    expect(ids(r2)).toEqual([p1.id, p2.id, p3.id]);
  });

  it('refuses a live page and an unknown id, changing nothing', async () => {
    const { c, token, dossierId, pages } = await threePages();
    const before = seqNow(c);
    const live = await c.call('pages.restore', { id: pages[0]!.id }, token);
    expect(live.ok).toBe(false);
    if (!live.ok) {
      expect(live.error.code).toBe('CONFLICT');
      expect(live.error.message).toMatch(/chưa bị xóa/);
    }
    const unknown = await c.call('pages.restore', { id: '00000000-0000-4000-8000-000000000000' }, token);
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    expect(seqNow(c)).toBe(before);
    expect(audits(c, 'pages.restore')).toEqual([]);
    expect(ids(await c.must('pages.list', { dossierId, includeDeleted: false }, token))).toEqual(ids(pages));
  });

  it('makes the page text searchable again', async () => {
    const { c, token, pages } = await threePages();
    const page = pages[1]!;
    const text = 'Họ và tên: Nguyễn Văn Đường';
    saveRecognition(
      c.db,
      { page_id: page.id, sha256: page.sha256, raw_text: text, text, mean_confidence: 90, engine: 'test', width: 300, height: 420, created_at: '2026-03-02T02:00:00.000Z' },
      [],
    );
    const pageHits = async () => (await c.must('search.query', { query: 'nguyen van duong', limit: 20 }, token)).filter((h) => h.kind === 'page').map((h) => h.pageId);
    expect(await pageHits()).toEqual([page.id]);
    await c.must('pages.delete', { id: page.id }, token);
    expect(await pageHits()).toEqual([]);
    await c.must('pages.restore', { id: page.id }, token);
    expect(await pageHits()).toEqual([page.id]);
  });
});
