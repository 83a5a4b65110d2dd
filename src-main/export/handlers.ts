import type { exportCommands } from '../../src-shared/contract/export-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { ExportService } from './export-service.js';

export function exportHandlers(exports: ExportService): HandlersOf<typeof exportCommands> {
  return {
    'export.componentPdf': ({ dossierId, componentPosition }) => exports.componentPdf(dossierId, componentPosition),
    'export.dossierPdf': ({ dossierId }) => exports.dossierPdf(dossierId),
  };
}
