import i18next from 'i18next';
import { registerFeatureTexts, type Widen } from '../../i18n/feature-texts.js';

/**
 * Texts of the sync feature, in their own i18n namespace ('sync') so it adds its keys without
 * editing the shared vi.ts / en.ts. Vietnamese first; English has the same keys.
 */
export const syncVi = {
  nav: 'Đồng bộ',
  column: 'Đồng bộ tỉnh',
  title: 'Đồng bộ với máy chủ tỉnh',
  enrollTitle: 'Đăng ký máy với máy chủ tỉnh',
  enrollHint: 'Nhập địa chỉ máy chủ tỉnh và mã đăng ký dùng một lần do quản trị tỉnh cấp.',
  reenrollTitle: 'Đăng ký lại máy',
  serverUrl: 'Địa chỉ máy chủ tỉnh',
  serverUrlHint: 'Ví dụ: https://motcua.tinh.gov.vn',
  code: 'Mã đăng ký',
  codeInConfig: 'Để trống để dùng mã trong tệp cấu hình máy (không hiện ở đây).',
  deviceName: 'Tên máy',
  enroll: 'Đăng ký máy',
  enrolled: 'Đã đăng ký máy với {{name}} ({{code}}), chỗ số {{slot}}.',
  notEncrypted: 'Lưu ý: mã xác thực của máy được lưu trong tệp chỉ người dùng này đọc được, không được mã hoá.',
  statusTitle: 'Tình trạng đồng bộ',
  server: 'Máy chủ',
  notEnrolledYet: 'Máy này chưa đăng ký với máy chủ tỉnh.',
  stateLabel: 'Trạng thái',
  queue: 'Hồ sơ chờ gửi',
  oldest: 'Hồ sơ chờ lâu nhất',
  lastSuccess: 'Lần đồng bộ thành công gần nhất',
  lastError: 'Lỗi gần nhất',
  nextAttempt: 'Lần thử tiếp theo',
  never: 'Chưa lần nào',
  none: 'Không có',
  ago: {
    minutes: '{{count}} phút trước',
    hours: '{{count}} giờ trước',
    days: '{{count}} ngày trước',
    now: 'vừa xong',
  },
  state: {
    not_enrolled: 'Chưa đăng ký',
    idle: 'Sẵn sàng',
    pushing: 'Đang gửi hồ sơ',
    uploading: 'Đang gửi ảnh trang',
    pulling: 'Đang nhận cập nhật từ tỉnh',
    backoff: 'Mất kết nối, chờ thử lại',
    paused: 'Đã tạm dừng',
    outside_window: 'Ngoài giờ đồng bộ',
  },
  now: 'Đồng bộ ngay',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục',
  started: 'Đã bắt đầu một lượt đồng bộ.',
  optionsTitle: 'Cài đặt đồng bộ',
  bandwidth: 'Giới hạn băng thông (KB/giây)',
  bandwidthHint: 'Để trống nếu không giới hạn (tối thiểu 1 KB/giây).',
  windowFrom: 'Chỉ đồng bộ từ',
  windowTo: 'đến',
  windowHint: 'Để trống cả hai để đồng bộ mọi lúc. Ví dụ 17:00 đến 07:00 qua nửa đêm.',
  retention: 'Xoá ảnh trang khỏi máy sau (ngày)',
  retentionHint: 'Sau khi tỉnh xác nhận đã nhận đủ trang. Để trống để không bao giờ xoá.',
  allowHttp: 'Cho phép HTTP không mã hoá (chỉ trong mạng nội bộ tin cậy)',
  proxy: 'Máy chủ proxy',
  proxyHint: 'Ví dụ http://proxy.xa.vn:3128. Để trống để dùng HTTPS_PROXY của hệ thống, nếu có.',
  saveOptions: 'Lưu cài đặt đồng bộ',
  optionsSaved: 'Đã lưu cài đặt đồng bộ.',
  windowBoth: 'Cần nhập cả giờ bắt đầu và giờ kết thúc.',
  bandwidthInvalid: 'Giới hạn băng thông phải là số nguyên từ 1 trở lên.',
  retentionInvalid: 'Số ngày phải là số nguyên từ 0 đến 3650.',
  errors: {
    url_format: 'Địa chỉ máy chủ tỉnh không hợp lệ.',
    url_protocol: 'Địa chỉ máy chủ tỉnh phải bắt đầu bằng https://.',
    url_insecure: 'Máy chủ tỉnh phải dùng HTTPS: dữ liệu công dân không được gửi không mã hoá.',
    enroll_unreachable: 'Không kết nối được máy chủ tỉnh tại địa chỉ này. Kiểm tra địa chỉ, mạng và máy chủ rồi thử lại.',
    enroll_otherPoint: 'Mã đăng ký thuộc điểm tiếp nhận khác với mã đơn vị của máy này.',
    bad_code: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.',
  },
  chip: {
    draft: 'Bản nháp',
    local_only: 'Chỉ trên máy',
    uploading: 'Đang gửi lên tỉnh',
    at_province: 'Đã đến tỉnh',
    bytes: '{{done}} / {{total}}',
    progress: 'Tiến độ gửi ảnh trang',
    conflicts: '{{count}} xung đột',
    note: 'Ghi chú của tỉnh: {{note}}',
    refused: 'Tỉnh chưa nhận hồ sơ. {{reason}}',
  },
  province: {
    accepted: 'Tỉnh đã tiếp nhận',
    processing: 'Tỉnh đang xử lý',
    supplement_requested: 'Tỉnh yêu cầu bổ sung',
    completed: 'Tỉnh đã giải quyết xong',
    result_returned: 'Đã trả kết quả',
    rejected: 'Tỉnh từ chối',
  },
  dossierTitle: 'Đồng bộ với tỉnh',
  conflictsTitle: 'Xung đột cần xem',
  conflictsHint: 'Thay đổi của máy và của tỉnh không khớp; máy đã lưu cả hai để đối chiếu.',
  resolve: 'Đã xử lý',
};

