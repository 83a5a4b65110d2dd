import type { diagnosticsCommands } from '../../src-shared/contract/diagnostics-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { DiagnosticsService } from './diagnostics-service.js';

export function diagnosticsHandlers(diagnostics: DiagnosticsService): HandlersOf<typeof diagnosticsCommands> {
  return {
    'diagnostics.run': ({ quick }) => diagnostics.run(quick),
    'diagnostics.checkServer': ({ serverUrl }) => diagnostics.checkServer(serverUrl),
    'diagnostics.ocrSelfTest': () => diagnostics.ocrSelfTest(),
    'diagnostics.logs': (q) => diagnostics.logs(q),
    'diagnostics.supportBundle': () => diagnostics.supportBundle(),
  };
}
