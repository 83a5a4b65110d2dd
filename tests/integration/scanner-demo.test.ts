import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { presetSettings } from '../../src-shared/scan/presets.js';
import { demoDevice, demoScan } from '../../src-main/scan/demo-scanner.js';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';

const dir = join(import.meta.dirname, '..', '..', 'assets', 'demo-pages');

async function collect(it: AsyncIterable<PageFrame>): Promise<PageFrame[]> {
  const out: PageFrame[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe('demo scanner and presets', () => {
  it('yields the sample Vietnamese pages as PNG with their real size and density', async () => {
    const pages = await collect(demoScan(dir, presetSettings('default', demoDevice)));
    expect(pages.length).toBe(4);
    // The default preset on a device with a duplex feeder: front, back, front, back.
    expect(pages.map((p) => `${p.sheet}${p.side}`)).toEqual(['0front', '0back', '1front', '1back']);
    for (const p of pages) {
      const meta = await sharp(p.data).metadata();
      expect([p.format, p.width, p.height, p.dpi]).toEqual(['png', meta.width, meta.height, 100]);
    }
  });

  it('the flatbed gives one page; a missing folder is NOT_FOUND', async () => {
    expect(await collect(demoScan(dir, presetSettings('id-card', demoDevice)))).toHaveLength(1);
    await expect(collect(demoScan('/nonexistent', presetSettings('gray', demoDevice)))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('presets pick the best source the device has', () => {
    expect(presetSettings('default', { sources: ['flatbed'] })).toEqual({ source: 'flatbed', mode: 'color', dpi: 200, pageSize: 'a4' });
    expect(presetSettings('bw', { sources: ['flatbed', 'adf'] })).toMatchObject({ source: 'adf', mode: 'lineart', dpi: 300 });
    expect(presetSettings('id-card', { sources: ['flatbed', 'adf', 'adf-duplex'] }).source).toBe('flatbed');
  });
});
