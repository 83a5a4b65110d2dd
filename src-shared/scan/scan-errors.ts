/**
 * Stable scanner error codes. SANE, WIA and eSCL statuses all map onto these, so the clerk
 * sees the same message whatever the driver. Never rename: logs and the UI depend on them.
 */
export const scanErrorCodes = [
  'NO_DOCS',
  'JAMMED',
  'COVER_OPEN',
  'DEVICE_BUSY',
  'IO_ERROR',
  'NO_MEM',
  'ACCESS_DENIED',
  'CANCELLED',
  'UNSUPPORTED',
  'INVALID',
  'NOT_FOUND',
  'HOST_CRASHED',
  'HOST_TIMEOUT',
  'ADDON_MISSING',
] as const;

export type ScanErrorCode = (typeof scanErrorCodes)[number];

export const scanErrorMessages: Record<'vi' | 'en', Record<ScanErrorCode, string>> = {
  vi: {
    NO_DOCS: 'Khay nạp giấy trống: hãy đặt giấy vào máy quét.',
    JAMMED: 'Máy quét bị kẹt giấy: gỡ giấy kẹt rồi quét lại các trang còn thiếu.',
    COVER_OPEN: 'Nắp máy quét đang mở: hãy đóng nắp rồi thử lại.',
    DEVICE_BUSY: 'Máy quét đang bận (có thể một chương trình khác đang dùng).',
    IO_ERROR: 'Mất kết nối với máy quét: kiểm tra cáp, nguồn điện rồi thử lại.',
    NO_MEM: 'Không đủ bộ nhớ để quét: hãy giảm độ phân giải.',
    ACCESS_DENIED: 'Không có quyền dùng máy quét này.',
    CANCELLED: 'Đã hủy lượt quét. Các trang đã quét được giữ lại.',
    UNSUPPORTED: 'Máy quét không hỗ trợ thiết lập này.',
    INVALID: 'Thiết lập quét không hợp lệ.',
    NOT_FOUND: 'Không tìm thấy máy quét: có thể máy đã bị rút ra hoặc tắt.',
    HOST_CRASHED: 'Trình điều khiển máy quét bị lỗi và đã được khởi động lại. Các trang đã quét được giữ lại.',
    HOST_TIMEOUT: 'Máy quét không phản hồi; đã khởi động lại trình điều khiển. Các trang đã quét được giữ lại.',
    ADDON_MISSING: 'Thiếu mô-đun máy quét (native-scanner) trong bản cài đặt này; chỉ dùng được máy quét mạng và máy quét thử.',
  },
  en: {
    NO_DOCS: 'The document feeder is empty: load paper into the scanner.',
    JAMMED: 'Paper jam: clear it, then rescan the missing pages.',
    COVER_OPEN: 'The scanner cover is open: close it and try again.',
    DEVICE_BUSY: 'The scanner is busy (another program may be using it).',
    IO_ERROR: 'Lost contact with the scanner: check the cable and power, then try again.',
    NO_MEM: 'Not enough memory to scan: lower the resolution.',
    ACCESS_DENIED: 'Access to this scanner is denied.',
    CANCELLED: 'Scan cancelled. Pages already scanned are kept.',
    UNSUPPORTED: 'The scanner does not support this setting.',
    INVALID: 'Invalid scan settings.',
    NOT_FOUND: 'Scanner not found: it may be unplugged or switched off.',
    HOST_CRASHED: 'The scanner driver crashed and was restarted. Pages already scanned are kept.',
    HOST_TIMEOUT: 'The scanner stopped responding; its driver was restarted. Pages already scanned are kept.',
    ADDON_MISSING: 'The scanner module (native-scanner) is missing from this installation; only network and demo scanners work.',
  },
};

/** An error from scanner access, with a stable code; `message` is Vietnamese, then English. */
export class ScanError extends Error {
  constructor(
    readonly code: ScanErrorCode,
    /** Technical detail for logs (driver status, HTTP status); not shown to the clerk. */
    readonly detail?: string,
  ) {
    super(`${scanErrorMessages.vi[code]} / ${scanErrorMessages.en[code]}${detail ? ` (${detail})` : ''}`);
    this.name = 'ScanError';
  }
}

export function isScanErrorCode(code: unknown): code is ScanErrorCode {
  return typeof code === 'string' && (scanErrorCodes as readonly string[]).includes(code);
}
