import { z } from 'zod';
import { admins, define, done, empty } from './define.js';
import { Id, Password, Role, User, Username } from './schemas.js';

/** The desk's user accounts, kept by an admin. */
export const usersCommands = {
  'users.list': define(admins, empty, z.array(User)),
  'users.create': define(
    admins,
    z.object({ username: Username, fullName: z.string().trim().min(1, 'required').max(200), role: Role, password: Password }),
    User,
  ),
  'users.setDisabled': define(admins, z.object({ id: Id, disabled: z.boolean() }), done),
} as const;
