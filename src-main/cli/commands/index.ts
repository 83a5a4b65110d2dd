import type { CliCommand } from '../cli-command.js';
import { auditVerifyCommand } from './audit-verify.js';
import { backupCommand } from './backup.js';
import { demoDataCommand } from './demo-data.js';
import { diagnosticsCommand, doctorCommand } from './doctor.js';
import { migrateCommand } from './migrate.js';
import { ocrCommand } from './ocr.js';
import { queuesCommand } from './queues.js';
import { restoreCommand } from './restore.js';
import { searchCommand } from './search.js';
import { scanCommand } from './scan.js';
import { scannersCommand } from './scanners.js';
import { startCommand } from './start.js';
import { supportBundleCommand } from './support-bundle.js';
import { versionCommand } from './version.js';
import { webCommand } from './web.js';

/** Every `tiepnhan` command, in the order `--help` lists them. Add new ones here. */
export const cliCommands: readonly CliCommand[] = [
  startCommand,
  webCommand,
  auditVerifyCommand,
  migrateCommand,
  doctorCommand,
  diagnosticsCommand,
  supportBundleCommand,
  backupCommand,
  restoreCommand,
  scannersCommand,
  scanCommand,
  ocrCommand,
  searchCommand,
  queuesCommand,
  demoDataCommand,
  versionCommand,
];
