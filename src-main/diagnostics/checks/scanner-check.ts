import { scanErrorMessages } from '../../../src-shared/scan/scan-errors.js';
import type { ScannerService } from '../../scan/scanner-service.js';
import { message, passed, problem, type CheckResult } from '../check-result.js';

/** The scanner host starts (it carries SANE or WIA) and lists the devices; the demo scanner counts. */
export async function scannerCheck(scanner: Pick<ScannerService, 'startHost' | 'listDevicesDetailed'>): Promise<CheckResult> {
  const title = 'Máy quét';
  let host: Awaited<ReturnType<ScannerService['startHost']>>;
  try {
    host = await scanner.startHost();
  } catch (error) {
    return problem('scanner', 'fail', title, `Tiến trình máy quét không khởi động được: ${message(error)}`, 'Cài lại TiepNhan; trên Linux cài gói libsane (sane-utils).');
  }
  const listing = await scanner.listDevicesDetailed();
  const devices = listing.devices.map((d) => ({ id: d.id, name: d.name, backend: d.backend }));
  const errors = listing.errors.map((e) => `${e.backend}: ${scanErrorMessages.vi[e.error.code]}`);
  const data = { backend: host.backend, devices, errors };
  const names = devices.map((d) => d.name).join('; ');
  if (host.error) {
    return problem('scanner', 'warn', title, `Không dùng được trình điều khiển máy quét (${scanErrorMessages.vi[host.error.code]}). Thiết bị: ${names || 'không có'}.`, 'Cài trình điều khiển máy quét (TWAIN/WIA trên Windows, SANE trên Linux), cắm lại cáp USB rồi chạy lại kiểm tra.', data);
  }
  if (devices.length === 0) return problem('scanner', 'warn', title, 'Không tìm thấy máy quét nào.', 'Bật máy quét, cắm cáp USB hoặc thêm máy quét mạng (eSCL) trong màn hình quét.', data);
  if (errors.length > 0) return problem('scanner', 'warn', title, `Tìm thấy ${devices.length} thiết bị (${names}); lỗi: ${errors.join('; ')}.`, 'Kiểm tra máy quét mạng (eSCL) còn bật và cùng mạng.', data);
  return passed('scanner', title, `Trình điều khiển ${host.backend}; ${devices.length} thiết bị: ${names}.`, data);
}
