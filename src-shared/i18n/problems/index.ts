import { backupProblems } from './backup.js';
import { calendarProblems } from './calendar.js';
import { configProblems } from './config.js';
import { diskProblems } from './disk.js';
import { dossiersProblems } from './dossiers.js';
import { exportProblems } from './export.js';
import { imagingProblems } from './imaging.js';
import { ocrProblems } from './ocr.js';
import { pagesProblems } from './pages.js';
import type { ProblemParams, ProblemText } from './problem-text.js';
import { receiptProblems } from './receipt.js';
import { reviewProblems } from './review.js';
import { scanProblems } from './scan.js';
import { settingsProblems } from './settings.js';
import { syncProblems } from './sync.js';
import { usersProblems } from './users.js';
import { workflowProblems } from './workflow.js';

export type { ProblemParams } from './problem-text.js';

/** Every problem main can report, gathered from one file per feature (keys start with the feature). */
export const problems = {
  ...backupProblems,
  ...calendarProblems,
  ...configProblems,
  ...diskProblems,
  ...dossiersProblems,
  ...exportProblems,
  ...imagingProblems,
  ...ocrProblems,
  ...pagesProblems,
  ...receiptProblems,
  ...reviewProblems,
  ...scanProblems,
  ...settingsProblems,
  ...syncProblems,
  ...usersProblems,
  ...workflowProblems,
} as const satisfies Record<string, ProblemText>;

export type ProblemKey = keyof typeof problems;

export const isProblemKey = (key: unknown): key is ProblemKey => typeof key === 'string' && Object.prototype.hasOwnProperty.call(problems, key);

/** The text of a problem in one language, with its parameters filled in (the renderer uses i18next instead). */
export function problemText(locale: 'vi' | 'en', key: ProblemKey, params: ProblemParams = {}): string {
  return problems[key][locale].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
