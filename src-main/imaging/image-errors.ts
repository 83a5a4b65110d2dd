import { AppError } from '../../src-shared/contract/errors.js';
import { MAX_INPUT_PIXELS } from './limits.js';

/** Clear Vietnamese refusals for bad input (AppError VALIDATION carries the message to the clerk). */
const label = (name?: string) => (name ? `Tệp «${name}»: ` : '');

export const imageErrors = {
  notAnImage: (name?: string) =>
    new AppError('VALIDATION', `${label(name)}không phải ảnh hoặc PDF được hỗ trợ. Chỉ nhận JPEG, PNG, TIFF và PDF.`),
  corrupt: (name?: string) =>
    new AppError('VALIDATION', `${label(name)}ảnh bị hỏng hoặc không đầy đủ (có thể bị cắt ngang khi sao chép). Hãy quét hoặc chép lại tệp.`),
  tooLarge: (name?: string, pixels?: number) =>
    new AppError(
      'VALIDATION',
      `${label(name)}ảnh quá lớn${pixels ? ` (${Math.round(pixels / 1e6)} triệu điểm ảnh)` : ''}, tối đa ${MAX_INPUT_PIXELS / 1e6} triệu điểm ảnh. ` +
        'Có thể tệp bị lỗi hoặc độc hại; nếu là ảnh quét, hãy quét lại ở độ phân giải thấp hơn.',
    ),
  tooSmall: (name?: string) => new AppError('VALIDATION', `${label(name)}ảnh quá nhỏ để là một trang tài liệu.`),
  badFrame: () => new AppError('VALIDATION', 'Dữ liệu trang từ máy quét không khớp với kích thước đã báo. Hãy quét lại trang này.'),
  pdfLocked: (name?: string) => new AppError('VALIDATION', `${label(name)}PDF có mật khẩu; hãy mở khóa rồi nhập lại.`),
  noPages: (name?: string) => new AppError('VALIDATION', `${label(name)}không có trang nào.`),
};
