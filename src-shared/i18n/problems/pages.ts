import type { ProblemTexts } from './problem-text.js';

export const pagesProblems = {
  'pages.noComponent': { vi: 'Hồ sơ không có thành phần số {{position}}.', en: 'The dossier has no document number {{position}}.' },
  'pages.pageNotFound': { vi: 'Không tìm thấy trang (có thể đã bị xóa).', en: 'Page not found (it may have been deleted).' },
  'pages.noneSelected': { vi: 'Chưa chọn trang nào.', en: 'No page selected.' },
  'pages.mixedDossiers': { vi: 'Các trang phải thuộc cùng một hồ sơ.', en: 'The pages must belong to one dossier.' },
  'pages.changedMeanwhile': { vi: 'Trang vừa được thay đổi ở nơi khác; hãy thử lại.', en: 'The page was just changed elsewhere; try again.' },
  'pages.notDeleted': { vi: 'Trang này chưa bị xóa nên không cần khôi phục.', en: 'This page is not deleted, so there is nothing to restore.' },
  'pages.notPending': {
    vi: 'Có trang không thuộc hồ sơ này hoặc đã được xác nhận.',
    en: 'Some pages are not of this dossier or are already confirmed.',
  },
  'pages.purged': {
    vi: 'Ảnh trang đã được xoá khỏi máy sau khi tỉnh xác nhận đã nhận; bản lưu ở máy chủ tỉnh.',
    en: 'The page image was removed from this PC after the province confirmed it holds it; the copy is on the provincial server.',
  },
  'pages.batchNotFound': { vi: 'Không tìm thấy lượt quét.', en: 'Scan batch not found.' },
  'pages.batchEnded': { vi: 'Lượt quét đã kết thúc; hãy bắt đầu lượt quét mới.', en: 'The scan batch has ended; start a new one.' },
  'pages.noFiles': { vi: 'Chưa chọn tệp nào để nhập.', en: 'No file chosen to import.' },
} satisfies ProblemTexts;
