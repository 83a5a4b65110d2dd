import { join } from 'node:path';
import { finishPendingRestore, stageRestore } from '../../backup/restore-backup.js';
import { loadMigrations } from '../../db/migrate.js';
import { acquireInstanceLock, AlreadyRunningError } from '../../kernel/instance-lock.js';
import { appRoot } from '../../kernel/paths.js';
import type { CliCommand } from '../cli-command.js';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: {
    vi: 'Khôi phục từ bản sao lưu DIR sau khi kiểm tra toàn bộ (ứng dụng phải đóng; dữ liệu cũ được giữ lại)',
    en: 'Restore from the backup DIR after checking all of it (the app must be closed; the old data is kept)',
  },
  usage: 'DIR',
  allowPositionals: true,
  async run(_values, positionals, ctx) {
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) {
      ctx.err('Cách dùng: tiepnhan restore DIR. (Usage: tiepnhan restore DIR.)');
      return 2;
    }
    let lock: { release(): void };
    try {
      lock = acquireInstanceLock(ctx.dataDir, 'cli');
    } catch (error) {
      if (!(error instanceof AlreadyRunningError)) throw error;
      ctx.err(`${error.message} Hãy đóng ứng dụng rồi khôi phục. (Close the app, then restore.)`);
      return 1;
    }
    try {
      // An earlier restore cut short is finished first.
      finishPendingRestore(ctx.dataDir);
      const migrationsDir = join(appRoot(), 'migrations');
      let shown = -1;
      const staged = await stageRestore(ctx.dataDir, dir, {
        appSchemaVersion: loadMigrations(migrationsDir).at(-1)?.version ?? 0,
        migrationsDir,
        now: new Date(),
        onProgress: (step, done, total) => {
          const pct = Math.floor((done / Math.max(1, total)) * 10) * 10;
          if (pct === shown && done !== total) return;
          shown = pct;
          ctx.err(`${step === 'verify' ? 'Kiểm tra (verify)' : 'Sao chép (copy)'}: ${done}/${total}`);
        },
      });
      const done = finishPendingRestore(ctx.dataDir);
      const m = staged.manifest;
      ctx.out(`Đã khôi phục bản sao lưu ngày ${m.createdAt}: ${m.counts.dossiers} hồ sơ, ${m.counts.pages} trang. Dữ liệu cũ ở ${done.previous}.`);
      ctx.out(`(Restored the backup of ${m.createdAt}; the old data is in ${done.previous}.)`);
      return 0;
    } finally {
      lock.release();
    }
  },
};
