import type { searchCommands } from '../../src-shared/contract/search-commands.js';
import type { Db } from '../db/open.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import { searchDossiers } from './search-repo.js';

export function searchHandlers(db: Db): HandlersOf<typeof searchCommands> {
  return {
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
