import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { recognizeFile } from '../../ocr/recognize-file.js';
import { tesseractEngineFactory } from '../../ocr/tesseract-engine.js';
import { createOcrPool } from '../../ocr/worker-pool.js';
import type { CliCommand } from '../cli-command.js';

export const ocrCommand: CliCommand = {
  name: 'ocr',
  summary: {
    vi: 'Nhận dạng chữ tiếng Việt trong tệp ảnh/PDF bằng đúng quy trình của ứng dụng',
    en: 'Recognise Vietnamese text in image/PDF files with the app’s own pipeline',
  },
  usage: 'FILE... [--json] [--workers N]',
  allowPositionals: true,
  options: { json: { type: 'boolean' }, workers: { type: 'string' } },
  async run(values, positionals, ctx) {
    if (positionals.length === 0) {
      ctx.err('Hãy chỉ ra ít nhất một tệp. (Give at least one file.)');
      return 2;
    }
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
      ctx.err('--workers phải là số nguyên từ 1 đến 64. (--workers must be an integer from 1 to 64.)');
      return 2;
    }
    const pool = createOcrPool(tesseractEngineFactory(), workers === undefined ? {} : { size: workers });
    let failed = 0;
    try {
      // Files are read in parallel up to the pool size; output keeps the order given.
      const results = await Promise.all(
        positionals.map(async (file) => {
          try {
            return { file, pages: await recognizeFile(pool, basename(file), await readFile(file)) };
          } catch (error) {
            return { file, error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      for (const r of results) {
        if ('error' in r) {
          failed += 1;
          ctx.err(`${r.file}: ${r.error}`);
          continue;
        }
        for (const p of r.pages) {
          if (values.json) {
            ctx.out(
              JSON.stringify({
                file: r.file,
                page: p.page,
                width: p.width,
                height: p.height,
                meanConfidence: Math.round(p.meanConfidence * 10) / 10,
                text: p.text,
                words: p.words.map((w) => ({ text: w.text, confidence: w.confidence, box: [w.x0, w.y0, w.x1, w.y1], line: w.line })),
              }),
            );
          } else {
            ctx.err(`== ${r.file} · trang ${p.page} (page ${p.page}) · độ tin cậy ${p.meanConfidence.toFixed(1)} ==`);
            ctx.out(p.text);
          }
        }
      }
    } finally {
      await pool.close();
    }
    return failed === 0 ? 0 : 1;
  },
};
