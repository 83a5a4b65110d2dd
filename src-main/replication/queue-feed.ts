import { queueIds, type QueueId, type QueueSummary } from '../../src-shared/contract/queues-commands.js';
import type { Checkpoint } from '../../src-shared/contract/schemas.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Db } from '../db/open.js';
import { queueCounterSeq, type QueueCount } from '../queues/queues-repo.js';

/**
 * RxDB replication pull of the queue counts: when the queue counter (migration 0010) moved past
 * the caller's checkpoint, every queue counted again for the caller; else nothing. Thirteen
 * small documents, so a renderer has its counts in one pull however many dossiers the desk holds.
 */
export function pullQueues(db: Db, checkpoint: Checkpoint | null, count: () => Record<QueueId, QueueCount>): { documents: QueueSummary[]; checkpoint: Checkpoint | null } {
  const seq = queueCounterSeq(db);
  if (checkpoint && checkpoint.seq >= seq) return { documents: [], checkpoint };
  const counts = count();
  return {
    documents: queueIds.map((id) => ({ id, count: counts[id].count, oldestAt: counts[id].oldestAt, seq, _deleted: false })),
    checkpoint: { seq },
  };
}

/** The live half: tells renderers the queues moved (each pulls its own counts). */
export function announceQueueChanges(feed: ChangeFeed, emit: (checkpoint: Checkpoint) => void): () => void {
  return feed.subscribe((now, before) => {
    if (now.queues !== before.queues) emit({ seq: now.queues });
  });
}
