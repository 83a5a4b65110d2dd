import { registerFeatureTexts } from '../../i18n/feature-texts.js';

/** Texts of in-app notifications ('notifications' namespace). Vietnamese first; English has the same keys. */
export const notificationsVi = {
  button: 'Thông báo ({{count}} chưa đọc)',
  short: 'Thông báo',
  title: 'Thông báo',
  none: 'Chưa có thông báo nào.',
  markAll: 'Đánh dấu đã đọc tất cả',
  close: 'Đóng',
  kinds: {
    supplement_requested: 'Tỉnh yêu cầu bổ sung hồ sơ {{code}} ({{name}})',
    result_ready: 'Tỉnh đã trả kết quả hồ sơ {{code}} ({{name}})',
    due_tomorrow: 'Hồ sơ {{code}} ({{name}}) đến hạn trả ngày {{date}}',
  },
};

export const notificationsEn: typeof notificationsVi = {
  button: 'Notifications ({{count}} unread)',
  short: 'Notices',
  title: 'Notifications',
  none: 'No notifications yet.',
  markAll: 'Mark all as read',
  close: 'Close',
  kinds: {
    supplement_requested: 'The province asks for a supplement to {{code}} ({{name}})',
    result_ready: 'The province returned the result of {{code}} ({{name}})',
    due_tomorrow: '{{code}} ({{name}}) is due on {{date}}',
  },
};

export function ensureNotificationTexts(): void {
  registerFeatureTexts('notifications', notificationsVi, notificationsEn);
}
