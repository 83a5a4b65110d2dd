import type { z } from 'zod';
import type { Commands, CommandName } from '../../src-shared/contract/commands.js';
import type { User } from '../../src-shared/contract/schemas.js';

/** What a handler knows about its caller. `user` is null only for public and setup commands. */
export type CallContext = {
  user: User | null;
  sessionToken: string | null;
};

export type Handler<N extends CommandName> = (
  input: z.output<Commands[N]['input']>,
  ctx: CallContext,
) => z.input<Commands[N]['output']> | Promise<z.input<Commands[N]['output']>>;

/** Main implements every command: a missing one is a compile error. */
export type Handlers = { [N in CommandName]: Handler<N> };
