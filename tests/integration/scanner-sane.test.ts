import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { ScanSettings } from '../../src-shared/scan/scanner-device.js';
import { ScannerService } from '../../src-main/scan/scanner-service.js';
import { ensureAddonBuilt, saneConfigDir } from './scanner-test-env.js';

// SANE's `test` backend at 75 dpi: pages are 200 × 200 mm at most (its geometry limit), 590 × 590 px.
const base: ScanSettings = { source: 'flatbed', mode: 'color', dpi: 75, pageSize: 'a4' };

async function collect(job: AsyncIterable<PageFrame>): Promise<PageFrame[]> {
  const pages: PageFrame[] = [];
  for await (const page of job) pages.push(page);
  return pages;
}

let service: ScannerService;

beforeAll(() => {
  ensureAddonBuilt();
  service = new ScannerService({ hostEnv: { SANE_CONFIG_DIR: saneConfigDir() }, demoPagesDir: null });
});
afterAll(() => service.close());

describe('SANE test device through the scanner host', () => {
  it('lists test:0 with its sources and modes', async () => {
    const { devices, errors } = await service.listDevicesDetailed();
    expect(errors).toEqual([]);
    const test0 = devices.find((d) => d.id === 'sane:test:0');
    expect(test0).toBeDefined();
    expect(test0!.backend).toBe('sane');
    expect(test0!.sources).toEqual(expect.arrayContaining(['flatbed', 'adf']));
    expect(test0!.capabilities.modes).toEqual(expect.arrayContaining(['color', 'gray']));
  });

  it('scans one colour page from the flatbed', async () => {
    const pages = await collect(service.scan('sane:test:0', base));
    expect(pages).toHaveLength(1);
    const [page] = pages as [PageFrame];
    expect(page).toMatchObject({ index: 0, sheet: 0, side: 'front', channels: 3, depth: 8, dpi: 75, format: 'raw' });
    // 200 mm at 75 dpi = 590.55 px; the backend truncates.
    expect(page.width).toBe(Math.floor((200 / 25.4) * 75));
    expect(page.data.length).toBe(page.width * page.height * 3);
    // The colour test pattern really is colour: some pixel has red ≠ green.
    let coloured = 0;
    for (let i = 0; i < page.data.length; i += 3) if (page.data[i] !== page.data[i + 1]) coloured++;
    expect(coloured).toBeGreaterThan(1000);
  });

  it('scans grayscale and black-and-white', async () => {
    const [gray] = await collect(service.scan('test:0', { ...base, mode: 'gray' }));
    expect(gray).toMatchObject({ channels: 1, depth: 8 });
    expect(gray!.data.length).toBe(gray!.width * gray!.height);
    const [bw] = await collect(service.scan('test:0', { ...base, mode: 'lineart', dpi: 100 }));
    expect(bw).toMatchObject({ channels: 1, depth: 1, dpi: 100 });
    expect(bw!.data.length).toBe(Math.ceil(bw!.width / 8) * bw!.height);
  });

  it('scans an ADF batch of exactly the 10 sheets the feeder holds', async () => {
    const pages = await collect(service.scan('sane:test:0', { ...base, source: 'adf', mode: 'gray' }));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.map((p) => p.sheet)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.every((p) => p.side === 'front' && p.data.length === p.width * p.height)).toBe(true);
  });

  it('refuses duplex on a device without it, and an unknown device, with stable codes', async () => {
    await expect(collect(service.scan('sane:test:0', { ...base, source: 'adf-duplex' }))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(collect(service.scan('sane:nope:0', base))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Không tìm thấy máy quét') });
  });

  it('reports a jammed feeder as JAMMED', async () => {
    const jam = new ScannerService({ hostEnv: { SANE_CONFIG_DIR: saneConfigDir({ 'read-status-code': '"SANE_STATUS_JAMMED"' }) }, demoPagesDir: null });
    try {
      await expect(collect(jam.scan('sane:test:0', { ...base, source: 'adf' }))).rejects.toMatchObject({ code: 'JAMMED' });
    } finally {
      jam.close();
    }
  });
});
