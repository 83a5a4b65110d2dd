/**
 * bench:scan — pages per minute from SANE's `test` device (ADF, 10 sheets, 200 dpi colour,
 * A4) through the whole pipeline (scanner host → imaging → page store → SQLite, via the
 * scan.start command of a real core), against `scanimage --batch` alone on the same device
 * in the same run (what the driver costs by itself; the ratio is the overhead our pipeline
 * adds). Also the mean stored bytes per page. Timings on shared 2-core machines are noisy:
 * read the ratio, not the absolute figures. The last line printed is one JSON object.
 *
 * Run: npm run bench:scan   (tsx tests/bench/scan-bench.ts)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventPayload } from '../../src-shared/contract/events.js';
import type { Page } from '../../src-shared/contract/pages-commands.js';
import type { ScanSettings } from '../../src-shared/scan/scanner-device.js';
import { makeCore, setUpDesk } from '../helpers/core.js';
import { ensureAddonBuilt, saneConfigDir } from '../integration/scanner-test-env.js';

const settings: ScanSettings = { source: 'adf', mode: 'color', dpi: 200, pageSize: 'a4' };
const sheets = 10; // The test device's feeder empties after 10 sheets (sane-test(5)).

function referenceScanimage(saneDir: string): { seconds: number; pages: number } {
  const out = mkdtempSync(join(tmpdir(), 'tiepnhan-bench-scanimage-'));
  const t0 = performance.now();
  try {
    execFileSync(
      'scanimage',
      ['-d', 'test', '--source', 'Automatic Document Feeder', '--mode', 'Color', '--resolution', '200', '-x', '210', '-y', '297', '--format=pnm', `--batch=${join(out, 'p%02d.pnm')}`],
      { env: { ...process.env, SANE_CONFIG_DIR: saneDir }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    // scanimage exits non-zero when the feeder runs out after the batch; the pages are written.
    if (readdirSync(out).length === 0) throw error;
  }
  const seconds = (performance.now() - t0) / 1000;
  const pages = readdirSync(out).length;
  rmSync(out, { recursive: true, force: true });
  return { seconds, pages };
}

async function pipeline(saneDir: string): Promise<{ seconds: number; pages: number; meanArchiveBytes: number }> {
  process.env.SANE_CONFIG_DIR = saneDir;
  const core = makeCore();
  try {
    const token = await setUpDesk(core);
    const dossier = await core.must(
      'dossiers.create',
      {
        procedureCode: '2.000815',
        applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '079185001234' },
        components: [{ name: 'Bản chính giấy khai sinh', kind: 'original', quantity: 1, received: true }],
        pages: 1,
        copies: 1,
      },
      token,
    );
    // Start the scanner host first: a desk starts it once, not per batch.
    await core.must('scan.devices', {}, token);
    let finish: (p: EventPayload<'scan.progress'>) => void = () => undefined;
    const finished = new Promise<EventPayload<'scan.progress'>>((resolve) => (finish = resolve));
    core.events.subscribe((name, payload) => {
      const p = payload as EventPayload<'scan.progress'>;
      if (name === 'scan.progress' && p.state !== 'scanning') finish(p);
    });
    const t0 = performance.now();
    await core.must('scan.start', { dossierId: dossier.id, deviceId: 'sane:test:0', settings }, token);
    const last = await finished;
    const seconds = (performance.now() - t0) / 1000;
    if (last.state !== 'done') throw new Error(`scan ended ${last.state}: ${JSON.stringify(last.error)}`);
    const pages = (await core.must('pages.list', { dossierId: dossier.id }, token)) as Page[];
    const meanArchiveBytes = Math.round(pages.reduce((n, p) => n + p.bytes, 0) / pages.length);
    // The archive image each page row points at. (Not the store folder's size: the test device
    // sends identical sheets and the store is content-addressed, so they are kept once.)
    return { seconds, pages: pages.length, meanArchiveBytes };
  } finally {
    core.cleanup();
  }
}

ensureAddonBuilt();
const saneDir = saneConfigDir();
const reference = referenceScanimage(saneDir);
console.log(`scanimage --batch: ${reference.pages} pages in ${reference.seconds.toFixed(2)} s`);
const ours = await pipeline(saneDir);
console.log(`TiepNhan pipeline: ${ours.pages} pages in ${ours.seconds.toFixed(2)} s, ${ours.meanArchiveBytes} B/page stored`);
rmSync(saneDir, { recursive: true, force: true });

const perMinute = (pages: number, seconds: number) => Math.round((pages / seconds) * 60 * 10) / 10;
const result = {
  bench: 'scan',
  device: 'sane:test:0',
  settings,
  sheets,
  pages: ours.pages,
  pagesPerMinute: perMinute(ours.pages, ours.seconds),
  scanimagePagesPerMinute: perMinute(reference.pages, reference.seconds),
  scanimagePages: reference.pages,
  // Pipeline time over scanimage time for the same batch (1 = no overhead).
  overheadRatio: Math.round((ours.seconds / reference.seconds) * 100) / 100,
  meanStoredBytesPerPage: ours.meanArchiveBytes,
};
console.log(JSON.stringify(result));
