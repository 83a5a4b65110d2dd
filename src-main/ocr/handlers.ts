import type { z } from 'zod';
import type { OcrCommandName, OcrCommands } from '../../src-shared/contract/ocr-commands.js';
import type { Db } from '../db/open.js';
import type { CallContext } from '../ipc/handler-types.js';
import { searchDossiers } from '../search/search-repo.js';
import type { OcrService } from './ocr-service.js';

/**
 * Handlers of the OCR and search commands. Typed against ocr-commands.ts so they compile before
 * the integrator spreads `ocrCommands` into commands.ts; after that they fit `Handlers` as they are.
 */
type OcrHandler<N extends OcrCommandName> = (
  input: z.output<OcrCommands[N]['input']>,
  ctx: CallContext,
) => z.input<OcrCommands[N]['output']> | Promise<z.input<OcrCommands[N]['output']>>;
export type OcrHandlers = { [N in OcrCommandName]: OcrHandler<N> };

export type OcrHandlerDeps = { db: Db; ocr: OcrService };

export function ocrHandlers({ db, ocr }: OcrHandlerDeps): OcrHandlers {
  const userId = (ctx: CallContext) => ctx.user?.id ?? null;
  return {
    'ocr.status': ({ dossierId }) => ocr.status(dossierId),
    'ocr.pageText': ({ pageId }) => ocr.pageText(pageId),
    'ocr.correctWord': ({ pageId, index, text }, ctx) => ocr.correctWord(pageId, index, text, userId(ctx)),
    'ocr.saveText': ({ pageId, text }, ctx) => ocr.saveText(pageId, text, userId(ctx)),
    'ocr.retry': (input, ctx) => ocr.retry(input, userId(ctx)),
    'ocr.readCccdQr': (input) => ocr.readCccdQr(input),
    'search.query': ({ query, limit }) =>
      searchDossiers(db, query, limit).map((h) => ({
        kind: h.kind,
        dossierId: h.dossierId,
        dossierCode: h.dossierCode,
        applicantName: h.applicantName,
        pageId: h.pageId,
        pagePosition: h.pagePosition,
        snippet: h.snippet,
      })),
  };
}
