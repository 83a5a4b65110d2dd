import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { recognizeFiles } from '../../ocr/recognize-file.js';
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
    const failedFiles = new Set<number>();
    const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
    try {
      // Pages come out in the order given, each printed as soon as it is read: a 1000-page TIFF
      // shows its first page at once and never holds more than a few pages in memory.
      const files = positionals.map((file) => ({ name: basename(file), read: () => readFile(file) }));
      for await (const item of recognizeFiles(pool, files)) {
        const file = positionals[item.index]!;
        if ('error' in item) {
          failedFiles.add(item.index);
          ctx.err(item.page ? `${file} · trang ${item.page} (page ${item.page}): ${errorText(item.error)}` : `${file}: ${errorText(item.error)}`);
          continue;
        }
        const p = item.page;
        if (values.json) {
          ctx.out(
            JSON.stringify({
              file,
              page: p.page,
              width: p.width,
              height: p.height,
              meanConfidence: Math.round(p.meanConfidence * 10) / 10,
              text: p.text,
              words: p.words.map((w) => ({ text: w.text, confidence: w.confidence, box: [w.x0, w.y0, w.x1, w.y1], line: w.line })),
            }),
          );
        } else {
          ctx.err(`== ${file} · trang ${p.page} (page ${p.page}) · độ tin cậy ${p.meanConfidence.toFixed(1)} ==`);
          ctx.out(p.text);
        }
      }
    } finally {
      await pool.close();
    }
    return failedFiles.size === 0 ? 0 : 1;
  },
};
