import type { ProblemTexts } from './problem-text.js';

export const dossiersProblems = {
  'dossiers.notFound': { vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  'dossiers.procedureUnknown': {
    vi: 'Thủ tục "{{code}}" không có trong danh mục đang áp dụng.',
    en: 'Procedure "{{code}}" is not in the catalog in force.',
  },
  'dossiers.receiveIncomplete': {
    vi: 'Chưa tiếp nhận được: kiểm tra các ô được đánh dấu.',
    en: 'Cannot receive yet: check the highlighted fields.',
  },
  'dossiers.receiveNeedsPages': {
    vi: 'Cần nhập số trang và số bản sao để tính lệ phí chứng thực.',
    en: 'Enter the number of pages and copies to compute the certification fee.',
  },
  'dossiers.receiveMissingComponents': {
    vi: 'Thiếu thành phần hồ sơ bắt buộc: {{missing}}. Lập phiếu yêu cầu bổ sung thay vì tiếp nhận.',
    en: 'Required documents missing: {{missing}}. Issue a request to complete the dossier instead of receiving it.',
  },
  'dossiers.lookupCodeFailed': { vi: 'Không tạo được mã tra cứu.', en: 'Could not create a lookup code.' },
  'dossiers.noCodeFormat': {
    vi: 'Chưa cấu hình mẫu mã số hồ sơ áp dụng cho ngày {{date}}.',
    en: 'No dossier code format is configured for {{date}}.',
  },
  'dossiers.codeRangeExhausted': {
    vi: 'Máy này đã dùng hết dãy số thứ tự hồ sơ trong ngày {{date}} ({{first}}–{{last}}). Liên hệ bộ phận CNTT để cấp lại vị trí máy.',
    en: 'This desk has used up its dossier numbers for {{date}} ({{first}}–{{last}}). Contact IT for a new desk slot.',
  },
  'dossiers.slotOutsideFormat': {
    vi: 'Vị trí máy nằm ngoài dãy số của mẫu mã số hồ sơ ngày {{date}}. Liên hệ bộ phận CNTT để cấp lại vị trí máy.',
    en: "This desk's slot lies outside the numbers of the dossier code format of {{date}}. Contact IT for a new desk slot.",
  },
} satisfies ProblemTexts;
