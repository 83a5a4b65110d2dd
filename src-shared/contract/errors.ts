import { problemText, type ProblemKey, type ProblemParams } from '../i18n/problems/index.js';

/** Stable error codes. Never renumber or rename: the renderer and logs depend on them. */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'SETUP_DONE',
  'SETUP_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_DRAFT',
  'CODE_RANGE_EXHAUSTED',
  'UNKNOWN_COMMAND',
  'INTERNAL',
  'DISK_FULL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What went wrong beyond the code: a message key of src-shared/i18n/problems and its parameters. */
export type Problem = { key: ProblemKey; params?: ProblemParams };

/**
 * An error a command answers with: a stable code, optionally the specific problem (rendered in
 * the reader's language by the renderer), and field keys for forms. `message` is the problem's
 * Vietnamese text (or the bare code; the dispatcher fills in the code's text), for logs and the
 * command line: main never writes user-facing text itself.
 */
export class AppError extends Error {
  readonly problem: Problem | undefined;

  constructor(
    readonly code: ErrorCode,
    problem?: Problem | ProblemKey,
    readonly fields?: Record<string, string>,
  ) {
    const p = typeof problem === 'string' ? { key: problem } : problem;
    super(p ? problemText('vi', p.key, p.params) : code);
    this.name = 'AppError';
    this.problem = p;
  }
}
