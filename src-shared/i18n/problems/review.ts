import type { ProblemTexts } from './problem-text.js';

export const reviewProblems = {
  'review.draft': {
    vi: 'Hồ sơ nháp chưa tiếp nhận, chưa thể kiểm tra.',
    en: 'A draft has not been received yet; it cannot be reviewed.',
  },
  'review.notWaiting': {
    vi: 'Hồ sơ không ở trạng thái chờ kiểm tra (có thể vừa được người khác duyệt hoặc trả lại).',
    en: 'This dossier is not waiting for review (someone may just have approved or returned it).',
  },
  'review.noPages': {
    vi: 'Hồ sơ chưa có trang nào được quét, chưa thể duyệt.',
    en: 'No page of this dossier has been scanned yet; there is nothing to approve.',
  },
  'review.pageGone': {
    vi: 'Trang được đánh dấu không còn trong hồ sơ; hãy mở lại hồ sơ.',
    en: 'A marked page is no longer in the dossier; open it again.',
  },
  'review.notReturned': {
    vi: 'Hồ sơ không bị trả lại, không cần gửi kiểm tra lại.',
    en: 'This dossier was not sent back; there is nothing to resubmit.',
  },
} satisfies ProblemTexts;
