import i18next from 'i18next';
import { registerFeatureTexts } from '../../i18n/feature-texts.js';

/**
 * Texts of the search screen, in their own i18n namespace ('search') so this feature adds its keys
 * without editing the shared vi.ts / en.ts. Vietnamese first; English has the same keys.
 */
export const searchVi = {
  nav: 'Tìm kiếm',
  title: 'Tìm kiếm hồ sơ',
  label: 'Tìm theo tên người nộp, mã hồ sơ, số định danh hoặc nội dung trang',
  placeholder: 'Ví dụ: nguyen van duong, 079085001234',
  hint: 'Có thể gõ có dấu hoặc không dấu.',
  submit: 'Tìm',
  searching: 'Đang tìm…',
  none: 'Không tìm thấy hồ sơ nào khớp với “{{query}}”.',
  count: 'Tìm thấy {{count}} kết quả.',
  results: 'Kết quả tìm kiếm',
  dossierHit: 'Thông tin hồ sơ',
  pageHit: 'Trang {{n}}',
  draft: 'Hồ sơ nháp',
  open: 'Mở hồ sơ {{name}}',
};

export const searchEn: typeof searchVi = {
  nav: 'Search',
  title: 'Search dossiers',
  label: 'Search by applicant name, dossier code, ID number or page text',
  placeholder: 'e.g. nguyen van duong, 079085001234',
  hint: 'With or without Vietnamese diacritics.',
  submit: 'Search',
  searching: 'Searching…',
  none: 'No dossier matches “{{query}}”.',
  count: '{{count}} results.',
  results: 'Search results',
  dossierHit: 'Dossier details',
  pageHit: 'Page {{n}}',
  draft: 'Draft dossier',
  open: 'Open the dossier of {{name}}',
};

export function ensureSearchTexts(): void {
  registerFeatureTexts('search', searchVi, searchEn);
}

/** The nav entry's label (the shell renders it before the screen is opened). */
export function searchNavLabel(): string {
  ensureSearchTexts();
  return i18next.t('nav', { ns: 'search' });
}
