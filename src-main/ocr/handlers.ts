import type { ocrCommands } from '../../src-shared/contract/ocr-commands.js';
import type { CallContext, HandlersOf } from '../ipc/handler-types.js';
import type { OcrService } from './ocr-service.js';

export function ocrHandlers(ocr: OcrService): HandlersOf<typeof ocrCommands> {
  const userId = (ctx: CallContext) => ctx.user?.id ?? null;
  return {
    'ocr.status': ({ dossierId }) => ocr.status(dossierId),
    'ocr.pageText': ({ pageId }) => ocr.pageText(pageId),
    'ocr.correctWord': ({ pageId, index, text }, ctx) => ocr.correctWord(pageId, index, text, userId(ctx)),
    'ocr.saveText': ({ pageId, text }, ctx) => ocr.saveText(pageId, text, userId(ctx)),
    'ocr.retry': (input, ctx) => ocr.retry(input, userId(ctx)),
    'ocr.readCccdQr': (input) => ocr.readCccdQr(input),
  };
}
