import type { ProblemTexts } from './problem-text.js';

export const usersProblems = {
  'users.cannotDisableSelf': { vi: 'Không thể tự khóa tài khoản của chính mình.', en: 'You cannot disable your own account.' },
  'users.notFound': { vi: 'Không tìm thấy tài khoản.', en: 'Account not found.' },
} satisfies ProblemTexts;
