import type { QueueId } from '../contract/queues-commands.js';
import type { Locale } from './messages.js';

/** The queues' names, shown by the queue screen and printed by `tiepnhan queues`. */
export const queueNames: Record<Locale, Record<QueueId, string>> = {
  vi: {
    drafts: 'Hồ sơ nháp chưa tiếp nhận',
    missing_components: 'Đã tiếp nhận, thiếu trang của thành phần hồ sơ',
    waiting_scan: 'Chờ quét (chưa có trang nào)',
    ocr_pending: 'Đang chờ nhận dạng chữ (OCR)',
    ocr_failed: 'Nhận dạng chữ (OCR) bị lỗi',
    waiting_review: 'Chờ kiểm tra chất lượng',
    sent_back: 'Đã trả lại cán bộ để sửa',
    ready_to_sync: 'Sẵn sàng đồng bộ lên tỉnh',
    sync_failed: 'Đồng bộ bị lỗi',
    supplement_requested: 'Tỉnh yêu cầu bổ sung',
    result_ready: 'Có kết quả, chờ trả cho công dân',
    due_today: 'Đến hạn trả hôm nay',
    overdue: 'Quá hạn trả kết quả',
  },
  en: {
    drafts: 'Drafts not yet received',
    missing_components: 'Received, a component has no pages',
    waiting_scan: 'Waiting for scanning (no page yet)',
    ocr_pending: 'Waiting for text recognition (OCR)',
    ocr_failed: 'Text recognition (OCR) failed',
    waiting_review: 'Waiting for quality review',
    sent_back: 'Sent back to the clerk',
    ready_to_sync: 'Ready to sync to the province',
    sync_failed: 'Sync failed',
    supplement_requested: 'Supplement requested by the province',
    result_ready: 'Result ready to hand back',
    due_today: 'Due today',
    overdue: 'Overdue',
  },
};
