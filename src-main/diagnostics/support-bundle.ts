import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, release, totalmem, type } from 'node:os';
import { basename } from 'node:path';
import { ZipFile } from 'yazl';
import type { DoctorReport } from '../../src-shared/contract/diagnostics-commands.js';
import { configEntries } from '../config/config-view.js';
import type { Db } from '../db/open.js';
import type { LoadedConfig } from '../kernel/config.js';
import { logFiles } from '../kernel/logger.js';
import { createScrubber, scrubJson, scrubLogLine } from './scrub.js';

export type BundleInput = {
  dataDir: string;
  db: Db | null;
  config: LoadedConfig | Error;
  report: DoctorReport;
  versions: Record<string, string | null>;
  now: Date;
};

const readme = `Gói hỗ trợ TiepNhan (TiepNhan support bundle)

doctor.json    kết quả "tiepnhan doctor" (the doctor's report)
versions.json  phiên bản ứng dụng, hệ điều hành (versions)
config.json    cấu hình máy, đã bỏ mã bí mật (configuration, secrets removed)
logs/          nhật ký, đã lọc thêm lần nữa số định danh, điện thoại, thư điện tử, tên và địa chỉ người nộp
               (logs, scrubbed again of ID numbers, phones, e-mails, applicants' names and addresses)

Không có dữ liệu công dân: không có cơ sở dữ liệu, ảnh trang hay chữ trên trang.
(No citizens' data: no database, page images or page text.)
`;

/** The support bundle as a zip (yazl), in memory: a few MB of logs at most. */
export async function buildSupportBundle(input: BundleInput): Promise<Buffer> {
  const scrub = createScrubber(input.db);
  const json = (v: unknown) => Buffer.from(JSON.stringify(scrubJson(v, scrub), null, 2));
  const zip = new ZipFile();
  const mtime = input.now;
  zip.addBuffer(Buffer.from(readme), 'README.txt', { mtime });
  zip.addBuffer(json(input.report), 'doctor.json', { mtime });
  zip.addBuffer(json({ ...input.versions, os: `${type()} ${release()}`, arch: arch(), cpus: cpus().length, memoryBytes: totalmem() }), 'versions.json', { mtime });
  const config =
    input.config instanceof Error
      ? { error: input.config.message }
      : { files: input.config.files, entries: configEntries(input.config) };
  zip.addBuffer(json(config), 'config.json', { mtime });
  for (const file of logFiles(input.dataDir)) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => scrubLogLine(l, scrub));
    zip.addBuffer(Buffer.from(lines.join('\n')), `logs/${basename(file)}`, { mtime });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const bundleFileName = (now: Date) => `tiepnhan-ho-tro-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.zip`;
