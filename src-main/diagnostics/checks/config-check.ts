import type { ConfigDrift } from '../../config/config-drift.js';
import type { LoadedConfig } from '../../kernel/config.js';
import { passed, problem, type CheckResult } from '../check-result.js';

/** IT's config files: readable and valid, and every value they set in force on the desk. */
export function configCheck(config: LoadedConfig | Error, drift: ConfigDrift[]): CheckResult {
  const title = 'Tệp cấu hình máy';
  if (config instanceof Error) {
    return problem('config', 'fail', title, config.message, 'Sửa các khóa được nêu trong tệp cấu hình (xem README, mục "For IT staff"), rồi mở lại ứng dụng.');
  }
  const used = config.files.filter((f) => f.exists).map((f) => f.path);
  const where = used.length === 0 ? 'Không có tệp cấu hình nào (dùng giá trị mặc định).' : `Đang dùng: ${used.join(', ')}.`;
  const data = { files: config.files, keys: Object.keys(config.sources) };
  const blocked = drift.filter((d) => d.blocked !== null);
  if (blocked.length > 0) {
    return problem('config', 'warn', title, `${where} Chưa áp dụng được: ${blocked.map((d) => `${d.key} (${d.blocked})`).join('; ')}`, 'Đăng ký lại máy với tỉnh nếu cần đổi mã đơn vị, hoặc bỏ khóa đó khỏi tệp cấu hình.', data);
  }
  const pending = drift.filter((d) => d.blocked === null);
  if (pending.length > 0) {
    return problem('config', 'warn', title, `${where} Có giá trị mới chưa được áp dụng: ${pending.map((d) => d.key).join(', ')}.`, 'Đóng và mở lại ứng dụng để áp dụng cấu hình mới.', data);
  }
  return passed('config', title, `${where} Hợp lệ${Object.keys(config.sources).length > 0 ? `, ${Object.keys(config.sources).length} giá trị đang được khóa theo cấu hình` : ''}.`, data);
}
