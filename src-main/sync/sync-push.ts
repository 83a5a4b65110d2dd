import { decidePush, intakeOf } from '../../src-shared/sync/conflict-rules.js';
import type { SyncDossier } from '../../src-shared/sync/wire.js';
import { dossierDocument } from './dossier-document.js';
import { pushBatch } from './push-batch.js';
import type { PassContext } from './sync-pass-context.js';
import {
  applyProvince,
  assumedMaster,
  getSyncDossier,
  outboxBatch,
  outboxDone,
  recordConflict,
  recordMaster,
  recordPushed,
} from './sync-repo.js';

export type PushResult = { pushed: number; conflicts: number };

/**
 * Sends the outbox to the server, `tuning.pushBatch` dossiers per request, each dossier at most
 * once per call. An outbox row goes only after the server accepted that dossier (and only if no
 * newer change arrived meanwhile: its version). A refused dossier is recorded as a conflict
 * with the rule the shared rules module names: `province_locked` ends the row (the province
 * owns the dossier; the desk's change stays in the conflict row), a stale assumed state keeps
 * it, built on the server's state, for the next pass. A failed request marks the rows' attempts
 * and rethrows; dossiers refused for their code stay queued with the reason (push-batch.ts).
 */
export async function pushOutbox(ctx: PassContext): Promise<PushResult> {
  const { db, clock, http, tuning } = ctx;
  const tried = new Set<string>();
  let pushed = 0;
  let conflicts = 0;
  for (;;) {
    const rows = outboxBatch(db, tuning.pushBatch + tried.size).filter((r) => !tried.has(r.dossier_id)).slice(0, tuning.pushBatch);
    if (rows.length === 0) return { pushed, conflicts };
    for (const r of rows) tried.add(r.dossier_id);
    const items = rows.flatMap((row) => {
      const doc = dossierDocument(db, row.dossier_id);
      if (!doc) {
        outboxDone(db, row.dossier_id, row.version); // no longer a received dossier: nothing to send
        return [];
      }
      return [{ row, doc, assumed: assumedMaster(db, doc.id) }];
    });
    if (items.length === 0) continue;
    const { answer, sent } = await pushBatch(http, db, items);
    const conflictOf = new Map(answer.map((m) => [m.id, m]));
    const at = clock.now().toISOString();
    db.transaction(() => {
      for (const { row, doc, assumed } of sent) {
        const master = conflictOf.get(doc.id);
        if (!master) {
          recordPushed(db, doc, at);
          outboxDone(db, row.dossier_id, row.version);
          pushed += 1;
          continue;
        }
        conflicts += 1;
        // The same rules module the server used tells which rule refused the push.
        const decision = decidePush({ ...intakeOf(master), province: master.province }, intakeOf(doc), assumed);
        const reason = decision.kind === 'conflict' ? decision.reason : 'stale_assumed_state';
        recordConflict(db, { dossierId: doc.id, reason, local: doc, master, at });
        applyProvince(db, master, at);
        if (reason === 'province_locked') {
          // The province owns the dossier now; the desk's change is kept in the conflict row for the supervisor.
          outboxDone(db, row.dossier_id, row.version);
        } else {
          // The desk still owns the intake: build on the server's state and push again next pass.
          if (!getSyncDossier(db, doc.id)) recordPushed(db, stripServerParts(master), at);
          recordMaster(db, master);
        }
      }
    })();
    ctx.emit();
  }
}

function stripServerParts(m: SyncDossier): SyncDossier {
  const { province: _p, seq: _s, complete: _c, ...rest } = m;
  return rest;
}
