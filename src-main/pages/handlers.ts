import type { pagesCommands } from '../../src-shared/contract/pages-commands.js';
import type { KernelDeps } from '../kernel/deps.js';
import type { CallContext, HandlersOf } from '../ipc/handler-types.js';
import type { ImportProgress } from './page-import.js';
import type { PageService } from './page-service.js';
import { toPage } from './to-page.js';

export type PageHandlers = HandlersOf<typeof pagesCommands>;

export type PageHandlerDeps = Pick<KernelDeps, 'logger'> & {
  pages: PageService;
  /** Where import progress goes (the integrator wires it to the 'pages.progress' event). */
  onImportProgress?: (dossierId: string, p: ImportProgress) => void;
};

const readImportFile = (f: { name: string; base64: string }) => ({ name: f.name, data: Buffer.from(f.base64, 'base64') });

/** pages.* commands, each mapped to the page service (base64 files in, contract pages out). */
export function pageHandlers({ pages, onImportProgress }: PageHandlerDeps): PageHandlers {
  const userId = (ctx: CallContext) => ctx.user?.id ?? null;
  return {
    async 'pages.importFiles'(input, ctx) {
      const files = input.files.map(readImportFile);
      const result = await pages.importFiles({
        dossierId: input.dossierId,
        componentPosition: input.componentPosition,
        insertAt: input.insertAt,
        files,
        userId: userId(ctx),
        ...(onImportProgress ? { onProgress: (p: ImportProgress) => onImportProgress(input.dossierId, p) } : {}),
      });
      return { batchId: result.batchId, state: result.state, pages: result.pages.map(toPage) };
    },
    'pages.cancelImport': ({ batchId }) => {
      pages.cancelImport(batchId);
      return { done: true };
    },
    'pages.list': ({ dossierId, includeDeleted }) => pages.list(dossierId, includeDeleted).map(toPage),
    'pages.move': ({ id, position }, ctx) => pages.move(id, position, userId(ctx)).map(toPage),
    'pages.assign': ({ ids, componentPosition }, ctx) => pages.assign(ids, componentPosition, userId(ctx)).map(toPage),
    'pages.rotate': async ({ id, turn }, ctx) => toPage(await pages.rotate(id, turn, userId(ctx))),
    'pages.delete': ({ id }, ctx) => pages.remove(id, userId(ctx)).map(toPage),
    'pages.restore': ({ id }, ctx) => pages.restore(id, userId(ctx)).map(toPage),
    'pages.confirm': async ({ dossierId, ids }, ctx) => (await pages.confirm(dossierId, ids, userId(ctx))).map(toPage),
    async 'pages.image'({ id, variant }) {
      const { mime, data } = await pages.image(id, variant);
      return { mime, base64: data.toString('base64') };
    },
  };
}
