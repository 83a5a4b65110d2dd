import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src-shared/contract/events.js';
import type { ScanSettings } from '../../src-shared/scan/scanner-device.js';
import { ScannerService } from '../../src-main/scan/scanner-service.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { twoComponentDraft } from '../fixtures/pages-setup.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

/**
 * scan.* commands through the real core: SANE's `test` device in the real scanner host,
 * pages through imaging into the real page store and SQLite. Each test gives the core a
 * scanner service of its own whose host reads that test's SANE configuration.
 */

// Gray at 75 dpi keeps each A4 page small (about 620×877) so ten pages take a few seconds.
const adf: ScanSettings = { source: 'adf', mode: 'gray', dpi: 75, pageSize: 'a4' };
const flatbed: ScanSettings = { ...adf, source: 'flatbed' };
// 20 ms per read buffer: a few tenths of a second per page, time to act mid-batch.
const slow = { 'read-delay': 'true', 'read-delay-duration': 20000 };

type Progress = EventPayload<'scan.progress'>;

let core: TestCore;
beforeAll(() => ensureAddonBuilt());
afterEach(() => core?.cleanup());

async function desk(testConf: Record<string, string | number> = {}) {
  core = makeCore(undefined, undefined, { scanner: new ScannerService({ hostEnv: { SANE_CONFIG_DIR: saneConfigDir(testConf) } }) });
  const token = await setUpDesk(core);
  const dossier = await twoComponentDraft(core, token);
  const events: Progress[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'scan.progress') events.push(payload as Progress);
  });
  return { token, dossierId: dossier.id, events };
}

/** Resolves with the batch's final event; `onPage` runs on each stored page. */
function finished(events: Progress[], batchId: string, onPage: (e: Progress) => void = () => undefined): Promise<Progress> {
  let seen = 0;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const mine = events.filter((e) => e.batchId === batchId);
      for (const e of mine.slice(seen)) {
        seen++;
        if (e.pageId) onPage(e);
        if (e.state !== 'scanning') {
          clearInterval(timer);
          clearTimeout(limit);
          resolve(e);
          return;
        }
      }
    }, 10);
    const limit = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`batch ${batchId} did not finish`));
    }, 45_000);
  });
}

const batchIndexes = (batchId: string) =>
  (core.db.prepare('SELECT batch_index FROM pages WHERE batch_id = ? ORDER BY batch_index').all(batchId) as { batch_index: number }[]).map((r) => r.batch_index);
const batchRow = (batchId: string) => core.db.prepare('SELECT status, received_pages, last_error FROM page_batches WHERE id = ?').get(batchId) as { status: string; received_pages: number; last_error: string | null };

