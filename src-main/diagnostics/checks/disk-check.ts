import { freeBytes, REFUSE_NEW_WORK_BELOW_BYTES, WARN_BELOW_BYTES } from '../../kernel/disk-space.js';
import { passed, problem, type CheckResult } from '../check-result.js';

const gb = (n: number) => `${(n / 1024 ** 3).toFixed(n < 10 * 1024 ** 3 ? 2 : 0)} GB`;
const fix = 'Giải phóng dung lượng trên ổ chứa thư mục dữ liệu (xoá tệp tạm, bản sao lưu cũ để cùng ổ, thư mục restore-previous-* đã kiểm tra xong) hoặc chuyển dữ liệu sang ổ lớn hơn (TIEPNHAN_DATA_DIR).';

/** Free space where the data folder is: warned early, refused work below the reserve. */
export function diskCheck(dataDir: string): CheckResult {
  const title = 'Dung lượng ổ đĩa trống';
  const free = freeBytes(dataDir);
  const data = { freeBytes: free, warnBelowBytes: WARN_BELOW_BYTES, refuseBelowBytes: REFUSE_NEW_WORK_BELOW_BYTES };
  if (free === null) return problem('disk', 'warn', title, `Không đọc được dung lượng trống của ${dataDir}.`, 'Kiểm tra thư mục dữ liệu có tồn tại và đọc được không.', data);
  if (free < REFUSE_NEW_WORK_BELOW_BYTES) {
    return problem('disk', 'fail', title, `Còn ${gb(free)}: ổ gần đầy, ứng dụng đang từ chối hồ sơ, trang quét và tệp mới (dữ liệu đã lưu vẫn an toàn).`, fix, data);
  }
  if (free < WARN_BELOW_BYTES) return problem('disk', 'warn', title, `Chỉ còn ${gb(free)}; dưới ${gb(REFUSE_NEW_WORK_BELOW_BYTES)} ứng dụng sẽ ngừng nhận việc mới.`, fix, data);
  return passed('disk', title, `Còn ${gb(free)} trống.`, data);
}
