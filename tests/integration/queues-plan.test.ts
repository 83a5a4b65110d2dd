import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDefinitions } from '../../src-main/queues/queue-definitions.js';
import { queueCountSql, queueListSql, type QueueContext } from '../../src-main/queues/queues-repo.js';
import { queueIds, type QueueSort } from '../../src-shared/contract/queues-commands.js';
import { queryPlan, scratchDb } from '../helpers/scratch-db.js';

/**
 * Every queue's count and page reads its own partial index (migration 0010), whatever the
 * filters, the scope (a clerk's) and the review rule. A definition edited in
 * queue-definitions.ts without its index in a migration fails here: SQLite would scan the table.
 */
let s: ReturnType<typeof scratchDb>;
beforeAll(() => {
  s = scratchDb();
  s.migrate();
});
afterAll(() => s.close());

const bounds = { dueFrom: '2026-03-01T17:00:00.000Z', dueTo: '2026-03-02T17:00:00.000Z', overdueBefore: '2026-03-01T17:00:00.000Z' };
const bind = (sql: string) =>
  sql
    .replace(/@(dueFrom|dueTo|overdueBefore)/g, (_m, k: keyof typeof bounds) => `'${bounds[k]}'`)
    .replace(/@(scope|assignedTo)/g, "'u1'")
    .replace(/@procedureCode/g, "'2.000815'")
    .replace(/@(from|to)/g, "'2026-03-01T17:00:00.000Z'")
    .replace(/@(limit|offset)/g, '50');

const contexts: [string, QueueContext][] = [
  ['supervisor', { reviewBeforeSync: false, bounds, assignedTo: null }],
  ['clerk, review before sync', { reviewBeforeSync: true, bounds, assignedTo: 'u1' }],
];

describe('queue plans', () => {
  for (const id of queueIds) {
    it(`${id}: count and every sort use ${queueDefinitions[id].index}`, () => {
      const index = queueDefinitions[id].index;
      for (const [, ctx] of contexts) {
        expect(queryPlan(s.db, bind(queueCountSql(id, ctx)))).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}\\b`));
        for (const sort of ['oldest', 'newest', 'received', 'procedure', 'clerk'] as QueueSort[]) {
          const plan = queryPlan(s.db, bind(queueListSql(id, ctx, { procedureCode: '2.000815', assignedTo: 'u1', from: 'x', to: 'x' }, sort)));
          expect(plan, `${id} sorted by ${sort}`).toMatch(new RegExp(`SCAN f USING (COVERING )?INDEX ${index}\\b|SEARCH f USING (COVERING )?INDEX ${index}\\b`));
        }
      }
      // The oldest-first page needs no sort: the index is already in that order.
      expect(queryPlan(s.db, bind(queueListSql(id, contexts[0]![1], {}, 'oldest')))).not.toMatch(/TEMP B-TREE/);
    });
  }
});
