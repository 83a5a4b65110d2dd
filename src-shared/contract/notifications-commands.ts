import { z } from 'zod';
import { anyone, define, done } from './define.js';
import { Id, IsoInstant } from './schemas.js';

export const NotificationKind = z.enum(['supplement_requested', 'result_ready', 'due_tomorrow']);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  dossierId: Id,
  code: z.string().nullable(),
  applicantName: z.string(),
  /** The province's status for supplement/result; the due date (YYYY-MM-DD) for due_tomorrow. */
  ref: z.string(),
  at: IsoInstant,
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

/**
 * In-app notifications (issue 9): the province asked for a supplement or returned a result, a
 * dossier is due on the next working day. A clerk gets those of their own dossiers.
 */
export const notificationsCommands = {
  'notifications.list': define(anyone, z.object({ limit: z.number().int().min(1).max(200).default(50) }), z.object({ unread: z.number().int(), items: z.array(Notification) })),
  'notifications.markRead': define(anyone, z.object({ ids: z.array(z.number().int().min(1)).max(500) }), done),
} as const;
