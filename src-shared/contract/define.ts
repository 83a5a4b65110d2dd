import { z } from 'zod';
import type { Role } from './schemas.js';

/**
 * How every command of the contract is declared. One module, imported by every
 * `<feature>-commands.ts`; `commands.ts` only gathers them (so no feature file imports it).
 */

/**
 * Who may call a command:
 * - 'public': anyone, no session (setup status, login);
 * - 'setup': only while the first-run setup has not been done;
 * - a list of roles: a valid, unlocked session with one of them.
 */
export type Access = 'public' | 'setup' | readonly Role[];

export type CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = { access: Access; input: I; output: O };

export const define = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): CommandDef<I, O> => ({
  access,
  input,
  output,
});

export const anyone = ['clerk', 'supervisor', 'admin'] as const;
export const leads = ['supervisor', 'admin'] as const;
export const admins = ['admin'] as const;

/** The input of a command that takes none. */
export const empty = z.object({}).strict();
/** The output of a command that only says it is done. */
export const done = z.object({ done: z.literal(true) });
