import type { Db } from '../db/open.js';
import type { PageStore, StoredFormat } from '../pages/page-store.js';

export type PurgeResult = { dossiers: number; files: number; bytes: number };

/**
 * Local retention (issue 5): keeps citizens' papers off desk PCs once the province holds them.
 * A dossier's page images (archive and lossless master) are removed when the server confirmed
 * the dossier complete with every page hash the desk now has, at least `retentionDays` days ago,
 * and nothing about it is waiting to sync. Metadata, OCR text and thumbnails stay (thumbnails
 * are the small previews the lists show). A file shared with a dossier that does not qualify
 * stays. Each removed file is recorded in sync_purged_files.
 */
export async function purgeSyncedPages(db: Db, store: PageStore, opts: { retentionDays: number | null; now: Date }): Promise<PurgeResult> {
  const result: PurgeResult = { dossiers: 0, files: 0, bytes: 0 };
  if (opts.retentionDays === null) return result;
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * 86_400_000).toISOString();
  const candidates = db
    .prepare(
      `SELECT p.dossier_id, p.complete_hashes FROM dossier_province_status p
       JOIN sync_dossiers s ON s.dossier_id = p.dossier_id AND s.upload_pending = 0
       WHERE p.complete = 1 AND p.complete_at IS NOT NULL AND p.complete_at <= ?
         AND p.dossier_id NOT IN (SELECT dossier_id FROM sync_outbox)`,
    )
    .all(cutoff) as { dossier_id: string; complete_hashes: string | null }[];
  const livePages = db.prepare(`SELECT sha256 FROM pages WHERE dossier_id = ? AND status <> 'deleted'`);
  const eligible = new Set<string>();
  for (const c of candidates) {
    const confirmed = new Set(JSON.parse(c.complete_hashes ?? '[]') as string[]);
    const live = (livePages.all(c.dossier_id) as { sha256: string }[]).map((r) => r.sha256);
    if (live.every((h) => confirmed.has(h))) eligible.add(c.dossier_id);
  }
  if (eligible.size === 0) return result;
  const filesOf = db.prepare(
    `SELECT sha256, archive_format AS format FROM pages WHERE dossier_id = ?
     UNION SELECT master_sha256, master_format FROM pages WHERE dossier_id = ? AND master_sha256 IS NOT NULL`,
  );
  const users = db.prepare('SELECT DISTINCT dossier_id FROM pages WHERE sha256 = ? OR master_sha256 = ?');
  const record = db.prepare('INSERT INTO sync_purged_files (sha256, format, bytes, purged_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
  for (const dossierId of eligible) {
    let purgedAny = false;
    for (const f of filesOf.all(dossierId, dossierId) as { sha256: string; format: StoredFormat }[]) {
      const sharedWithOthers = (users.all(f.sha256, f.sha256) as { dossier_id: string }[]).some((u) => !eligible.has(u.dossier_id));
      if (sharedWithOthers || !(await store.exists(f.sha256, f.format))) continue;
      const bytes = (await store.read(f.sha256, f.format)).length;
      // Record first: after a crash between the two the file is still there and the next run removes it.
      record.run(f.sha256, f.format, bytes, opts.now.toISOString());
      await store.remove(f.sha256, f.format);
      result.files += 1;
      result.bytes += bytes;
      purgedAny = true;
    }
    if (purgedAny) result.dossiers += 1;
  }
  return result;
}
