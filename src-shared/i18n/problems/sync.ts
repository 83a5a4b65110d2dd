import type { ProblemTexts } from './problem-text.js';

export const syncProblems = {
  'sync.offline': {
    vi: 'Không kết nối được máy chủ tỉnh (mất mạng hoặc máy chủ không trả lời). Sẽ thử lại tự động.',
    en: 'Cannot reach the provincial server (no network, or the server does not answer). Retrying automatically.',
  },
  'sync.deviceRefused': {
    vi: 'Máy chủ tỉnh từ chối thiết bị này (đã bị thu hồi hoặc mã xác thực sai). Cần đăng ký lại máy.',
    en: 'The provincial server refuses this device (revoked, or its credential is wrong). Enroll the desk again.',
  },
  'sync.otherPoint': {
    vi: 'Máy chủ tỉnh không cho phép thiết bị này gửi hồ sơ của điểm tiếp nhận khác.',
    en: 'The provincial server does not let this device send dossiers of another reception point.',
  },
  'sync.tooLarge': { vi: 'Tệp quá lớn so với giới hạn của máy chủ tỉnh.', en: "The file exceeds the provincial server's limit." },
  'sync.quotaStored': {
    vi: 'Máy này đã dùng hết dung lượng lưu trang được cấp trên máy chủ tỉnh; hãy liên hệ CNTT tỉnh.',
    en: 'This desk has used up its page storage on the provincial server; contact the province IT.',
  },
  'sync.quotaReserved': {
    vi: 'Máy này đang có quá nhiều tệp tải dở trên máy chủ tỉnh; sẽ thử lại tự động.',
    en: 'This desk has too many unfinished uploads on the provincial server; retrying automatically.',
  },
  'sync.enrollThrottled': {
    vi: 'Máy chủ tỉnh tạm chặn vì nhập sai mã đăng ký quá nhiều lần; hãy chờ rồi thử lại, hoặc nhờ CNTT tỉnh mở khoá.',
    en: 'The provincial server is blocking enrollment for a while after too many wrong codes; wait and try again, or ask the province IT to unlock it.',
  },
  // A push refused for the dossier's code (src-shared/sync/push-refusal.ts), kept on the outbox row.
  'sync.refused.code.format': { vi: 'Mã hồ sơ không đúng mẫu <mã đơn vị>-YYMMDD-XXXX.', en: 'The dossier code is not of the form <unit code>-YYMMDD-XXXX.' },
  'sync.refused.code.otherUnit': { vi: 'Mã hồ sơ mang mã đơn vị của điểm tiếp nhận khác.', en: "The dossier code carries another reception point's unit code." },
  'sync.refused.code.otherSlot': { vi: 'Số thứ tự trong mã hồ sơ không thuộc dải số của máy này.', en: "The number in the dossier code is outside this desk's range." },
  'sync.refused.code.taken': { vi: 'Mã hồ sơ này đã được một hồ sơ khác dùng ở máy chủ tỉnh.', en: 'Another dossier at the province already has this code.' },
  'sync.serverError': { vi: 'Máy chủ tỉnh gặp lỗi ({{status}}). Sẽ thử lại tự động.', en: 'The provincial server had an error ({{status}}). Retrying automatically.' },
  'sync.serverRefused': { vi: 'Máy chủ tỉnh trả lỗi ({{detail}}).', en: 'The provincial server answered with an error ({{detail}}).' },
  'sync.failed': { vi: 'Lỗi đồng bộ: {{detail}}', en: 'Sync error: {{detail}}' },
  'sync.enrollNoCode': { vi: 'Chưa nhập mã đăng ký.', en: 'No enrollment code given.' },
  'sync.enrollBadCode': { vi: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.', en: 'The enrollment code is wrong, used or expired.' },
  'sync.enrollPointFull': {
    vi: 'Điểm tiếp nhận này đã dùng hết chỗ cho máy một cửa (tối đa 9 máy).',
    en: 'This reception point has no desk slot left (at most 9 desks).',
  },
  'sync.enrollUnreachable': {
    vi: 'Không kết nối được máy chủ tỉnh tại địa chỉ này. Kiểm tra địa chỉ, mạng và máy chủ rồi thử lại.',
    en: 'Cannot reach a provincial server at this address. Check the address, the network and the server, then try again.',
  },
  'sync.enrollOtherPoint': {
    vi: 'Mã đăng ký thuộc điểm tiếp nhận {{code}} ({{name}}), khác mã đơn vị của máy này ({{own}}).',
    en: "The enrollment code belongs to reception point {{code}} ({{name}}), not to this desk's unit code ({{own}}).",
  },
  'sync.urlInvalid': { vi: 'Địa chỉ máy chủ tỉnh không hợp lệ.', en: 'The provincial server address is not valid.' },
  'sync.urlNotHttps': { vi: 'Địa chỉ máy chủ tỉnh phải bắt đầu bằng https://.', en: 'The provincial server address must start with https://.' },
  'sync.urlInsecure': {
    vi: 'Máy chủ tỉnh phải dùng HTTPS: dữ liệu công dân không được gửi không mã hoá. Quản trị viên có thể cho phép HTTP trong Cài đặt đồng bộ nếu mạng nội bộ tin cậy.',
    en: "The provincial server must use HTTPS: citizens' data is never sent unencrypted. An admin may allow HTTP in the sync settings on a trusted internal network.",
  },
  'sync.urlHasExtras': {
    vi: 'Địa chỉ máy chủ tỉnh không được chứa tên đăng nhập, tham số hay dấu #.',
    en: 'The provincial server address may not contain a user name, parameters or #.',
  },
  'sync.adminOnlyHttp': { vi: 'Chỉ quản trị viên được cho phép kết nối HTTP không mã hoá.', en: 'Only an admin may allow unencrypted HTTP.' },
  'sync.adminOnlyProxy': { vi: 'Chỉ quản trị viên được đặt máy chủ proxy.', en: 'Only an admin may set a proxy.' },
  'sync.conflictNotFound': { vi: 'Không tìm thấy xung đột chưa xử lý này.', en: 'This open conflict was not found.' },
  'sync.conflict.province_locked': {
    vi: 'Tỉnh đã tiếp nhận xử lý hồ sơ nên không nhận thay đổi từ máy một cửa. Thay đổi của máy được lưu lại để đối chiếu.',
    en: "The province is processing the dossier and takes no more changes from the desk. The desk's change is kept for comparison.",
  },
  'sync.conflict.stale_assumed_state': {
    vi: 'Hồ sơ trên máy chủ tỉnh đã khác bản máy này biết. Máy sẽ gửi lại bản mới nhất ở lần đồng bộ sau.',
    en: "The dossier on the provincial server differs from the desk's last known copy. The desk sends its latest version at the next sync.",
  },
} satisfies ProblemTexts;
