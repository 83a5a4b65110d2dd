import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSchemaVersion } from '../db/migrate.js';
import { openDatabaseReadOnly } from '../db/open.js';
import { integrityCheck } from '../db/snapshot.js';
import { allFileRefs } from '../pages/page-repo.js';
import { backupFilePath, databaseName, Manifest, manifestName } from './backup-format.js';
import { fileSha256 } from './file-copy.js';

export type Verified = { ok: true; manifest: Manifest } | { ok: false; problems: string[]; manifest: Manifest | null };

/**
 * Checks a backup folder before anything is replaced: its manifest, that it comes from this app's
 * schema or an older one (a newer one is refused: this app cannot read it), the database file's
 * hash and SQLite's integrity check, and every page file's SHA-256; every file the database
 * references must be there (or purged on purpose). Problems are in Vietnamese, with English.
 */
export async function verifyBackup(dir: string, appSchemaVersion: number, onProgress?: (done: number, total: number) => void): Promise<Verified> {
  const manifestFile = join(dir, manifestName);
  if (!existsSync(manifestFile)) return { ok: false, manifest: null, problems: [`${dir} không phải bản sao lưu của TiepNhan: thiếu ${manifestName}. (Not a TiepNhan backup: no ${manifestName}.)`] };
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch {
    return { ok: false, manifest: null, problems: [`${manifestFile} hỏng hoặc không đúng định dạng. (The manifest is damaged.)`] };
  }
  const fail = (problems: string[]): Verified => ({ ok: false, manifest, problems });
  if (manifest.schemaVersion > appSchemaVersion) {
    return fail([
      `Bản sao lưu từ phiên bản mới hơn (lược đồ ${manifest.schemaVersion}, ứng dụng ${manifest.appVersion}); ứng dụng này chỉ đọc được đến lược đồ ${appSchemaVersion}. Hãy cài TiepNhan ${manifest.appVersion} trở lên rồi khôi phục. (The backup is from a newer version.)`,
    ]);
  }
  const dbFile = join(dir, databaseName);
  if (!existsSync(dbFile)) return fail([`Thiếu tệp cơ sở dữ liệu ${databaseName}. (The database file is missing.)`]);
  if ((await fileSha256(dbFile)) !== manifest.database.sha256) return fail([`Tệp ${databaseName} đã bị thay đổi hoặc hỏng (mã băm không khớp). (The database file was altered.)`]);

  const problems: string[] = [];
  const db = openDatabaseReadOnly(dbFile);
  let referenced: string[];
  try {
    const check = integrityCheck(db);
    if (check.join() !== 'ok') problems.push(`Cơ sở dữ liệu trong bản sao lưu bị hỏng: ${check.slice(0, 3).join('; ')}. (Integrity check failed.)`);
    const version = readSchemaVersion(db);
    if (version !== manifest.schemaVersion) problems.push(`Lược đồ trong cơ sở dữ liệu (${version}) khác với tệp kê khai (${manifest.schemaVersion}). (Schema version mismatch.)`);
    referenced = [...new Set(allFileRefs(db).map((r) => r.sha256))];
  } finally {
    db.close();
  }
  const listed = new Set([...manifest.files.map((f) => f.sha256), ...manifest.purged, ...manifest.missing]);
  const unlisted = referenced.filter((sha) => !listed.has(sha));
  if (unlisted.length > 0) problems.push(`${unlisted.length} tệp trang được cơ sở dữ liệu nhắc tới nhưng không có trong bản sao lưu. (${unlisted.length} referenced page files are not in the backup.)`);

  let bad = 0;
  for (const [i, f] of manifest.files.entries()) {
    const file = backupFilePath(dir, f);
    if (!existsSync(file) || (await fileSha256(file)) !== f.sha256) bad += 1;
    onProgress?.(i + 1, manifest.files.length);
  }
  if (bad > 0) problems.push(`${bad} tệp trang trong bản sao lưu bị thiếu hoặc đã bị thay đổi (mã băm không khớp). (${bad} page files are missing or altered.)`);
  return problems.length === 0 ? { ok: true, manifest } : fail(problems);
}
