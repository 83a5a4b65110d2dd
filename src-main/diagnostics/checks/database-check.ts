import type { Db } from '../../db/open.js';
import { integrityCheck } from '../../db/snapshot.js';
import { message, passed, problem, skipped, type CheckResult } from '../check-result.js';

const restoreFix = 'Đóng ứng dụng và khôi phục bản sao lưu gần nhất: "tiepnhan restore THƯ_MỤC_SAO_LƯU" (dữ liệu hiện tại được giữ lại bên cạnh). Nếu chưa có bản sao lưu, gửi gói hỗ trợ cho bộ phận CNTT tỉnh.';

/** SQLite's integrity_check over the whole database. */
export function databaseCheck(db: Db | null, openError: string | null, bytes: number): CheckResult {
  const title = 'Cơ sở dữ liệu (integrity_check)';
  if (openError) return problem('database', 'fail', title, `Không mở được cơ sở dữ liệu: ${openError}`, restoreFix);
  if (!db) return skipped('database', title, 'Chưa có cơ sở dữ liệu.');
  try {
    const result = integrityCheck(db);
    if (result.join() === 'ok') return passed('database', title, `Nguyên vẹn (${(bytes / 1024 / 1024).toFixed(1)} MB).`, { bytes });
    return problem('database', 'fail', title, `Cơ sở dữ liệu bị hỏng: ${result.slice(0, 3).join('; ')}`, restoreFix, { bytes, errors: result });
  } catch (error) {
    return problem('database', 'fail', title, `Cơ sở dữ liệu bị hỏng: ${message(error)}`, restoreFix, { bytes });
  }
}
