import { existsSync } from 'node:fs';
import { queueIds } from '../../../src-shared/contract/queues-commands.js';
import { queueNames } from '../../../src-shared/i18n/queue-names.js';
import { openDatabaseReadOnly } from '../../db/open.js';
import { countQueues } from '../../queues/queues-repo.js';
import { queueContext } from '../../queues/queues-service.js';
import { readSettings } from '../../settings/settings-repo.js';
import type { CliCommand } from '../cli-command.js';
import { databaseFile } from './database-file.js';

/** "3 ngày 4 giờ (3 d 4 h)": how long the oldest item has waited. */
function ageText(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} ngày ${h} giờ (${d} d ${h} h)`;
  if (h > 0) return `${h} giờ ${m} phút (${h} h ${m} min)`;
  return `${m} phút (${m} min)`;
}

export const queuesCommand: CliCommand = {
  name: 'queues',
  summary: {
    vi: 'Số hồ sơ trong từng hàng đợi công việc và hồ sơ chờ lâu nhất',
    en: "Every work queue's count and the age of its oldest dossier",
  },
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, ctx) {
    const file = databaseFile(ctx.dataDir);
    if (!existsSync(file)) {
      ctx.err(`Không có cơ sở dữ liệu tại ${file}. (No database at ${file}.)`);
      return 1;
    }
    const db = openDatabaseReadOnly(file);
    try {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossier_flow'").get()) {
        ctx.err('Cơ sở dữ liệu ở phiên bản cũ: chạy "tiepnhan migrate" trước. (The database is older than this app: run "tiepnhan migrate" first.)');
        return 1;
      }
      const settings = readSettings(db);
      if (!settings) {
        ctx.err('Máy chưa được thiết lập lần đầu. (The desk has not been set up yet.)');
        return 1;
      }
      const now = new Date();
      const counts = countQueues(db, queueContext(db, now, settings, null));
      const rows = queueIds.map((id) => {
        const c = counts[id];
        const oldestAgeSeconds = c.oldestAt ? Math.max(0, Math.round((now.getTime() - Date.parse(c.oldestAt)) / 1000)) : null;
        return { queue: id, count: c.count, oldestAt: c.oldestAt, oldestAgeSeconds };
      });
      if (values.json) {
        ctx.out(JSON.stringify({ at: now.toISOString(), queues: rows }));
        return 0;
      }
      const width = Math.max(...queueIds.map((id) => queueNames.vi[id].length)) + 2;
      for (const r of rows) {
        // Deadline queues are ordered by appointment: the "oldest" is the earliest due.
        const age = r.oldestAgeSeconds === null ? '' : r.queue === 'due_today' ? '' : ageText(r.oldestAgeSeconds);
        ctx.out(`${queueNames.vi[r.queue].padEnd(width)}${String(r.count).padStart(7)}  ${age}`);
        ctx.out(`  ${queueNames.en[r.queue]}`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
