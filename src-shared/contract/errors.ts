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

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}
