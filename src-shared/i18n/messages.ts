import type { ErrorCode } from '../contract/errors.js';

/**
 * Messages that main and renderer both show: error codes and validation keys.
 * Vietnamese is the default language; English is the second.
 */
export type Locale = 'vi' | 'en';

export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  vi: {
    VALIDATION: 'Thông tin nhập chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.',
    UNAUTHENTICATED: 'Bạn cần đăng nhập để tiếp tục.',
    SESSION_LOCKED: 'Phiên làm việc đã khóa do không thao tác. Nhập lại mật khẩu để tiếp tục.',
    FORBIDDEN: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    SETUP_DONE: 'Ứng dụng đã được thiết lập.',
    SETUP_REQUIRED: 'Ứng dụng chưa được thiết lập lần đầu.',
    NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
    CONFLICT: 'Dữ liệu đã tồn tại hoặc vừa bị thay đổi.',
    NOT_DRAFT: 'Hồ sơ đã tiếp nhận, không thể sửa.',
    CODE_RANGE_EXHAUSTED: 'Đã hết số thứ tự hồ sơ trong ngày của máy này. Liên hệ bộ phận CNTT.',
    UNKNOWN_COMMAND: 'Yêu cầu không được hỗ trợ.',
    INTERNAL: 'Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn không bị mất; vui lòng thử lại.',
    DISK_FULL: 'Ổ đĩa của máy gần đầy: chưa nhận thêm hồ sơ, trang quét hay tệp mới. Dữ liệu đã lưu vẫn an toàn. Hãy báo bộ phận CNTT.',
  },
  en: {
    VALIDATION: 'Some fields are not valid. Please check the highlighted fields.',
    UNAUTHENTICATED: 'Please sign in to continue.',
    SESSION_LOCKED: 'The session locked after inactivity. Enter your password to continue.',
    FORBIDDEN: 'Your account may not do this.',
    BAD_CREDENTIALS: 'Wrong user name or password.',
    SETUP_DONE: 'The app is already set up.',
    SETUP_REQUIRED: 'The app has not been set up yet.',
    NOT_FOUND: 'Not found.',
    CONFLICT: 'This already exists or was just changed.',
    NOT_DRAFT: 'The dossier has been received and can no longer be edited.',
    CODE_RANGE_EXHAUSTED: "This desk has used up today's dossier numbers. Contact IT.",
    UNKNOWN_COMMAND: 'Unsupported request.',
    INTERNAL: 'Something unexpected went wrong. Nothing was lost; please try again.',
    DISK_FULL: 'The disk is almost full: no new dossiers, scans or files for now. What is stored is safe. Please tell IT.',
  },
};

/** Validation message keys produced by the zod schemas in the contract. */
export const fieldMessages: Record<Locale, Record<string, string>> = {
  vi: {
    required: 'Bắt buộc nhập.',
    'text.tooLong': 'Quá dài.',
    'text.control': 'Có ký tự không hợp lệ.',
    'date.format': 'Ngày không hợp lệ (năm-tháng-ngày).',
    'date.birthRange': 'Ngày sinh phải từ năm 1900 đến hôm nay.',
    'time.format': 'Giờ không hợp lệ (GG:PP, từ 00:00 đến 23:59).',
    'id.birthYearFuture': 'Năm sinh mã hóa trong số CCCD nằm ở tương lai.',
    'id.uuid': 'Mã không hợp lệ.',
    'id.format': 'Số định danh phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).',
    'id.province': 'Ba chữ số đầu của CCCD không phải mã tỉnh hợp lệ.',
    'id.birthYearMismatch': 'Số CCCD không khớp với năm sinh.',
    'id.sexMismatch': 'Số CCCD không khớp với giới tính.',
    'phone.format': 'Số điện thoại không hợp lệ.',
    'email.format': 'Thư điện tử không hợp lệ.',
    'quantity.range': 'Số lượng từ 1 đến 999.',
    'username.format': 'Tên đăng nhập 3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch.',
    'password.tooShort': 'Mật khẩu tối thiểu 8 ký tự.',
    'username.taken': 'Tên đăng nhập đã có người dùng.',
    'procedure.unknown': 'Thủ tục không có trong danh mục đang áp dụng.',
    'components.missingRequired': 'Thiếu thành phần hồ sơ bắt buộc.',
    'holiday.duplicate': 'Ngày bị khai trùng.',
    'timeZone.invalid': 'Múi giờ không hợp lệ.',
    'agencyCode.format': 'Mã đơn vị theo QCVN 102:2016, ví dụ 000.00.53.H48.',
    'path.absolute': 'Cần đường dẫn đầy đủ, ví dụ D:\\SaoLuu hoặc /srv/sao-luu.',
    'backup.folder': 'Thư mục sao lưu không dùng được.',
    'backup.invalid': 'Bản sao lưu không hợp lệ.',
    'config.locked': 'Do cấu hình máy (tệp config.json của bộ phận CNTT) đặt, không sửa được ở đây.',
    invalid: 'Giá trị không hợp lệ.',
  },
  en: {
    required: 'Required.',
    'text.tooLong': 'Too long.',
    'text.control': 'Contains invalid characters.',
    'date.format': 'Invalid date (year-month-day).',
    'date.birthRange': 'Date of birth between 1900 and today.',
    'time.format': 'Invalid time (HH:MM, 00:00 to 23:59).',
    'id.birthYearFuture': 'The birth year encoded in the ID number is in the future.',
    'id.uuid': 'Invalid id.',
    'id.format': 'The ID number has 12 digits (CCCD) or 9 digits (old CMND).',
    'id.province': 'The first three digits are not a valid province code.',
    'id.birthYearMismatch': 'The ID number does not match the year of birth.',
    'id.sexMismatch': 'The ID number does not match the sex.',
    'phone.format': 'Invalid phone number.',
    'email.format': 'Invalid email.',
    'quantity.range': 'Quantity from 1 to 999.',
    'username.format': 'User name: 3–32 lowercase letters, digits, dot, dash.',
    'password.tooShort': 'Password: at least 8 characters.',
    'username.taken': 'This user name is taken.',
    'procedure.unknown': 'Procedure not in the current catalog.',
    'components.missingRequired': 'Required documents missing.',
    'holiday.duplicate': 'Date listed twice.',
    'timeZone.invalid': 'Invalid time zone.',
    'agencyCode.format': 'Unit code under QCVN 102:2016, e.g. 000.00.53.H48.',
    'path.absolute': 'A full path, e.g. D:\\Backups or /srv/backups.',
    'backup.folder': 'This backup folder cannot be used.',
    'backup.invalid': 'Not a valid backup.',
    'config.locked': "Set by the machine configuration (IT's config.json); cannot be changed here.",
    invalid: 'Invalid value.',
  },
};

export function fieldMessage(locale: Locale, key: string): string {
  return fieldMessages[locale][key] ?? fieldMessages[locale].invalid ?? key;
}
