import { z } from 'zod';
import { define, empty, done } from './define.js';
import { Password, ReceptionPoint, Username } from './schemas.js';

/** First-run setup of the desk: whether it is needed, and doing it (reception point + first admin). */
export const setupCommands = {
  /** Version and whether the desk still needs its first-run setup; public, asked before sign-in. */
  'setup.status': define(
    'public',
    empty,
    z.object({
      version: z.string(),
      needsSetup: z.boolean(),
      receptionPoint: ReceptionPoint.nullable(),
    }),
  ),
  'setup.init': define(
    'setup',
    z.object({
      receptionPoint: ReceptionPoint,
      admin: z.object({ username: Username, fullName: z.string().trim().min(1, 'required').max(200), password: Password }),
    }),
    done,
  ),
} as const;
