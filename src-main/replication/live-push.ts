import type { EventPayload } from '../../src-shared/contract/events.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Db } from '../db/open.js';
import { pullDossiers } from './dossier-feed.js';

/**
 * The live half of RxDB replication: whenever the change feed reports new dossier changes, the
 * dossiers changed since the last push go to every renderer (the pull stream$), 1000 at a time.
 */
export function pushDossierChanges(db: Db, feed: ChangeFeed, emit: (payload: EventPayload<'replication.dossiers'>) => void): () => void {
  return feed.subscribe((now, before) => {
    if (now.seq === before.seq) return;
    let from = before.seq;
    while (from < now.seq) {
      const { documents, checkpoint } = pullDossiers(db, { seq: from }, 1000);
      if (!checkpoint || documents.length === 0) return;
      emit({ documents, checkpoint });
      from = checkpoint.seq;
    }
  });
}
