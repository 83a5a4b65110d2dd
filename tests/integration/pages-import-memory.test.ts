import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyPagePdf, manyPageTiff } from '../fixtures/many-pages.js';
import { ensureMainBuilt, repoRoot } from '../helpers/built-main.js';

/**
 * Issue 17: a 5000-page PDF (under 1 MB) killed the app after 349 pages under a 4 GiB cap, and a
 * 1000-page TIFF did the same through import and `tiepnhan ocr`. Each run here is a child process
 * on main as shipped (dist/), whose own peak resident memory (VmHWM) must stay under 300 MB
 * whatever the page count. Pages are small (1 × 1.5 in) so thousands of them take minutes, not hours.
 */

const run = promisify(execFile);
const child = join(repoRoot, 'tests', 'fixtures', 'processes', 'many-pages-child.mjs');
const limitMb = 300;
let dir: string;

beforeAll(() => {
  ensureMainBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tiepnhan-many-pages-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function measure(args: string[]): Promise<Record<string, number | string | null>> {
  const { stdout } = await run(process.execPath, [child, ...args], { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
  const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number | string | null>;
  console.log(`${args[0]} ${args[1]!.split('/').at(-1)}: ${JSON.stringify(figures)} (limit ${limitMb} MB)`);
  return figures;
}

function file(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

const small = { widthPt: 72, heightPt: 108 };

describe('imports and OCR of many-page files in bounded memory', () => {
  it('imports a 5000-page PDF and a 1000-page TIFF page by page, under 300 MB peak RSS', async () => {
    const pdf = manyPagePdf(5000, small);
    expect(pdf.length).toBeLessThan(1024 * 1024);
    for (const [path, pages] of [
      [file('nam-nghin.pdf', pdf), 5000],
      [file('nghin.tif', manyPageTiff(1000, { width: 200, height: 300 })), 1000],
    ] as const) {
      const data = join(dir, `desk-${pages}`);
      mkdirSync(data);
      const r = await measure(['import', path, data]);
      expect(r).toMatchObject({ pages, state: 'done' });
      expect(r.peakMb).toBeLessThan(limitMb);
    }
  }, 900_000);

  it('tiepnhan ocr streams a 1000-page TIFF and a 1000-page PDF page by page, under 300 MB peak RSS', async () => {
    for (const path of [file('ocr-nghin.tif', manyPageTiff(1000, { width: 200, height: 300 })), file('ocr-nghin.pdf', manyPagePdf(1000, small))]) {
      const r = await measure(['ocr', path]);
      expect(r).toMatchObject({ code: 0, pages: 1000 });
      expect(r.peakMb).toBeLessThan(limitMb);
      // Streamed: the first page is out long before the last (it used to wait for every page).
      expect(r.firstPageSeconds as number).toBeLessThan((r.seconds as number) / 4);
    }
  }, 900_000);
});
