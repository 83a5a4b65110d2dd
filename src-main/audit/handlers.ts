import type { auditCommands } from '../../src-shared/contract/audit-commands.js';
import type { Db } from '../db/open.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import { verifyAudit } from './audit-log.js';

export function auditHandlers(db: Db): HandlersOf<typeof auditCommands> {
  return {
    'audit.verify': () => verifyAudit(db),
  };
}
