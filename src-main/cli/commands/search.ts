import { existsSync } from 'node:fs';
import { openDatabaseReadOnly } from '../../db/open.js';
import { searchDossiers } from '../../search/search-repo.js';
import type { CliCommand } from '../cli-command.js';
import { databaseFile } from './database-file.js';

export const searchCommand: CliCommand = {
  name: 'search',
  summary: {
    vi: 'Tìm hồ sơ theo người nộp, mã hồ sơ, số định danh và chữ trên trang (có hoặc không dấu)',
    en: 'Search dossiers by applicant, code, ID number and page text (with or without diacritics)',
  },
  usage: 'QUERY [--json] [--limit N]',
  allowPositionals: true,
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  async run(values, positionals, ctx) {
    const query = positionals.join(' ').trim();
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!query || !Number.isInteger(limit) || limit < 1 || limit > 200) {
      ctx.err('Cách dùng: tiepnhan search QUERY [--limit 1..200]. (Usage: tiepnhan search QUERY [--limit 1..200].)');
      return 2;
    }
    const file = databaseFile(ctx.dataDir);
    if (!existsSync(file)) {
      ctx.err(`Không có cơ sở dữ liệu tại ${file}. (No database at ${file}.)`);
      return 1;
    }
    const db = openDatabaseReadOnly(file);
    try {
      const hits = searchDossiers(db, query, limit);
      if (values.json) ctx.out(JSON.stringify(hits));
      else {
        for (const h of hits) {
          const marked = [...h.snippet.highlights].reverse().reduce((t, r) => `${t.slice(0, r.start)}[${t.slice(r.start, r.end)}]${t.slice(r.end)}`, h.snippet.text);
          const where = h.kind === 'page' ? `trang ${h.pagePosition} (page ${h.pageId})` : 'hồ sơ (dossier)';
          ctx.out(`${h.dossierCode ?? '(nháp / draft)'}\t${h.applicantName}\t${where}\t${marked}`);
        }
        ctx.err(`${hits.length} kết quả. (${hits.length} hits.)`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
