import { join } from 'node:path';
import { appRoot } from '../../kernel/paths.js';
import { fillDemoData, FolderNotEmptyError } from '../../demo/demo-data.js';
import type { CliCommand } from '../cli-command.js';

const positive = (v: unknown, max: number): number | null => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
};

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  summary: {
    vi: 'Tạo dữ liệu thử (hồ sơ ở mọi trạng thái) trong một thư mục dữ liệu trống',
    en: 'Fill an empty data folder with demo dossiers in every state',
  },
  usage: '--dossiers N [--pages-per-dossier K] [--no-text]',
  options: { dossiers: { type: 'string' }, 'pages-per-dossier': { type: 'string' }, 'no-text': { type: 'boolean' } },
  async run(values, _positionals, ctx) {
    const dossiers = positive(values.dossiers, 1_000_000);
    const pagesPerDossier = values['pages-per-dossier'] === undefined ? 3 : positive(values['pages-per-dossier'], 100);
    if (dossiers === null || pagesPerDossier === null) {
      ctx.err('Cách dùng: tiepnhan demo-data --dossiers 1..1000000 [--pages-per-dossier 1..100]. (Usage: tiepnhan demo-data --dossiers N [--pages-per-dossier K].)');
      return 2;
    }
    const root = appRoot();
    try {
      const started = Date.now();
      let shown = -1;
      const summary = await fillDemoData({
        dataDir: ctx.dataDir,
        migrationsDir: join(root, 'migrations'),
        assetsDir: join(root, 'assets'),
        dossiers,
        pagesPerDossier,
        withText: values['no-text'] !== true,
        onProgress: (done, total) => {
          const pct = Math.floor((done / total) * 100);
          if (pct === shown) return;
          shown = pct;
          ctx.err(`  ${done}/${total} hồ sơ (dossiers) · ${pct}%`);
        },
      });
      ctx.err(`Đã tạo dữ liệu thử trong ${ctx.dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s): ${dossiers} hồ sơ, ${summary.pages} trang.`);
      ctx.err(`(Demo data written to ${ctx.dataDir}: ${dossiers} dossiers, ${summary.pages} pages.)`);
      ctx.err(`Tài khoản / Accounts (mật khẩu / password: ${summary.password}):`);
      for (const u of summary.users) ctx.err(`  ${u.username.padEnd(10)} ${u.fullName} (${u.role})`);
      ctx.out(JSON.stringify({ dataDir: ctx.dataDir, dossiers, pages: summary.pages, states: summary.states }));
      return 0;
    } catch (error) {
      if (error instanceof FolderNotEmptyError) {
        ctx.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};
