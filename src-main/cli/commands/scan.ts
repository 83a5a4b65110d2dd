import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ScanError, scanErrorMessages } from '../../../src-shared/scan/scan-errors.js';
import { colorModes, pageSizes, scanSources, type ColorMode, type PageSize, type ScanSource } from '../../../src-shared/scan/scanner-device.js';
import { pageFile } from '../../scan/page-file.js';
import { ScannerService } from '../../scan/scanner-service.js';
import type { CliCommand } from '../cli-command.js';
import { esclUrls } from './scanners.js';

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: {
    vi: 'Quét từ một máy quét, ghi mỗi trang thành một tệp ảnh trong thư mục --out',
    en: 'Scan from a scanner, writing one image file per page into --out',
  },
  usage: '--device ID --source adf|flatbed|adf-duplex --out DIR [--mode color|gray|lineart] [--dpi N] [--page-size a4|...|max]',
  options: {
    device: { type: 'string' },
    source: { type: 'string', default: 'adf' },
    out: { type: 'string' },
    mode: { type: 'string', default: 'color' },
    dpi: { type: 'string', default: '200' },
    'page-size': { type: 'string', default: 'a4' },
    escl: { type: 'string', multiple: true },
  },
  async run(values, _positionals, ctx) {
    const device = values.device;
    const out = values.out;
    const source = String(values.source);
    const mode = String(values.mode);
    const dpi = Number(values.dpi);
    const pageSize = String(values['page-size']);
    const problems: string[] = [];
    if (typeof device !== 'string' || !device) problems.push('--device ID (xem/see: tiepnhan scanners)');
    if (typeof out !== 'string' || !out) problems.push('--out DIR');
    if (!(scanSources as readonly string[]).includes(source)) problems.push(`--source ${scanSources.join('|')}`);
    if (!(colorModes as readonly string[]).includes(mode)) problems.push(`--mode ${colorModes.join('|')}`);
    if (!Number.isInteger(dpi) || dpi < 50 || dpi > 1200) problems.push('--dpi 50..1200');
    if (pageSize !== 'max' && !(pageSize in pageSizes)) problems.push(`--page-size ${Object.keys(pageSizes).join('|')}|max`);
    if (problems.length > 0) {
      ctx.err(`Thiếu hoặc sai tùy chọn (missing or invalid options): ${problems.join(', ')}`);
      return 2;
    }
    const dir = resolve(out as string);
    await mkdir(dir, { recursive: true });
    const service = new ScannerService({ hostEnv: ctx.env, esclUrls: esclUrls(values) });
    let written = 0;
    try {
      const job = service.scan(device as string, { source: source as ScanSource, mode: mode as ColorMode, dpi, pageSize: pageSize as PageSize });
      for await (const page of job) {
        const file = await pageFile(page);
        await writeFile(join(dir, `page-${String(page.index + 1).padStart(3, '0')}.${file.extension}`), file.bytes);
        written += 1;
      }
      ctx.out(`Đã ghi ${written} trang vào ${dir}. (Wrote ${written} pages to ${dir}.)`);
      return 0;
    } catch (error) {
      // Pages written before the failure stay on disk; say how many.
      const e = error instanceof ScanError ? error : new ScanError('IO_ERROR', String((error as Error)?.message ?? error));
      ctx.err(`${scanErrorMessages.vi[e.code]} (${scanErrorMessages.en[e.code]})${e.detail ? ` [${e.detail}]` : ''}`);
      ctx.out(`Đã ghi ${written} trang vào ${dir} trước khi lỗi. (Wrote ${written} pages to ${dir} before the error.)`);
      return 1;
    } finally {
      service.close();
    }
  },
};
