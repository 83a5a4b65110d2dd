import type { ProblemTexts } from './problem-text.js';

export const settingsProblems = {
  'settings.enrolledIdentity': {
    vi: 'Máy đã đăng ký với tỉnh: số máy, khối số và mã đơn vị do tỉnh cấp, không sửa ở đây. Hãy đăng ký lại nếu cần đổi.',
    en: 'This desk is enrolled with the province: its slot, block size and unit code come from the province and cannot be changed here. Enroll again to change them.',
  },
} satisfies ProblemTexts;
