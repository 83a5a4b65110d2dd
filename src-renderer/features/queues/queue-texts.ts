import i18next from 'i18next';
import { queueNames } from '../../../src-shared/i18n/queue-names.js';
import { registerFeatureTexts } from '../../i18n/feature-texts.js';

/** Texts of the work queues ('queues' namespace). Vietnamese first; English has the same keys. */
export const queuesVi = {
  navLead: 'Giám sát',
  navClerk: 'Việc của tôi',
  titleLead: 'Bàn giám sát — hàng đợi hồ sơ',
  titleClerk: 'Việc của tôi — hàng đợi hồ sơ',
  intro: 'Số hồ sơ trong từng hàng đợi và hồ sơ chờ lâu nhất, cập nhật tức thời. Mũi tên lên/xuống để chọn, Enter để mở.',
  queueList: 'Các hàng đợi',
  items: 'Hồ sơ trong hàng đợi “{{name}}”',
  count: '{{count}} hồ sơ',
  oldest: 'cũ nhất: {{age}}',
  oldestDue: 'hẹn sớm nhất: {{date}}',
  empty: 'Không có hồ sơ nào trong hàng đợi này.',
  loading: 'Đang đếm hồ sơ…',
  names: queueNames.vi,
  filters: 'Lọc và sắp xếp',
  procedure: 'Mã thủ tục',
  procedurePlaceholder: 'Tất cả',
  clerk: 'Cán bộ',
  allClerks: 'Tất cả cán bộ',
  from: 'Từ ngày',
  to: 'Đến ngày',
  sort: 'Sắp xếp',
  sorts: { oldest: 'Chờ lâu nhất trước', newest: 'Mới nhất trước', received: 'Theo ngày tiếp nhận', procedure: 'Theo thủ tục', clerk: 'Theo cán bộ' },
  clear: 'Bỏ lọc',
  col: { code: 'Mã hồ sơ', applicant: 'Người nộp', procedure: 'Thủ tục', clerk: 'Cán bộ', received: 'Tiếp nhận', appointment: 'Hẹn trả', age: 'Chờ', pages: 'Số trang', reason: 'Lý do lỗi' },
  noCode: '(nháp)',
  open: 'Mở hồ sơ {{name}}',
  review: 'Kiểm tra',
  page: '{{from}}–{{to}} / {{total}}',
  prev: 'Trang trước',
  next: 'Trang sau',
  late: 'trễ {{age}}',
  age: { minutes: '{{count}} phút', hours: '{{count}} giờ', days: '{{count}} ngày', now: 'vừa xong' },
};

export const queuesEn: typeof queuesVi = {
  navLead: 'Supervision',
  navClerk: 'My work',
  titleLead: "Supervisor's desk — dossier queues",
  titleClerk: 'My work — dossier queues',
  intro: 'How many dossiers each queue holds and the one waiting longest, live. Up/down arrows to choose, Enter to open.',
  queueList: 'Queues',
  items: 'Dossiers in “{{name}}”',
  count: '{{count}} dossiers',
  oldest: 'oldest: {{age}}',
  oldestDue: 'earliest due: {{date}}',
  empty: 'No dossier in this queue.',
  loading: 'Counting dossiers…',
  names: queueNames.en,
  filters: 'Filter and sort',
  procedure: 'Procedure code',
  procedurePlaceholder: 'All',
  clerk: 'Clerk',
  allClerks: 'All clerks',
  from: 'From',
  to: 'To',
  sort: 'Sort',
  sorts: { oldest: 'Waiting longest first', newest: 'Newest first', received: 'By receipt date', procedure: 'By procedure', clerk: 'By clerk' },
  clear: 'Clear filters',
  col: { code: 'Dossier code', applicant: 'Applicant', procedure: 'Procedure', clerk: 'Clerk', received: 'Received', appointment: 'Due', age: 'Waiting', pages: 'Pages', reason: 'Why it failed' },
  noCode: '(draft)',
  open: 'Open the dossier of {{name}}',
  review: 'Review',
  page: '{{from}}–{{to}} of {{total}}',
  prev: 'Previous page',
  next: 'Next page',
  late: '{{age}} late',
  age: { minutes: '{{count}} min', hours: '{{count}} h', days: '{{count}} days', now: 'just now' },
};

export function ensureQueueTexts(): void {
  registerFeatureTexts('queues', queuesVi, queuesEn);
}

/** The nav label, before the screen has registered its texts. */
export const queuesNavLabel = (lead: boolean) => {
  ensureQueueTexts();
  return i18next.t(lead ? 'queues:navLead' : 'queues:navClerk');
};
