import type { scanCommands } from '../../src-shared/contract/scan-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { ScanBatches } from './scan-batches.js';

export function scanHandlers(batches: ScanBatches): HandlersOf<typeof scanCommands> {
  return {
    'scan.devices': ({ probe }) => (probe ? batches.devices() : batches.knownDevices()),
    'scan.addEscl': ({ url }) => batches.addEscl(url),
    'scan.start': (input, ctx) => batches.start(input, ctx.user?.id ?? null),
    'scan.cancel': ({ batchId }) => {
      batches.cancel(batchId);
      return { done: true };
    },
    'scan.active': ({ dossierId }) => batches.active(dossierId),
  };
}
