/**
 * The text of the OCR self-test page, `assets/selftest/ocr-selftest.png` (made by
 * tests/fixtures/generate-selftest-page.ts from these lines). No person's data on it: the
 * doctor's report, which goes into support bundles, says how many of these words were read.
 */
export const selfTestLines = [
  'KIỂM TRA NHẬN DẠNG CHỮ TIẾNG VIỆT',
  'Bộ phận tiếp nhận và trả kết quả',
  'Hồ sơ được quét, đọc và lưu trên máy này',
  'Giấy tờ gồm bản chính và bản sao có chứng thực',
  'Ngày làm việc từ thứ Hai đến thứ Sáu',
];

export const selfTestFile = ['selftest', 'ocr-selftest.png'] as const;
