import type { BackupSchedule } from '../../backup/backup-repo.js';
import type { Clock } from '../../kernel/clock.js';
import { passed, problem, skipped, type CheckResult } from '../check-result.js';

/** A daily backup older than this has been missed at least once. */
const STALE_MS = 36 * 3600_000;
const setUp = 'Mở Chẩn đoán → Sao lưu và chọn thư mục sao lưu hằng ngày (nên ở ổ khác, ổ USB hoặc thư mục mạng), hoặc đặt backupFolder trong tệp cấu hình.';

/** The daily backup: configured, and the last one recent and good. */
export function backupCheck(schedule: BackupSchedule | null, clock: Clock): CheckResult {
  const title = 'Sao lưu hằng ngày';
  if (!schedule) return skipped('backup', title, 'Chưa có cơ sở dữ liệu.');
  const data = { ...schedule };
  if (!schedule.folder) return problem('backup', 'warn', title, 'Chưa bật sao lưu hằng ngày.', setUp, data);
  if (schedule.lastError) return problem('backup', 'warn', title, `Lần sao lưu gần nhất vào ${schedule.folder} bị lỗi: ${schedule.lastError}`, `Kiểm tra thư mục ${schedule.folder} còn ghi được và còn chỗ; ứng dụng thử lại sau mỗi giờ.`, data);
  if (!schedule.lastOkAt) return passed('backup', title, `Đã bật, vào ${schedule.folder}; bản đầu tiên sẽ được tạo trong ít phút sau khi mở ứng dụng.`, data);
  if (clock.now().getTime() - Date.parse(schedule.lastOkAt) > STALE_MS) {
    return problem('backup', 'warn', title, `Bản sao lưu gần nhất từ ${schedule.lastOkAt}, đã quá một ngày.`, 'Ứng dụng chỉ sao lưu khi đang mở: để máy mở trong giờ làm việc, hoặc bấm "Sao lưu ngay".', data);
  }
  return passed('backup', title, `Bản gần nhất ${schedule.lastOkAt} trong ${schedule.folder}, giữ ${schedule.keep} bản.`, data);
}
