import type { ProblemTexts } from './problem-text.js';

export const exportProblems = {
  'export.pageUnreadable': {
    vi: 'Không đọc được ảnh của trang {{position}}: tệp ảnh bị thiếu hoặc hỏng.',
    en: 'The image of page {{position}} cannot be read: its file is missing or damaged.',
  },
  'export.componentNotFound': { vi: 'Không tìm thấy thành phần hồ sơ.', en: 'Document not found in the dossier.' },
  'export.componentEmpty': { vi: 'Thành phần hồ sơ này chưa có trang nào để xuất.', en: 'This document has no pages to export yet.' },
  'export.dossierEmpty': { vi: 'Hồ sơ chưa có trang nào để xuất.', en: 'The dossier has no pages to export yet.' },
} satisfies ProblemTexts;