export const syncEn: Widen<typeof syncVi> = {
  nav: 'Sync',
  column: 'Province sync',
  title: 'Sync with the provincial server',
  enrollTitle: 'Enroll this desk with the provincial server',
  enrollHint: 'Enter the provincial server address and the one-time enrollment code from the provincial admin.',
  reenrollTitle: 'Enroll again',
  serverUrl: 'Provincial server address',
  serverUrlHint: 'For example: https://motcua.tinh.gov.vn',
  code: 'Enrollment code',
  codeInConfig: "Leave empty to use the code in the machine's config file (not shown here).",
  deviceName: 'Desk name',
  enroll: 'Enroll',
  enrolled: 'Enrolled with {{name}} ({{code}}), slot {{slot}}.',
  notEncrypted: 'Note: the desk credential is stored in a file only this user can read, not encrypted.',
  statusTitle: 'Sync status',
  server: 'Server',
  notEnrolledYet: 'This desk is not enrolled with the provincial server.',
  stateLabel: 'State',
  queue: 'Dossiers waiting to be sent',
  oldest: 'Oldest waiting dossier',
  lastSuccess: 'Last successful sync',
  lastError: 'Last error',
  nextAttempt: 'Next attempt',
  never: 'Never',
  none: 'None',
  ago: {
    minutes: '{{count}} min ago',
    hours: '{{count}} h ago',
    days: '{{count}} days ago',
    now: 'just now',
  },
  state: {
    not_enrolled: 'Not enrolled',
    idle: 'Ready',
    pushing: 'Sending dossiers',
    uploading: 'Sending page images',
    pulling: 'Receiving updates from the province',
    backoff: 'Offline, waiting to retry',
    paused: 'Paused',
    outside_window: 'Outside the sync window',
  },
  now: 'Sync now',
  pause: 'Pause',
  resume: 'Resume',
  started: 'A sync pass has started.',
  optionsTitle: 'Sync settings',
  bandwidth: 'Bandwidth cap (KB/s)',
  bandwidthHint: 'Leave empty for no cap (at least 1 KB/s).',
  windowFrom: 'Sync only from',
  windowTo: 'to',
  windowHint: 'Leave both empty to sync at any time. E.g. 17:00 to 07:00 wraps midnight.',
  retention: 'Remove page images from this desk after (days)',
  retentionHint: 'After the province confirmed every page. Leave empty to never remove.',
  allowHttp: 'Allow unencrypted HTTP (trusted local network only)',
  proxy: 'Proxy server',
  proxyHint: "E.g. http://proxy.xa.vn:3128. Leave empty to use the system's HTTPS_PROXY, if any.",
  saveOptions: 'Save sync settings',
  optionsSaved: 'Sync settings saved.',
  windowBoth: 'Enter both the start and the end time.',
  bandwidthInvalid: 'The bandwidth cap must be a whole number of at least 1.',
  retentionInvalid: 'Days must be a whole number from 0 to 3650.',
  errors: {
    url_format: 'The provincial server address is not valid.',
    url_protocol: 'The provincial server address must start with https://.',
    url_insecure: "The provincial server must use HTTPS: citizens' data is never sent unencrypted.",
    enroll_unreachable: 'Cannot reach the provincial server at this address. Check the address, the network and the server, then try again.',
    enroll_otherPoint: "The enrollment code belongs to another reception point than this desk's unit code.",
    bad_code: 'The enrollment code is wrong, already used or expired.',
  },
  chip: {
    draft: 'Draft',
    local_only: 'On this desk only',
    uploading: 'Sending to the province',
    at_province: 'At the province',
    bytes: '{{done}} / {{total}}',
    progress: 'Page upload progress',
    conflicts: '{{count}} conflicts',
    note: "Province's note: {{note}}",
    refused: 'Not accepted by the province. {{reason}}',
  },
  province: {
    accepted: 'Accepted by the province',
    processing: 'Being processed',
    supplement_requested: 'Supplement requested',
    completed: 'Completed',
    result_returned: 'Result returned',
    rejected: 'Rejected by the province',
  },
  dossierTitle: 'Sync with the province',
  conflictsTitle: 'Conflicts to review',
  conflictsHint: "The desk's and the province's changes disagree; both are kept for comparison.",
  resolve: 'Dealt with',
};

/** Adds the 'sync' namespace once, after i18n has been initialised by the app. */
export function ensureSyncTexts(): void {
  registerFeatureTexts('sync', syncVi, syncEn);
}

/** The nav label, for the shell (which renders before any sync screen). */
export function syncNavLabel(): string {
  ensureSyncTexts();
  return i18next.t('nav', { ns: 'sync' });
}

/** Sizes for the progress text: 1,2 MB. */
export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v) + ' ' + units[u];
}

/** The dossier list's column header. */
export function syncColumnLabel(): string {
  ensureSyncTexts();
  return i18next.t('column', { ns: 'sync' });
}
