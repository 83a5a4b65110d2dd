import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ocrCommand } from '../../src-main/cli/commands/ocr.js';
import { searchCommand } from '../../src-main/cli/commands/search.js';
import type { CliContext } from '../../src-main/cli/cli-command.js';
import { characterErrorRate } from '../../src-shared/text/error-rate.js';
import { renderTextPage } from '../fixtures/ocr-corpus/text-page.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let dir: string | undefined;
let core: TestCore | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  core?.cleanup();
  dir = undefined;
  core = undefined;
});

const io = (dataDir: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { env: {}, dataDir, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { ctx, out, err };
};

describe('tiepnhan ocr / search', () => {
  it('ocr prints the recognised text, or words with boxes and confidences as JSON; a bad file fails clearly', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiepnhan-ocr-cli-'));
    const page = await renderTextPage({ lines: ['Giấy xác nhận tình trạng hôn nhân'], dpi: 200, widthPx: 1000 });
    const file = join(dir, 'trang.png');
    writeFileSync(file, page.png);
    writeFileSync(join(dir, 'hong.png'), 'không phải ảnh');
    const { ctx, out, err } = io(dir);
    const code = await ocrCommand.run({ json: true, workers: '1' }, [file, join(dir, 'hong.png')], ctx);
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0]!) as { file: string; page: number; text: string; words: { text: string; confidence: number; box: number[] }[] };
    expect(r).toMatchObject({ file, page: 1 });
    expect(characterErrorRate(page.groundTruth, r.text)).toBeLessThan(0.1);
    expect(r.words.length).toBeGreaterThanOrEqual(6);
    expect(r.words[0]!.box).toHaveLength(4);
    expect(err.join('\n')).toMatch(/hong\.png/);
    expect(await ocrCommand.run({}, [], io(dir).ctx)).toBe(2);
  });

  it('search finds a dossier in the desk database without diacritics', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    await core.must(
      'dossiers.create',
      { procedureCode: '2.000815', applicant: { fullName: 'Nguyễn Văn Đường', idNumber: '079085001234' }, components: [], pages: 1, copies: 1 },
      token,
    );
    const { ctx, out } = io(core.dir);
    expect(await searchCommand.run({}, ['nguyen', 'van', 'duong'], ctx)).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('[Nguyễn] [Văn] [Đường]');
  });
});
