import { PullResponse } from '../../src-shared/sync/wire.js';
import type { PassContext } from './sync-pass-context.js';
import { applyProvince, dossierExistsLocally, getState, getSyncDossier, recordMaster, setState } from './sync-repo.js';

/**
 * Pulls the province's changes from the desk's checkpoint, `tuning.pullLimit` per request,
 * until the server has no more. Each page of changes and the checkpoint that follows it are
 * written in one transaction, so a cut between requests re-pulls at most one page and never
 * skips one. Returns the number of documents pulled (other desks' included).
 */
export async function pullChanges(ctx: Pick<PassContext, 'db' | 'clock' | 'http' | 'tuning'>): Promise<number> {
  const { db, clock, http, tuning } = ctx;
  let pulled = 0;
  for (;;) {
    const checkpoint = getState<number>(db, 'checkpoint') ?? 0;
    const res = await http.json('GET', `/sync/dossiers/pull?checkpoint=${checkpoint}&limit=${tuning.pullLimit}`, undefined, PullResponse);
    const at = clock.now().toISOString();
    db.transaction(() => {
      for (const m of res.documents) {
        // Other desks of the same reception point push too; only our own dossiers have a row to update.
        if (!dossierExistsLocally(db, m.id)) continue;
        applyProvince(db, m, at);
        if (getSyncDossier(db, m.id)) recordMaster(db, m);
      }
      if (res.checkpoint.seq > checkpoint) setState(db, 'checkpoint', res.checkpoint.seq);
    })();
    pulled += res.documents.length;
    if (res.documents.length < tuning.pullLimit || res.checkpoint.seq <= checkpoint) return pulled;
  }
}