describe('scan commands through the core', () => {
  it('scans 10 sheets from the ADF into the dossier, page by page, with live progress', async () => {
    const { token, dossierId, events } = await desk();
    // The first list needs no probe: the demo scanner at once, the scanner host not even started.
    const quick = await core.must('scan.devices', { probe: false }, token);
    expect(quick.devices.map((d) => d.id)).toEqual(['demo:vi']);
    expect(core.scanner.hostPid).toBeUndefined();
    const listed = await core.must('scan.devices', {}, token);
    expect(listed.devices.map((d) => d.id)).toEqual(expect.arrayContaining(['sane:test:0', 'demo:vi']));
    // Afterwards the quick list has what the probe found.
    expect((await core.must('scan.devices', { probe: false }, token)).devices.map((d) => d.id).sort()).toEqual(listed.devices.map((d) => d.id).sort());

    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf, componentPosition: 1 }, token);
    const counts: number[] = [];
    const last = await finished(events, batchId, (e) => counts.push(e.pages));
    expect(last).toMatchObject({ state: 'done', pages: 10, dossierId });
    expect(last.error).toBeUndefined();
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const pages = await core.must('pages.list', { dossierId }, token);
    expect(pages).toHaveLength(10);
    expect(pages.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pages.every((p) => p.source === 'scan' && p.colourMode === 'gray' && p.dpi === 75 && p.componentPosition === 1)).toBe(true);
    expect(batchIndexes(batchId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batchRow(batchId)).toMatchObject({ status: 'done', received_pages: 10 });
    expect(await core.must('scan.active', { dossierId }, token)).toEqual([]);
  });

  it('a preset is resolved for the device (the demo scanner has a duplex feeder) and inserts in the middle', async () => {
    const { token, dossierId, events } = await desk();
    const first = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: flatbed }, token);
    await finished(events, first.batchId);
    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'demo:vi', preset: 'default', insertAt: 1 }, token);
    const last = await finished(events, batchId);
    expect(last).toMatchObject({ state: 'done', pages: 4 });
    const pages = await core.must('pages.list', { dossierId }, token);
    expect(pages).toHaveLength(5);
    // The flatbed page moved to the end; the demo pages took positions 1..4.
    expect(pages[4]!.dpi).toBe(75);
    expect(pages.slice(0, 4).every((p) => p.colourMode === 'color')).toBe(true);
    const details = JSON.parse((core.db.prepare('SELECT details FROM page_batches WHERE id = ?').get(batchId) as { details: string }).details) as { settings: ScanSettings };
    expect(details.settings).toMatchObject({ source: 'adf-duplex', mode: 'color', dpi: 200 });
  });

  it('refuses bad input and a busy device, storing nothing', async () => {
    const { token, dossierId, events } = await desk(slow);
    const unknown = await core.call('scan.start', { dossierId: '00000000-0000-4000-8000-000000000000', deviceId: 'sane:test:0', settings: adf }, token);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const noSettings = await core.call('scan.start', { dossierId, deviceId: 'sane:test:0' } as never, token);
    expect(noSettings).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const badComponent = await core.call('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf, componentPosition: 9 }, token);
    expect(badComponent).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM page_batches').get() as { n: number }).n).toBe(0);

    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf }, token);
    const busy = await core.call('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf }, token);
    expect(busy).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Máy quét đang bận') } });
    await core.must('scan.cancel', { batchId }, token);
    // Cancelled at once: the feeder stops after a page or two instead of emptying.
    expect((await finished(events, batchId)).pages).toBeLessThan(5);
  });

  it('cancel mid-batch keeps the pages scanned so far, and the next scan works', async () => {
    const { token, dossierId, events } = await desk(slow);
    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf }, token);
    expect(await core.must('scan.active', { dossierId }, token)).toMatchObject([{ batchId, state: 'scanning' }]);
    let cancelled = false;
    const last = await finished(events, batchId, (e) => {
      if (e.pages === 2 && !cancelled) {
        cancelled = true;
        void core.must('scan.cancel', { batchId }, token);
      }
    });
    expect(last.state).toBe('cancelled');
    expect(last.pages).toBeGreaterThanOrEqual(2);
    expect(last.pages).toBeLessThan(10);
    const pages = await core.must('pages.list', { dossierId }, token);
    expect(pages).toHaveLength(last.pages);
    expect(batchIndexes(batchId)).toEqual(pages.map((_, i) => i));
    expect(batchRow(batchId)).toMatchObject({ status: 'cancelled', received_pages: last.pages });

    const next = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: flatbed }, token);
    expect(await finished(events, next.batchId)).toMatchObject({ state: 'done', pages: 1 });
    expect(await core.must('pages.list', { dossierId }, token)).toHaveLength(last.pages + 1);
  });

  it('a SIGKILLed scanner host mid-batch: every page received is in the dossier once, a Vietnamese message, and a new scan works', async () => {
    const { token, dossierId, events } = await desk(slow);
    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf }, token);
    let killedPid: number | undefined;
    const last = await finished(events, batchId, (e) => {
      if (e.pages === 3 && killedPid === undefined) {
        killedPid = core.scanner.hostPid!;
        process.kill(killedPid, 'SIGKILL');
      }
    });
    expect(last.state).toBe('failed');
    expect(last.error).toMatchObject({ code: 'HOST_CRASHED', message: expect.stringContaining('Các trang đã quét được giữ lại') });
    expect(last.pages).toBeGreaterThanOrEqual(3);
    expect(last.pages).toBeLessThan(10);
    const pages = await core.must('pages.list', { dossierId }, token);
    expect(pages).toHaveLength(last.pages);
    expect(new Set(pages.map((p) => p.id)).size).toBe(pages.length);
    expect(batchIndexes(batchId)).toEqual(pages.map((_, i) => i));
    expect(batchRow(batchId)).toMatchObject({ status: 'failed', received_pages: last.pages });

    const next = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: flatbed }, token);
    expect(await finished(events, next.batchId)).toMatchObject({ state: 'done', pages: 1 });
    expect(core.scanner.hostPid).not.toBe(killedPid);
    expect(await core.must('pages.list', { dossierId }, token)).toHaveLength(last.pages + 1);
  });

  it('a jammed feeder ends the batch with the Vietnamese jam message', async () => {
    const { token, dossierId, events } = await desk({ 'read-status-code': '"SANE_STATUS_JAMMED"' });
    const { batchId } = await core.must('scan.start', { dossierId, deviceId: 'sane:test:0', settings: adf }, token);
    const last = await finished(events, batchId);
    expect(last).toMatchObject({ state: 'failed', error: { code: 'JAMMED', message: expect.stringContaining('kẹt giấy') } });
    expect(await core.must('pages.list', { dossierId }, token)).toHaveLength(last.pages);
  });
});
