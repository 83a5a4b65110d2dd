import type { ProblemTexts } from './problem-text.js';

export const calendarProblems = {
  'calendar.badHolidayYear': {
    vi: 'Mỗi ngày chỉ khai một lần và phải thuộc năm {{year}}.',
    en: 'List each day once, and only days of {{year}}.',
  },
} satisfies ProblemTexts;
