import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { Db } from '../db/open.js';

/**
 * tus upload URLs kept in SQLite (table sync_tus_uploads), keyed by fingerprint
 * (server + file hash), so an interrupted upload resumes mid-file after a crash or a restart
 * of the desk — tus-js-client's own Node storage would need a separate file.
 */
export function sqliteUrlStorage(db: Db, now: () => Date): UrlStorage {
  const all = () => db.prepare('SELECT fingerprint, upload FROM sync_tus_uploads').all() as { fingerprint: string; upload: string }[];
  return {
    async findAllUploads() {
      return all().map((r) => JSON.parse(r.upload) as PreviousUpload);
    },
    async findUploadsByFingerprint(fingerprint) {
      const r = db.prepare('SELECT upload FROM sync_tus_uploads WHERE fingerprint = ?').get(fingerprint) as { upload: string } | undefined;
      return r ? [JSON.parse(r.upload) as PreviousUpload] : [];
    },
    async removeUpload(urlStorageKey) {
      db.prepare('DELETE FROM sync_tus_uploads WHERE fingerprint = ?').run(urlStorageKey);
    },
    async addUpload(fingerprint, upload) {
      // One live upload per file: a newer one replaces an older, unusable one.
      const stored = { ...upload, urlStorageKey: fingerprint };
      db.prepare(
        'INSERT INTO sync_tus_uploads (fingerprint, upload, created_at) VALUES (?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET upload = excluded.upload',
      ).run(fingerprint, JSON.stringify(stored), now().toISOString());
      return fingerprint;
    },
  };
}
