import type { LockState } from '../../kernel/instance-lock.js';
import { passed, type CheckResult } from '../check-result.js';

const kindName = { web: 'máy chủ web', electron: 'cửa sổ ứng dụng', cli: 'lệnh tiepnhan' } as const;

/** Who holds the data folder (information: one app per folder is the lock's whole job). */
export function lockCheck(s: LockState): CheckResult {
  const title = 'Phiên ứng dụng đang chạy';
  const data = { held: s.held, holder: s.holder, thisProcess: s.thisProcess };
  if (!s.held) return passed('instanceLock', title, 'Không có phiên ứng dụng nào đang mở thư mục dữ liệu này.', data);
  const who = s.holder ? `${kindName[s.holder.kind]}, tiến trình ${s.holder.pid}, từ ${s.holder.startedAt}` : 'một tiến trình chưa rõ';
  return passed('instanceLock', title, s.thisProcess ? `Chính ứng dụng này (${who}).` : `Đang chạy: ${who}.`, data);
}
