import type { notificationsCommands } from '../../src-shared/contract/notifications-commands.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import type { NotificationsService } from './notifications-service.js';

export function notificationsHandlers(notifications: NotificationsService): HandlersOf<typeof notificationsCommands> {
  return {
    'notifications.list': ({ limit }, ctx) => notifications.list(callerOf(ctx), limit),
    'notifications.markRead': ({ ids }, ctx) => notifications.markRead(ids, callerOf(ctx)),
  };
}
