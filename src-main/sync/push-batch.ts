import { problemText } from '../../src-shared/i18n/problems/index.js';
import { PUSH_REFUSED_STATUS, PushRefusalFields, type CodeRefusal } from '../../src-shared/sync/push-refusal.js';
import { PushResponse, type MasterDossier, type SyncDossier } from '../../src-shared/sync/wire.js';
import type { Db } from '../db/open.js';
import { describeSyncError, SyncHttpError, type SyncHttp } from './sync-http.js';
import { outboxFailed, setRefusals } from './sync-repo.js';

const PUSH_TIMEOUT_MS = 60_000;

type Item = { row: { dossier_id: string }; doc: SyncDossier; assumed: SyncDossier | null };

/**
 * POST /sync/dossiers/push of one batch. When the server refuses some dossiers for their code
 * (422, push-refusal.ts; nothing of the batch was written), those stay in the outbox with the
 * reason recorded (shown on the dossier) and the rest is sent again at once, so one bad
 * dossier never holds back the others. Returns the answer and the items it covers.
 */
export async function pushBatch<T extends Item>(http: SyncHttp, db: Db, items: T[]): Promise<{ answer: MasterDossier[]; sent: T[] }> {
  let sent = items;
  while (sent.length > 0) {
    try {
      const body = sent.map((i) => ({ newDocumentState: i.doc, assumedMasterState: i.assumed }));
      const answer = await http.json('POST', '/sync/dossiers/push', body, PushResponse, PUSH_TIMEOUT_MS);
      setRefusals(db, {}, sent.map((i) => i.doc.id));
      return { answer, sent };
    } catch (error) {
      const refused = refusalsOf(error, sent);
      if (!refused) {
        if (error instanceof SyncHttpError) outboxFailed(db, sent.map((i) => i.row.dossier_id), describeSyncError(error));
        throw error;
      }
      db.transaction(() => {
        for (const [id, why] of Object.entries(refused)) outboxFailed(db, [id], problemText('vi', `sync.refused.${why}`));
        setRefusals(db, refused, []);
      })();
      sent = sent.filter((i) => !(i.doc.id in refused));
    }
  }
  return { answer: [], sent };
}

/** The refused dossiers of a 422 answer, or null when the error is anything else. */
function refusalsOf(error: unknown, sent: readonly Item[]): Record<string, CodeRefusal> | null {
  if (!(error instanceof SyncHttpError) || error.status !== PUSH_REFUSED_STATUS) return null;
  const parsed = PushRefusalFields.safeParse(error.fields);
  if (!parsed.success) return null;
  const ids = new Set(sent.map((i) => i.doc.id));
  const keys = Object.keys(parsed.data);
  // Only a refusal naming dossiers of this batch lets the rest go ahead; anything else stops the pass.
  return keys.length > 0 && keys.every((k) => ids.has(k)) ? parsed.data : null;
}
