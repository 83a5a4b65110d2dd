import type { backupCommands } from '../../src-shared/contract/backup-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { BackupService } from './backup-service.js';

export function backupHandlers(backup: BackupService): HandlersOf<typeof backupCommands> {
  return {
    'backup.status': () => backup.status(),
    'backup.run': ({ folder }) => backup.run(folder),
    'backup.setSchedule': (input) => backup.setSchedule(input),
    'backup.verify': ({ dir }) => backup.verify(dir),
    'backup.prepareRestore': ({ dir }) => backup.prepareRestore(dir),
    'backup.cancelRestore': () => {
      backup.cancelRestore();
      return { done: true };
    },
  };
}
