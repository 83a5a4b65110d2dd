import { registerFeatureTexts, type Widen } from '../../i18n/feature-texts.js';

/** Texts of the first-run wizard (namespace 'wizard'). */
export const wizardVi = {
  title: 'Trình hướng dẫn cài đặt máy một cửa',
  intro: 'Kết nối máy này với máy chủ tỉnh, rồi kiểm tra kết nối, máy quét và nhận dạng chữ trước khi bắt đầu làm việc.',
  server: 'Máy chủ tỉnh',
  serverUrl: 'Địa chỉ máy chủ tỉnh',
  serverUrlHint: 'Ví dụ: https://motcua.tinh.gov.vn',
  code: 'Mã đăng ký dùng một lần',
  codeInConfig: 'Đã có trong tệp cấu hình máy (không hiện ở đây); để trống để dùng mã đó.',
  deviceName: 'Tên máy',
  point: 'Bộ phận tiếp nhận',
  enrolledAlready: 'Máy đã đăng ký với {{server}}. Có thể chạy lại các bước kiểm tra.',
  test: 'Kiểm tra',
  testing: 'Đang kiểm tra kết nối, máy quét và nhận dạng chữ…',
  results: 'Kết quả kiểm tra',
  scanner: 'Máy quét',
  scannerFound: 'Tìm thấy {{count}} máy quét: {{names}}.',
  scannerNone: 'Không tìm thấy máy quét nào.',
  scannerFix: 'Bật máy quét, cắm cáp USB (hoặc thêm máy quét mạng trong màn hình quét) rồi kiểm tra lại.',
  scannerDemoOnly: 'Chỉ có máy quét thử; có thể bắt đầu và cắm máy quét thật sau.',
  finish: 'Đăng ký và hoàn tất',
  finishEnrolled: 'Hoàn tất',
  finishBlocked: 'Chưa hoàn tất được: hãy xử lý các mục lỗi rồi kiểm tra lại.',
  done: 'Đã cài đặt xong máy một cửa: {{point}} ({{code}}), chỗ số {{slot}}.',
  doneEnrolled: 'Đã kiểm tra xong: máy sẵn sàng làm việc.',
  toDossiers: 'Đến danh sách hồ sơ',
  later: 'Để sau',
};

export const wizardEn: Widen<typeof wizardVi> = {
  title: 'Desk setup wizard',
  intro: 'Connect this PC to the provincial server, then test the connection, the scanner and text recognition before work starts.',
  server: 'Provincial server',
  serverUrl: 'Provincial server address',
  serverUrlHint: 'E.g. https://motcua.tinh.gov.vn',
  code: 'One-time enrollment code',
  codeInConfig: "In the machine's config file (not shown here); leave empty to use it.",
  deviceName: 'PC name',
  point: 'Reception point',
  enrolledAlready: 'This PC is enrolled with {{server}}. The tests can be run again.',
  test: 'Test',
  testing: 'Testing the connection, the scanner and text recognition…',
  results: 'Test results',
  scanner: 'Scanner',
  scannerFound: '{{count}} scanners found: {{names}}.',
  scannerNone: 'No scanner found.',
  scannerFix: 'Switch the scanner on, plug in its USB cable (or add a network scanner on the scanning screen), then test again.',
  scannerDemoOnly: 'Only the demo scanner; work can start and a real scanner be plugged in later.',
  finish: 'Enroll and finish',
  finishEnrolled: 'Finish',
  finishBlocked: 'Cannot finish yet: deal with the failed items, then test again.',
  done: 'The desk is set up: {{point}} ({{code}}), slot {{slot}}.',
  doneEnrolled: 'Tests done: the desk is ready for work.',
  toDossiers: 'Go to the dossier list',
  later: 'Later',
};

export function ensureWizardTexts(): void {
  registerFeatureTexts('wizard', wizardVi, wizardEn);
}
