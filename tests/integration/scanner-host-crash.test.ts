import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { ScanSettings } from '../../src-shared/scan/scanner-device.js';
import { ScannerService } from '../../src-main/scan/scanner-service.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

// Gray at 75 dpi with a 20 ms delay per buffer: a few tenths of a second per page, so there is
// time to act mid-batch while the 10-sheet feeder is still going.
const adf: ScanSettings = { source: 'adf', mode: 'gray', dpi: 75, pageSize: 'a4' };
const slowSane = () => saneConfigDir({ 'read-delay': 'true', 'read-delay-duration': 20000 });

let services: ScannerService[] = [];
function makeService(options: ConstructorParameters<typeof ScannerService>[0]): ScannerService {
  const s = new ScannerService({ demoPagesDir: null, ...options });
  services.push(s);
  return s;
}

beforeAll(() => ensureAddonBuilt());
afterEach(() => {
  for (const s of services) s.close();
  services = [];
});

/** Takes pages until `after` of them arrived, then runs `act`; returns every page and the error that ended the batch. */
async function scanAndAct(job: AsyncIterable<PageFrame>, after: number, act: () => void): Promise<{ pages: PageFrame[]; error: unknown }> {
  const pages: PageFrame[] = [];
  try {
    for await (const page of job) {
      pages.push(page);
      if (pages.length === after) act();
    }
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

function expectContiguous(pages: PageFrame[]): void {
  expect(pages.map((p) => p.index)).toEqual(pages.map((_, i) => i));
  expect(new Set(pages.map((p) => p.index)).size).toBe(pages.length);
}

describe('scanner host failures', () => {
  it('cancel mid-batch ends the scan normally and keeps the pages read so far', async () => {
    const service = makeService({ hostEnv: { SANE_CONFIG_DIR: slowSane() } });
    const job = service.scan('sane:test:0', adf);
    const { pages, error } = await scanAndAct(job, 2, () => job.cancel());
    expect(error).toBeNull();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThan(10);
    expectContiguous(pages);
    // The device is usable again straight away.
    const again = await scanAndAct(service.scan('sane:test:0', { ...adf, source: 'flatbed' }), 99, () => undefined);
    expect(again.error).toBeNull();
    expect(again.pages).toHaveLength(1);
  });

  it('a SIGKILLed host mid-batch: pages received before the crash are kept, none twice, and the host comes back', async () => {
    const restarts: string[] = [];
    const service = makeService({ hostEnv: { SANE_CONFIG_DIR: slowSane() }, onHostRestart: (code) => restarts.push(code) });
    await service.startHost();
    const firstPid = service.hostPid!;
    const { pages, error } = await scanAndAct(service.scan('sane:test:0', adf), 3, () => process.kill(firstPid, 'SIGKILL'));
    expect(error).toMatchObject({ code: 'HOST_CRASHED', message: expect.stringContaining('Các trang đã quét được giữ lại') });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThan(10);
    expectContiguous(pages);
    expect(pages.every((p) => p.data.length === p.width * p.height)).toBe(true);
    expect(restarts).toEqual(['HOST_CRASHED']);

    // A new scan works on the restarted host, and it is a different process.
    const next = await scanAndAct(service.scan('sane:test:0', { ...adf, source: 'flatbed' }), 99, () => undefined);
    expect(next.error).toBeNull();
    expect(next.pages).toHaveLength(1);
    expect(service.hostPid).toBeDefined();
    expect(service.hostPid).not.toBe(firstPid);
  });

  it('a hung host (stopped, no heartbeat) is killed, reported as HOST_TIMEOUT and replaced', async () => {
    const service = makeService({ hostEnv: { SANE_CONFIG_DIR: slowSane() }, heartbeatTimeoutMs: 1500 });
    await service.startHost();
    const firstPid = service.hostPid!;
    const { pages, error } = await scanAndAct(service.scan('sane:test:0', adf), 1, () => process.kill(firstPid, 'SIGSTOP'));
    expect(error).toMatchObject({ code: 'HOST_TIMEOUT' });
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expectContiguous(pages);
    const next = await scanAndAct(service.scan('sane:test:0', { ...adf, source: 'flatbed' }), 99, () => undefined);
    expect(next.pages).toHaveLength(1);
    expect(service.hostPid).not.toBe(firstPid);
  });
});

describe('addon missing', () => {
  it('the loader throws ADDON_MISSING with a Vietnamese and English message, not a crash', () => {
    const require = createRequire(import.meta.url);
    const { loadScannerAddon } = require(join(import.meta.dirname, '..', '..', 'native-scanner', 'index.js')) as {
      loadScannerAddon(dir?: string): unknown;
    };
    expect(() => loadScannerAddon('/nonexistent-addon-dir')).toThrow(expect.objectContaining({ code: 'ADDON_MISSING', message: expect.stringMatching(/Thiếu mô-đun máy quét.*scanner module/) }));
  });

  it('the service keeps running: the host reports it, demo scanning still works, SANE scans fail clearly', async () => {
    const service = makeService({ hostEnv: { TIEPNHAN_SCANNER_ADDON_DIR: '/nonexistent-addon-dir' }, demoPagesDir: join(import.meta.dirname, '..', '..', 'assets', 'demo-pages') });
    expect(await service.startHost()).toMatchObject({ backend: null, error: { code: 'ADDON_MISSING' } });
    const listing = await service.listDevicesDetailed();
    expect(listing.devices.map((d) => d.backend)).toEqual(['demo']);
    expect(listing.errors.map((e) => e.error.code)).toEqual(['ADDON_MISSING']);
    const result = await scanAndAct(service.scan('sane:test:0', adf), 99, () => undefined);
    expect(result.pages).toEqual([]);
    expect(result.error).toMatchObject({ code: 'ADDON_MISSING', message: expect.stringContaining('Thiếu mô-đun máy quét') });
  });
});
