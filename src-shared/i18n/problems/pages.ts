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
  'pages.fileTooManyPages': {
    vi: 'Tệp «{{file}}» có {{pages}} trang, quá giới hạn {{limit}} trang mỗi tệp: không nhập trang nào. Hãy tách tệp, hoặc nhờ quản trị viên nâng giới hạn trong Cài đặt.',
    en: 'The file «{{file}}» has {{pages}} pages, over the limit of {{limit}} pages per file: nothing was imported. Split the file, or ask an administrator to raise the limit in Settings.',
  },
  'pages.dossierTooManyPages': {
    vi: 'Hồ sơ đang có {{existing}} trang; nhập thêm {{pages}} trang sẽ vượt giới hạn {{limit}} trang mỗi hồ sơ: không nhập trang nào. Hãy nhờ quản trị viên nâng giới hạn trong Cài đặt nếu hồ sơ thật sự dày như vậy.',
    en: 'The dossier has {{existing}} pages; {{pages}} more would pass the limit of {{limit}} pages per dossier: nothing was imported. Ask an administrator to raise the limit in Settings if the dossier really is that long.',
  },
  'pages.pageUnreadable': {
    vi: 'Trang {{page}} của tệp «{{file}}» bị hỏng hoặc không đọc được: không nhập trang nào. Hãy xin tệp khác hoặc quét bản giấy.',
    en: 'Page {{page}} of the file «{{file}}» is damaged or unreadable: nothing was imported. Ask for another file or scan the paper copy.',
  },
  'pages.importStopped': {
    vi: 'Việc nhập dừng ở trang {{page}} của tệp «{{file}}» vì không lưu được trang (ổ đĩa đầy hoặc lỗi ghi); {{kept}} trang đã lưu trước đó vẫn ở trong hồ sơ.',
    en: 'The import stopped at page {{page}} of the file «{{file}}» because the page could not be saved (disk full or a write error); the {{kept}} pages saved before it stay in the dossier.',
  },
  'pages.importNotFound': { vi: 'Không tìm thấy lượt nhập tệp.', en: 'Import not found.' },
} satisfies ProblemTexts;
