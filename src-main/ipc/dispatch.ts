import { z } from 'zod';
import { commands, isCommandName, type CommandName } from '../../src-shared/contract/commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { errorMessages, fieldMessage } from '../../src-shared/i18n/messages.js';
import { diskFullProblem, freeBytes, isDiskFullError } from '../kernel/disk-space.js';
import type { Logger } from '../kernel/logger.js';
import type { CallContext, Handlers } from './handler-types.js';

export type Dispatch = (command: unknown, input: unknown, sessionToken: string | null) => Promise<Result<unknown>>;

type Deps = {
  handlers: Handlers;
  /** The signed-in user of a session token (auth's sessions, given by the root); throws when there is none. */
  sessions: { authorize(sessionToken: string | null): User };
  needsSetup: () => boolean;
  logger: Logger;
  /** A refusal for commands that start new work (a full disk), checked after access; none by default. */
  refuseNewWork?: (command: CommandName) => AppError | null;
  /** The data folder, to say how much room is left when a write fails on a full disk. */
  dataDir?: string;
};

function fail(error: AppError): Result<never> {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message !== error.code ? error.message : errorMessages.vi[error.code],
      ...(error.problem ? { problem: error.problem } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
}

export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message && !issue.message.includes(' ') ? issue.message : 'invalid';
  }
  const summary = Object.entries(fields)
    .map(([path, key]) => `${path}: ${fieldMessage('vi', key)}`)
    .join(' ');
  // The summary is for logs and the command line; the renderer shows each field's own message.
  const error = new AppError('VALIDATION', undefined, fields);
  error.message = `${errorMessages.vi.VALIDATION} ${summary}`;
  return error;
}

/**
 * The single entry point for every command from every transport: checks the name,
 * the caller's access, validates input and output with the contract's zod schemas,
 * and turns every failure into an error envelope. Nothing unvalidated reaches a handler.
 */
export function createDispatch({ handlers, sessions, needsSetup, logger, refuseNewWork, dataDir }: Deps): Dispatch {
  return async (command, rawInput, sessionToken) => {
    if (!isCommandName(command)) return fail(new AppError('UNKNOWN_COMMAND'));
    const name: CommandName = command;
    const def = commands[name];
    try {
      const ctx: CallContext = { user: null, sessionToken };
      if (def.access === 'setup') {
        if (!needsSetup()) throw new AppError('SETUP_DONE');
      } else if (def.access !== 'public') {
        if (needsSetup()) throw new AppError('SETUP_REQUIRED');
        const user = sessions.authorize(sessionToken);
        if (!def.access.includes(user.role)) throw new AppError('FORBIDDEN');
        ctx.user = user;
      }
      const refusal = refuseNewWork?.(name);
      if (refusal) throw refusal;
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw validationError(parsed.error.issues);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const output = await handler(parsed.data, ctx);
      return { ok: true, value: def.output.parse(output) };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      if (isDiskFullError(error)) {
        logger.error('command failed: disk full', { command: name });
        return fail(new AppError('DISK_FULL', diskFullProblem(dataDir ? freeBytes(dataDir) : null)));
      }
      logger.error('command failed', { command: name, error });
      return fail(new AppError('INTERNAL'));
    }
  };
}
