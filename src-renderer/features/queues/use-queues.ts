import { useEffect, useState } from 'react';
import type { QueueId } from '../../../src-shared/contract/queues-commands.js';
import type { DossiersStore } from '../../data/dossiers-db.js';
import type { QueueDoc } from '../../data/queues-replication.js';

/** The queue counts of the read model, live; null until the first pull is in. */
export function useQueueCounts(store: DossiersStore | null): Map<QueueId, QueueDoc> | null {
  const [counts, setCounts] = useState<Map<QueueId, QueueDoc> | null>(null);
  useEffect(() => {
    if (!store) return;
    let ready = false;
    let latest = new Map<QueueId, QueueDoc>();
    const sub = store.queues.find().$.subscribe((docs) => {
      latest = new Map(docs.map((d) => [d.id, d.toJSON() as QueueDoc]));
      if (ready) setCounts(latest);
    });
    void store.queuesReady.then(() => {
      ready = true;
      setCounts(latest);
    });
    return () => sub.unsubscribe();
  }, [store]);
  return counts;
}

/** A clock for ages that move while the screen stays open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
