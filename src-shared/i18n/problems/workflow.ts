import type { ProblemTexts } from './problem-text.js';

export const workflowProblems = {
  'workflow.notYours': {
    vi: 'Hồ sơ này được giao cho cán bộ khác; bạn không thể thao tác trên hồ sơ này.',
    en: 'This dossier is assigned to another clerk; you cannot act on it.',
  },
  'workflow.badAssignee': {
    vi: 'Chỉ giao được cho cán bộ tiếp nhận hoặc giám sát đang hoạt động.',
    en: 'A dossier can only be given to an active clerk or supervisor.',
  },
  'workflow.draftNoResult': {
    vi: 'Hồ sơ nháp chưa tiếp nhận, chưa có kết quả để trả.',
    en: 'A draft has not been received; there is no result to hand back.',
  },
  'workflow.alreadyHandedBack': {
    vi: 'Kết quả của hồ sơ này đã được trả.',
    en: 'The result of this dossier has already been handed back.',
  },
} satisfies ProblemTexts;
