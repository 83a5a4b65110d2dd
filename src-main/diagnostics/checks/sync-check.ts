import type { SyncStatus } from '../../../src-shared/contract/sync-commands.js';
import type { Clock } from '../../kernel/clock.js';
import { passed, problem, skipped, type CheckResult } from '../check-result.js';

/** A dossier waiting this long for the province is worth a look. */
const OLD_BACKLOG_MS = 24 * 3600_000;

/** The sync backlog (dossiers and pages not yet at the province) and the last error. */
export function syncCheck(status: SyncStatus | null, clock: Clock): CheckResult {
  const title = 'Đồng bộ với tỉnh';
  if (!status) return skipped('sync', title, 'Chưa có cơ sở dữ liệu.');
  if (!status.enrolled) return skipped('sync', title, 'Máy chưa đăng ký với máy chủ tỉnh.');
  const data = { state: status.state, queueLength: status.queueLength, oldestUnsyncedAt: status.oldestUnsyncedAt, lastSuccessAt: status.lastSuccessAt, lastError: status.lastError };
  const last = status.lastSuccessAt ? `lần thành công gần nhất ${status.lastSuccessAt}` : 'chưa đồng bộ thành công lần nào';
  if (status.lastError) {
    return problem('sync', 'warn', title, `${status.queueLength} hồ sơ đang chờ gửi; ${last}. Lỗi gần nhất: ${status.lastError}`, 'Xem mục "Kết nối máy chủ tỉnh" ở trên; khi mạng có lại, máy tự gửi tiếp (hoặc bấm "Đồng bộ ngay").', data);
  }
  if (status.state === 'paused') return problem('sync', 'warn', title, `Đồng bộ đang tạm dừng; ${status.queueLength} hồ sơ đang chờ.`, 'Mở Đồng bộ và bấm "Tiếp tục".', data);
  if (status.oldestUnsyncedAt && clock.now().getTime() - Date.parse(status.oldestUnsyncedAt) > OLD_BACKLOG_MS) {
    return problem('sync', 'warn', title, `${status.queueLength} hồ sơ chưa lên tỉnh, lâu nhất từ ${status.oldestUnsyncedAt}.`, 'Kiểm tra giờ đồng bộ và giới hạn băng thông trong Cài đặt đồng bộ; bấm "Đồng bộ ngay".', data);
  }
  return passed('sync', title, `${status.queueLength} hồ sơ đang chờ gửi; ${last}.`, data);
}
