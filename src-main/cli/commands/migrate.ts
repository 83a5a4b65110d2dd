import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { schemaVersion } from '../../db/migrate.js';
import { appRoot } from '../../kernel/paths.js';
import type { CliCommand } from '../cli-command.js';
import { databaseFile } from './database-file.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: { vi: 'Cập nhật cấu trúc cơ sở dữ liệu lên bản mới nhất', en: 'Apply pending database migrations' },
  async run(_values, _positionals, ctx) {
    mkdirSync(ctx.dataDir, { recursive: true });
    const db = openDatabase(databaseFile(ctx.dataDir), { migrationsDir: join(appRoot(), 'migrations') });
    try {
      ctx.out(`Phiên bản lược đồ / Schema version: ${schemaVersion(db)}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
