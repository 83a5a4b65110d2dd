import { z } from 'zod';
import { anyone, define, done, empty } from './define.js';
import { User } from './schemas.js';

const SessionInfo = z.object({
  sessionToken: z.string(),
  user: User,
  idleLockMinutes: z.number().int(),
});

/** Signing in and out, and the idle lock. */
export const authCommands = {
  'auth.login': define('public', z.object({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(256) }), SessionInfo),
  'auth.logout': define('public', empty, done),
  /** Unlocks a session locked by inactivity; the same user re-enters the password. */
  'auth.unlock': define('public', z.object({ password: z.string().max(256) }), done),
  'auth.me': define(anyone, empty, User),
} as const;
