import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { ScanSettings } from '../../src-shared/scan/scanner-device.js';
import { EsclClient, esclBaseUrl } from '../../src-main/scan/escl/escl-client.js';
import { ScannerService } from '../../src-main/scan/scanner-service.js';
import { startEsclServer, type EsclTestServer } from './scanner-escl-server.js';

const adf: ScanSettings = { source: 'adf', mode: 'color', dpi: 200, pageSize: 'a4' };
let server: EsclTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function collect(it: AsyncIterable<PageFrame>): Promise<PageFrame[]> {
  const out: PageFrame[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe('eSCL client against a loopback eSCL server', () => {
  it('normalises scanner URLs', () => {
    expect(esclBaseUrl('http://10.0.0.5')).toBe('http://10.0.0.5/eSCL/');
    expect(esclBaseUrl('http://10.0.0.5:8080/eSCL/')).toBe('http://10.0.0.5:8080/eSCL/');
    expect(() => esclBaseUrl('ftp://x')).toThrow(expect.objectContaining({ code: 'INVALID' }));
  });

  it('reads capabilities: sources, modes, resolutions, duplex, size', async () => {
    server = await startEsclServer(0);
    const caps = await new EsclClient(server.url).capabilities();
    expect(caps.makeAndModel).toBe('Máy quét mạng thử eSCL');
    expect(caps.sources).toEqual(['flatbed', 'adf', 'adf-duplex']);
    expect(caps.capabilities.modes).toEqual(['color', 'gray', 'lineart']);
    expect(caps.capabilities.resolutions).toEqual([100, 200, 300]);
    expect(caps.colorModes).toEqual({ color: 'RGB24', gray: 'Grayscale8', lineart: 'BlackAndWhite1' });
    // 4200/300 inch = 355.6 mm (legal length)
    expect(caps.capabilities.maxHeightMm).toBe(356);
  });

  it('runs a 3-page ADF job: NextDocument until 404, retrying 503, pages with their real size', async () => {
    server = await startEsclServer(3);
    const client = new EsclClient(server.url);
    const pages = await collect(client.scan(adf));
    expect(pages.map((p) => [p.index, p.sheet, p.side, p.format])).toEqual([
      [0, 0, 'front', 'jpeg'],
      [1, 1, 'front', 'jpeg'],
      [2, 2, 'front', 'jpeg'],
    ]);
    for (const p of pages) {
      const meta = await sharp(p.data).metadata();
      expect([p.width, p.height, p.channels]).toEqual([meta.width, meta.height, 3]);
    }
    const [job] = [...server.jobs.values()];
    expect(job).toMatchObject({ source: 'Feeder', colorMode: 'RGB24', dpi: 200, duplex: false, deleted: false });
    expect((await client.status()).adfState).toBe('ScannerAdfEmpty');
  });

  it('duplex: two pages per sheet, front and back', async () => {
    server = await startEsclServer(2);
    const pages = await collect(new EsclClient(server.url).scan({ ...adf, source: 'adf-duplex' }));
    expect(pages.map((p) => `${p.sheet}${p.side}`)).toEqual(['0front', '0back', '1front', '1back']);
  });

  it('an empty feeder is NO_DOCS with a Vietnamese message', async () => {
    server = await startEsclServer(0);
    await expect(collect(new EsclClient(server.url).scan(adf))).rejects.toMatchObject({ code: 'NO_DOCS', message: expect.stringContaining('Khay nạp giấy trống') });
  });

  it('cancel through the service keeps the pages so far and DELETEs the job; the device is listed by the service', async () => {
    server = await startEsclServer(5);
    const service = new ScannerService({ hostEnv: { TIEPNHAN_SCANNER_ADDON_DIR: '/nonexistent' }, demoPagesDir: null });
    try {
      const device = await service.addEsclScanner(server.url);
      expect(device).toMatchObject({ backend: 'escl', sources: ['flatbed', 'adf', 'adf-duplex'] });
      expect((await service.listDevices()).map((d) => d.id)).toEqual([device.id]);
      const job = service.scan(device.id, { ...adf, mode: 'gray' });
      const pages: PageFrame[] = [];
      for await (const p of job) {
        pages.push(p);
        if (pages.length === 2) job.cancel();
      }
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThan(5);
      expect(pages[0]!.channels).toBe(1);
      await expect.poll(() => [...server!.jobs.values()][0]?.deleted).toBe(true);
    } finally {
      service.close();
    }
  });
});
