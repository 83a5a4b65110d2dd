import type { ProblemTexts } from './problem-text.js';

export const backupProblems = {
  'backup.busy': { vi: 'Đang sao lưu; hãy đợi lần này xong.', en: 'A backup is under way; wait for it to finish.' },
  'backup.noFolder': { vi: 'Chưa chọn thư mục sao lưu.', en: 'No backup folder chosen yet.' },
  'backup.targetIsFile': { vi: '{{target}} là một tệp, không phải thư mục.', en: '{{target}} is a file, not a folder.' },
  'backup.targetNotEmpty': {
    vi: 'Thư mục {{target}} đã có dữ liệu; hãy chọn một thư mục mới hoặc trống.',
    en: 'The folder {{target}} is not empty; choose a new or empty folder.',
  },
  'backup.pagesChanging': {
    vi: 'Trang bị xoá trong lúc sao lưu nhiều lần liên tiếp; hãy sao lưu lại sau ít phút.',
    en: 'Pages were deleted during the backup several times running; back up again in a few minutes.',
  },
  'backup.invalid': { vi: 'Không khôi phục: {{problems}}', en: 'Not restored: {{problems}}' },
  'backup.noRoom': {
    vi: 'Không đủ chỗ để khôi phục: cần khoảng {{needed}}, còn {{free}}. Dữ liệu hiện tại không bị thay đổi.',
    en: 'Not enough room to restore: about {{needed}} needed, {{free}} free. The current data is unchanged.',
  },
  'backup.changedDuringRestore': {
    vi: 'Bản sao lưu bị thay đổi trong lúc khôi phục; dữ liệu hiện tại không bị thay đổi.',
    en: 'The backup changed while it was being restored; the current data is unchanged.',
  },
  'backup.restorePending': { vi: 'Đã có một lần khôi phục đang chờ; hãy huỷ nó trước.', en: 'A restore is already waiting; cancel it first.' },
  'backup.noPendingRestore': { vi: 'Không có lần khôi phục nào đang chờ.', en: 'No restore is waiting.' },
} satisfies ProblemTexts;
