import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pagePosition, type PageFrame } from '../../src-shared/scan/page-frame.js';
import { ScanError } from '../../src-shared/scan/scan-errors.js';
import type { ScanSettings, ScannerDevice } from '../../src-shared/scan/scanner-device.js';
import { pngInfo } from './image-info.js';

/** The virtual scanner that lets the app be tried with no hardware: it "scans" sample Vietnamese pages. */
export const demoDevice: ScannerDevice = {
  id: 'demo:vi',
  name: 'Máy quét thử (trang mẫu tiếng Việt) / Demo scanner',
  backend: 'demo',
  vendor: 'TiepNhan',
  model: 'demo',
  sources: ['flatbed', 'adf', 'adf-duplex'],
  capabilities: { resolutions: [100], modes: ['color', 'gray', 'lineart'] },
};

/**
 * Yields the PNG pages in `dir` (sorted by name) as a feeder would: all of them from the ADF,
 * the first one from the flatbed. Duplex marks them front/back in turn (the samples are
 * written so that pairs read as two sides of one sheet).
 */
export async function* demoScan(dir: string, settings: ScanSettings, signal?: AbortSignal): AsyncGenerator<PageFrame> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.png')).sort();
  } catch (error) {
    throw new ScanError('NOT_FOUND', `demo pages: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new ScanError('NO_DOCS', `no demo pages in ${dir}`);
  const chosen = settings.source === 'flatbed' ? names.slice(0, 1) : names;
  const duplex = settings.source === 'adf-duplex';
  for (const [index, name] of chosen.entries()) {
    if (signal?.aborted) return;
    const data = await readFile(join(dir, name));
    const info = pngInfo(data);
    yield { index, ...pagePosition(index, duplex), width: info.width, height: info.height, channels: info.channels, depth: 8, dpi: info.dpi ?? 100, format: 'png', data };
  }
}
