import type { z } from 'zod';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Commands } from '../../src-shared/contract/commands.js';
import type { CommandDef } from '../../src-shared/contract/define.js';
import type { User } from '../../src-shared/contract/schemas.js';

/** What a handler knows about its caller. `user` is null only for public and setup commands. */
export type CallContext = {
  user: User | null;
  sessionToken: string | null;
};

/**
 * The handlers of a group of commands (one feature's `<feature>Commands`): each takes the
 * parsed input and answers what the output schema accepts.
 */
export type HandlersOf<C extends Record<string, CommandDef>> = {
  [N in keyof C]: (input: z.output<C[N]['input']>, ctx: CallContext) => z.input<C[N]['output']> | Promise<z.input<C[N]['output']>>;
};

/** Main implements every command: a missing one is a compile error. */
export type Handlers = HandlersOf<Commands>;

/** The caller of a command guarded by roles: the dispatcher has checked the session, so a user is always there. */
export function callerOf(ctx: CallContext): User {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}
