import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeBackup } from '../../backup/write-backup.js';
import { openDatabaseReadOnly } from '../../db/open.js';
import { systemClock } from '../../kernel/clock.js';
import { mib } from '../../kernel/disk-space.js';
import { openPageStore } from '../../pages/page-store.js';
import type { CliCommand } from '../cli-command.js';
import { appVersion } from '../app-version.js';
import { databaseFile } from './database-file.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: {
    vi: 'Sao lưu cơ sở dữ liệu và ảnh trang vào thư mục DIR (mới hoặc trống), kể cả khi ứng dụng đang chạy',
    en: 'Back up the database and page images into DIR (new or empty), even while the app runs',
  },
  usage: 'DIR [--json]',
  allowPositionals: true,
  options: { json: { type: 'boolean' } },
  async run(values, positionals, ctx) {
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) {
      ctx.err('Cách dùng: tiepnhan backup DIR. (Usage: tiepnhan backup DIR.)');
      return 2;
    }
    const file = databaseFile(ctx.dataDir);
    if (!existsSync(file)) {
      ctx.err(`Không có cơ sở dữ liệu tại ${file}. (No database at ${file}.)`);
      return 1;
    }
    const started = Date.now();
    // A read-only connection of its own: the running app's writes go on meanwhile.
    const db = openDatabaseReadOnly(file);
    try {
      const r = await writeBackup({ db, store: openPageStore(join(ctx.dataDir, 'pages')), clock: systemClock, appVersion: appVersion(), pagesPerStep: 'all' }, dir);
      const m = r.manifest;
      const bytes = m.database.bytes + m.files.reduce((n, f) => n + f.bytes, 0);
      if (values.json) ctx.out(JSON.stringify({ dir: r.dir, createdAt: m.createdAt, schemaVersion: m.schemaVersion, counts: m.counts, files: m.files.length, bytes, missing: m.missing, attempts: r.attempts }));
      else {
        ctx.out(`Đã sao lưu vào ${r.dir}: ${m.counts.dossiers} hồ sơ, ${m.counts.pages} trang, ${m.files.length} tệp, ${mib(bytes)}, ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        ctx.out(`(Backed up to ${r.dir}: ${m.counts.dossiers} dossiers, ${m.counts.pages} pages, ${m.files.length} files.)`);
      }
      if (m.missing.length > 0) {
        ctx.err(
          `Cảnh báo: ${m.missing.length} tệp trang đã mất hoặc hỏng trên máy trước khi sao lưu; chạy "tiepnhan doctor" để xem. (Warning: ${m.missing.length} page files were already missing or damaged.)`,
        );
        return 1;
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
