import type { ProblemTexts } from './problem-text.js';

export const configProblems = {
  'config.locked': {
    vi: 'Giá trị do cấu hình máy đặt ({{files}}), không sửa được ở đây: {{keys}}. Bộ phận CNTT sửa trong tệp cấu hình.',
    en: 'Set by the machine configuration ({{files}}); cannot be changed here: {{keys}}. IT changes them in the config file.',
  },
} satisfies ProblemTexts;
