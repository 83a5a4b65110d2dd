import type { ProblemTexts } from './problem-text.js';

export const exportProblems = {
  'export.pageUnreadable': {
    vi: 'Không đọc được ảnh của trang {{position}}: tệp ảnh bị thiếu hoặc hỏng.',
    en: 'The image of page {{position}} cannot be read: its file is missing or damaged.',
  },
  'export.pagePurged': {
    vi: 'Không xuất được: ảnh của trang {{position}} đã được xoá khỏi máy sau khi tỉnh xác nhận đã nhận; bản lưu ở máy chủ tỉnh.',
    en: 'Cannot export: the image of page {{position}} was removed from this PC after the province confirmed it holds it; the copy is on the provincial server.',
  },
  'export.componentNotFound': { vi: 'Không tìm thấy thành phần hồ sơ.', en: 'Document not found in the dossier.' },
  'export.componentEmpty': { vi: 'Thành phần hồ sơ này chưa có trang nào để xuất.', en: 'This document has no pages to export yet.' },
  'export.dossierEmpty': { vi: 'Hồ sơ chưa có trang nào để xuất.', en: 'The dossier has no pages to export yet.' },
} satisfies ProblemTexts;
