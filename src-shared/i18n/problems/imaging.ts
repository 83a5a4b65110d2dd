import type { ProblemTexts } from './problem-text.js';

/** Refusals of bad page input. `file` is the file's name, or empty for a scanned page. */
export const imagingProblems = {
  'imaging.notAnImage': {
    vi: 'Tệp «{{file}}» không phải ảnh hoặc PDF được hỗ trợ. Chỉ nhận JPEG, PNG, TIFF và PDF.',
    en: 'The file «{{file}}» is not a supported image or PDF. Only JPEG, PNG, TIFF and PDF are accepted.',
  },
  'imaging.corrupt': {
    vi: 'Tệp «{{file}}»: ảnh bị hỏng hoặc không đầy đủ (có thể bị cắt ngang khi sao chép). Hãy quét hoặc chép lại tệp.',
    en: 'The file «{{file}}» is damaged or incomplete (perhaps cut off while copying). Scan or copy it again.',
  },
  'imaging.tooLarge': {
    vi: 'Tệp «{{file}}»: ảnh quá lớn ({{megapixels}} triệu điểm ảnh), tối đa {{limit}} triệu điểm ảnh. Có thể tệp bị lỗi hoặc độc hại; nếu là ảnh quét, hãy quét lại ở độ phân giải thấp hơn.',
    en: 'The file «{{file}}» is too large ({{megapixels}} megapixels; at most {{limit}}). It may be damaged or hostile; if it is a scan, scan again at a lower resolution.',
  },
  'imaging.tooSmall': { vi: 'Tệp «{{file}}»: ảnh quá nhỏ để là một trang tài liệu.', en: 'The file «{{file}}» is too small to be a document page.' },
  'imaging.badFrame': {
    vi: 'Dữ liệu trang từ máy quét không khớp với kích thước đã báo. Hãy quét lại trang này.',
    en: 'The page data from the scanner does not match the size it announced. Scan this page again.',
  },
  'imaging.pdfLocked': { vi: 'Tệp «{{file}}»: PDF có mật khẩu; hãy mở khóa rồi nhập lại.', en: 'The file «{{file}}» is a password-protected PDF: unlock it, then import it again.' },
  'imaging.noPages': { vi: 'Tệp «{{file}}» không có trang nào.', en: 'The file «{{file}}» has no pages.' },
} satisfies ProblemTexts;
