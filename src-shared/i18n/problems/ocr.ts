import type { ProblemTexts } from './problem-text.js';

export const ocrProblems = {
  'ocr.pageNotFound': { vi: 'Không tìm thấy trang.', en: 'Page not found.' },
  'ocr.noText': { vi: 'Trang này chưa được nhận dạng chữ.', en: 'This page has no OCR text yet.' },
  'ocr.wordNotFound': { vi: 'Không tìm thấy từ này trên trang.', en: 'Word not found on this page.' },
  'ocr.imageUnreadable': { vi: 'Không đọc được ảnh trang.', en: 'The page image cannot be read.' },
  'ocr.emptyImage': { vi: 'Tệp ảnh trống.', en: 'The image file is empty.' },
  'ocr.qrImageUnreadable': {
    vi: 'Không đọc được ảnh: hãy chọn ảnh JPEG hoặc PNG của thẻ CCCD.',
    en: 'The image cannot be read: choose a JPEG or PNG picture of the ID card.',
  },
  'ocr.qrNotFound': {
    vi: 'Không tìm thấy mã QR CCCD trong ảnh. Hãy quét hoặc chụp rõ mặt trước thẻ (có mã QR) rồi thử lại.',
    en: 'No ID card QR code found in the image. Scan or photograph the front of the card (with the QR code) clearly and try again.',
  },
  'ocr.qr.fieldCount': { vi: 'Mã QR này không phải mã QR trên thẻ CCCD (không đủ 7 trường).', en: 'This QR code is not an ID card QR code (it does not have 7 fields).' },
  'ocr.qr.idNumber': { vi: 'Số định danh trong mã QR không hợp lệ.', en: 'The ID number in the QR code is not valid.' },
  'ocr.qr.oldIdNumber': { vi: 'Số CMND cũ trong mã QR không hợp lệ.', en: 'The old ID number in the QR code is not valid.' },
  'ocr.qr.fullName': { vi: 'Mã QR không có họ và tên.', en: 'The QR code has no full name.' },
  'ocr.qr.dateOfBirth': {
    vi: 'Ngày sinh trong mã QR không hợp lệ hoặc không khớp số định danh.',
    en: 'The date of birth in the QR code is not valid or does not match the ID number.',
  },
  'ocr.qr.sex': { vi: 'Giới tính trong mã QR không hợp lệ hoặc không khớp số định danh.', en: 'The sex in the QR code is not valid or does not match the ID number.' },
  'ocr.qr.issueDate': { vi: 'Ngày cấp trong mã QR không hợp lệ.', en: 'The issue date in the QR code is not valid.' },
} satisfies ProblemTexts;
