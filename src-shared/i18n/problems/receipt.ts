import type { ProblemTexts } from './problem-text.js';

export const receiptProblems = {
  'receipt.notReceived': { vi: 'Hồ sơ chưa được tiếp nhận: chưa có biên nhận.', en: 'The dossier has not been received: there is no receipt yet.' },
  'receipt.qrTooLong': {
    vi: 'Nội dung mã QR quá dài để in. Vui lòng rút gọn mẫu địa chỉ tra cứu trong phần Cài đặt.',
    en: 'The QR code content is too long to print. Shorten the tracking address template in Settings.',
  },
  'receipt.badTimeZone': { vi: 'Múi giờ trong phần Cài đặt không hợp lệ: {{timeZone}}', en: 'The time zone in Settings is not valid: {{timeZone}}' },
} satisfies ProblemTexts;
