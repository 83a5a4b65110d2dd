import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildSupportBundle } from '../../diagnostics/support-bundle.js';
import { existsSync } from 'node:fs';
import { openDatabaseReadOnly } from '../../db/open.js';
import { ConfigError, loadConfig, type LoadedConfig } from '../../kernel/config.js';
import { electronPackageVersion } from '../../launch/electron-binary.js';
import { appVersion } from '../app-version.js';
import type { CliCommand } from '../cli-command.js';
import { databaseFile } from './database-file.js';
import { doctorReport } from './doctor.js';

export const supportBundleCommand: CliCommand = {
  name: 'support-bundle',
  summary: {
    vi: 'Tạo gói hỗ trợ .zip (nhật ký đã lọc, phiên bản, cấu hình không có mã bí mật, kết quả doctor); không có dữ liệu công dân',
    en: 'Make a support .zip (scrubbed logs, versions, config without secrets, doctor report); no citizens’ data',
  },
  usage: '--out FILE.zip',
  options: { out: { type: 'string' } },
  async run(values, _positionals, ctx) {
    if (typeof values.out !== 'string' || !values.out.toLowerCase().endsWith('.zip')) {
      ctx.err('Cách dùng: tiepnhan support-bundle --out FILE.zip. (Usage: tiepnhan support-bundle --out FILE.zip.)');
      return 2;
    }
    const report = await doctorReport(ctx, false);
    let config: LoadedConfig | Error;
    try {
      config = loadConfig(ctx.dataDir, ctx.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      config = error;
    }
    // Only to know the applicants' names and addresses the logs must not carry.
    const file = databaseFile(ctx.dataDir);
    const db = existsSync(file) ? openDatabaseReadOnly(file) : null;
    try {
      const zip = await buildSupportBundle({
        dataDir: ctx.dataDir,
        db,
        config,
        report,
        versions: { app: appVersion(), node: process.versions.node, electron: electronPackageVersion() },
        now: new Date(),
      });
      const out = resolve(values.out);
      await writeFile(out, zip);
      ctx.out(`Đã ghi gói hỗ trợ ${out} (${Math.ceil(zip.length / 1024)} KB). (Wrote the support bundle.)`);
      return 0;
    } finally {
      db?.close();
    }
  },
};
