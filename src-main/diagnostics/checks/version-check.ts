import { passed, problem, type CheckResult } from '../check-result.js';

export type VersionFacts = {
  version: string;
  appSchemaVersion: number;
  /** Null when there is no database yet. */
  schemaVersion: number | null;
  node: string;
  electron: string | null;
  platform: string;
};

/** App and schema versions: a database from a newer app cannot be opened by this one. */
export function versionCheck(f: VersionFacts): CheckResult {
  const title = 'Phiên bản ứng dụng và cơ sở dữ liệu';
  const data = { ...f };
  const where = `TiepNhan ${f.version}, Node.js ${f.node}${f.electron ? `, Electron ${f.electron}` : ''}, ${f.platform}`;
  if (f.schemaVersion === null) return passed('version', title, `${where}. Chưa có cơ sở dữ liệu (máy chưa thiết lập).`, data);
  if (f.schemaVersion > f.appSchemaVersion) {
    return problem(
      'version',
      'fail',
      title,
      `${where}. Cơ sở dữ liệu ở lược đồ ${f.schemaVersion}, mới hơn ứng dụng (${f.appSchemaVersion}).`,
      'Cài lại bản TiepNhan mới nhất (bản đã dùng trên máy này trước đó hoặc mới hơn). Không dùng bản cũ với dữ liệu này.',
      data,
    );
  }
  if (f.schemaVersion < f.appSchemaVersion) {
    return problem('version', 'warn', title, `${where}. Cơ sở dữ liệu ở lược đồ ${f.schemaVersion}, ứng dụng ở ${f.appSchemaVersion}.`, 'Mở ứng dụng một lần (hoặc chạy "tiepnhan migrate") để cập nhật cơ sở dữ liệu.', data);
  }
  return passed('version', title, `${where}. Lược đồ cơ sở dữ liệu ${f.schemaVersion} (đúng bản).`, data);
}
