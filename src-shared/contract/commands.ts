import type { z } from 'zod';
import { auditCommands } from './audit-commands.js';
import { backupCommands } from './backup-commands.js';
import { authCommands } from './auth-commands.js';
import { calendarCommands } from './calendar-commands.js';
import { catalogCommands } from './catalog-commands.js';
import { configCommands } from './config-commands.js';
import { diagnosticsCommands } from './diagnostics-commands.js';
import { dossiersCommands } from './dossiers-commands.js';
import { exportCommands } from './export-commands.js';
import { notificationsCommands } from './notifications-commands.js';
import { ocrCommands } from './ocr-commands.js';
import { pagesCommands } from './pages-commands.js';
import { queuesCommands } from './queues-commands.js';
import { receiptCommands } from './receipt-commands.js';
import { replicationCommands } from './replication-commands.js';
import { reviewCommands } from './review-commands.js';
import { scanCommands } from './scan-commands.js';
import { searchCommands } from './search-commands.js';
import { settingsCommands } from './settings-commands.js';
import { setupCommands } from './setup-commands.js';
import { syncCommands } from './sync-commands.js';
import { usersCommands } from './users-commands.js';
import { workflowCommands } from './workflow-commands.js';

export type { Access } from './define.js';

/**
 * The whole contract between renderer and main, gathered from one file per feature. The house
 * rule (ARCHITECTURE.md): command `X.y` is declared in `src-shared/contract/X-commands.ts` and
 * handled in `src-main/X/handlers.ts`. Main must implement every entry.
 */
export const commands = {
  ...configCommands,
  ...setupCommands,
  ...authCommands,
  ...usersCommands,
  ...settingsCommands,
  ...auditCommands,
  ...catalogCommands,
  ...calendarCommands,
  ...dossiersCommands,
  ...receiptCommands,
  ...replicationCommands,
  ...pagesCommands,
  ...scanCommands,
  ...ocrCommands,
  ...searchCommands,
  ...exportCommands,
  ...syncCommands,
  ...queuesCommands,
  ...reviewCommands,
  ...workflowCommands,
  ...notificationsCommands,
  ...backupCommands,
  ...diagnosticsCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
