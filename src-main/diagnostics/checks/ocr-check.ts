import { SELF_TEST_PASS_RATIO, type OcrSelfTest } from '../../ocr/self-test.js';
import { passed, problem, skipped, type CheckResult } from '../check-result.js';

const reinstall = 'Cài lại TiepNhan (dữ liệu OCR tiếng Việt đi kèm bộ cài, không tải từ mạng).';

/** The OCR self-test's outcome as a check. */
export function ocrCheck(t: OcrSelfTest | null): CheckResult {
  const title = 'Nhận dạng chữ (OCR) trên trang mẫu';
  if (!t) return skipped('ocr', title, 'Bỏ qua trong chế độ kiểm tra nhanh.');
  const data = { ...t };
  if (!t.dataFound) return problem('ocr', 'fail', title, `Thiếu dữ liệu OCR tiếng Việt (vie.traineddata) tại ${t.langPath ?? 'thư mục cài đặt'}.`, reinstall, data);
  if (t.error) return problem('ocr', 'fail', title, `Bộ nhận dạng chữ không chạy được: ${t.error}`, reinstall, data);
  const ratio = t.wordsRead / Math.max(1, t.wordsExpected);
  if (ratio < SELF_TEST_PASS_RATIO) {
    return problem('ocr', 'fail', title, `Chỉ đọc đúng ${t.wordsRead}/${t.wordsExpected} chữ của trang mẫu.`, `${reinstall} Nếu vẫn sai, gửi gói hỗ trợ cho bộ phận CNTT tỉnh.`, data);
  }
  return passed('ocr', title, `Đọc đúng ${t.wordsRead}/${t.wordsExpected} chữ, độ tin cậy ${t.meanConfidence}, mất ${(t.ms / 1000).toFixed(1)} giây.`, data);
}
