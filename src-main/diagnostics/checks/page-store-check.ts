import { existsSync } from 'node:fs';
import { purgedHashes } from '../../backup/backup-repo.js';
import { fileSha256 } from '../../backup/file-copy.js';
import type { Db } from '../../db/open.js';
import { allFileRefs } from '../../pages/page-repo.js';
import type { PageStore } from '../../pages/page-store.js';
import { passed, problem, skipped, type CheckResult } from '../check-result.js';

/** Which dossiers (by code; "nháp" for a draft) hold pages whose files are affected. */
function dossierCodes(db: Db, pageIds: string[]): string[] {
  const stmt = db.prepare('SELECT d.code FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE p.id = ?');
  const codes = new Set(pageIds.map((id) => (stmt.get(id) as { code: string | null } | undefined)?.code ?? 'hồ sơ nháp'));
  return [...codes];
}

/**
 * Every page file the database names is there and, unless `quick`, still has the SHA-256 its name
 * says (an altered or truncated file is as lost as a missing one). Files purged by sync retention
 * on purpose are not counted.
 */
export async function pageStoreCheck(db: Db | null, store: Pick<PageStore, 'pathOf'>, quick: boolean): Promise<CheckResult> {
  const title = 'Kho ảnh trang';
  if (!db) return skipped('pageStore', title, 'Chưa có cơ sở dữ liệu.');
  const purged = purgedHashes(db);
  const files = new Map<string, { sha256: string; format: 'jpeg' | 'png'; pageIds: string[] }>();
  for (const r of allFileRefs(db)) {
    if (purged.has(r.sha256)) continue;
    const key = `${r.sha256}.${r.format}`;
    const f = files.get(key) ?? { sha256: r.sha256, format: r.format, pageIds: [] };
    f.pageIds.push(r.pageId);
    files.set(key, f);
  }
  const missing: string[] = [];
  const altered: string[] = [];
  for (const f of files.values()) {
    const path = store.pathOf(f.sha256, f.format);
    if (!existsSync(path)) missing.push(...f.pageIds);
    else if (!quick && (await fileSha256(path)) !== f.sha256) altered.push(...f.pageIds);
  }
  const data = { files: files.size, purged: purged.size, missingPages: [...new Set(missing)], alteredPages: [...new Set(altered)], hashed: !quick };
  if (missing.length + altered.length === 0) {
    return passed('pageStore', title, quick ? `${files.size} tệp đều có mặt (chưa kiểm tra mã băm).` : `${files.size} tệp, tất cả khớp mã băm SHA-256.`, data);
  }
  const codes = dossierCodes(db, [...missing, ...altered]);
  const parts = [missing.length > 0 ? `${data.missingPages.length} trang mất tệp ảnh` : null, altered.length > 0 ? `${data.alteredPages.length} trang có tệp ảnh bị thay đổi hoặc hỏng` : null].filter(Boolean);
  return problem(
    'pageStore',
    'fail',
    title,
    `${parts.join(', ')}; thuộc các hồ sơ: ${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ` và ${codes.length - 10} hồ sơ khác` : ''}.`,
    'Khôi phục các tệp từ bản sao lưu gần nhất ("tiepnhan restore" sau khi kiểm tra bản sao lưu), hoặc quét lại các trang đó. Đừng xoá gì trong thư mục pages/.',
    { ...data, dossiers: codes },
  );
}
