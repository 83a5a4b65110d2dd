import type { ProblemTexts } from './problem-text.js';

export const diskProblems = {
  'disk.full': {
    vi: 'Ổ đĩa của máy gần đầy (còn {{free}}): chưa nhận thêm hồ sơ, trang quét hay tệp mới. Dữ liệu đã lưu vẫn an toàn. Hãy báo bộ phận CNTT giải phóng dung lượng.',
    en: 'The disk is almost full ({{free}} left): no new dossiers, scans or files for now. What is stored is safe. Ask IT to free some space.',
  },
  'disk.fullNow': {
    vi: 'Ổ đĩa của máy đã đầy: chưa nhận thêm hồ sơ, trang quét hay tệp mới. Dữ liệu đã lưu vẫn an toàn. Hãy báo bộ phận CNTT giải phóng dung lượng.',
    en: 'The disk is full: no new dossiers, scans or files for now. What is stored is safe. Ask IT to free some space.',
  },
} satisfies ProblemTexts;
