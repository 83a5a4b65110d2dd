import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../../src-shared/contract/errors.js';
import { messages } from './messages.js';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  SESSION_LOCKED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SETUP_DONE: 409,
  SETUP_REQUIRED: 409,
  NOT_DRAFT: 409,
  CODE_RANGE_EXHAUSTED: 409,
  UNKNOWN_COMMAND: 404,
  INTERNAL: 500,
  // 507 Insufficient Storage (RFC 4918).
  DISK_FULL: 507,
};

/** Raised in handlers: an AppError with an HTTP status other than the code's default. */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    fields?: Record<string, string>,
  ) {
    // The server's envelopes carry its own Vietnamese messages (messages.ts), not desk problem keys.
    super(code, undefined, fields);
    this.message = message;
  }
}

export type ErrorEnvelope = { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

export const envelope = (code: ErrorCode, message: string, fields?: Record<string, string>): ErrorEnvelope => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Every error leaves as `{ ok: false, error: { code, message } }` with a Vietnamese message. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send(envelope(err.code, err.message, err.fields));
    if (err instanceof AppError) return reply.code(statusOf[err.code]).send(envelope(err.code, err.message, err.fields));
    if (err instanceof ZodError) {
      const fields: Record<string, string> = {};
      for (const issue of err.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
      return reply.code(400).send(envelope('VALIDATION', messages.validation, fields));
    }
    const status = (err as FastifyError).statusCode;
    if (status === 413) return reply.code(413).send(envelope('VALIDATION', messages.tooLarge));
    if (status === 415) return reply.code(415).send(envelope('VALIDATION', messages.unsupportedMedia));
    if (status !== undefined && status >= 400 && status < 500) {
      const message = (err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
        ? messages.malformedJson
        : messages.validation;
      return reply.code(status).send(envelope('VALIDATION', message));
    }
    request.log.error(err);
    return reply.code(500).send(envelope('INTERNAL', messages.internal));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(envelope('NOT_FOUND', messages.notFound)));
}
