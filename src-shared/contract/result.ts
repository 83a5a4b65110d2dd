import type { ErrorCode, Problem } from './errors.js';

/** Every command answers with this envelope, across IPC and the web host alike (DESIGN.md habit 5). */
export type CommandError = {
  code: ErrorCode;
  /** Human message in the app's default language (Vietnamese), for logs and the command line. */
  message: string;
  /** The specific problem, when there is one: the renderer shows it in the reader's language. */
  problem?: Problem;
  /** Field path → message key, for form validation errors. */
  fields?: Record<string, string>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
