import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.js';

/** Embedded PostgreSQL in a folder (`<dataDir>/pg`). One process owns the folder. */
export async function openPgliteDb(dir: string): Promise<Db> {
  const pg = new PGlite(dir);
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<R>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    // PGlite runs one transaction at a time; queries outside it wait, so a transaction
    // must use only its `tx` handle.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: () => pg.close(),
  };
}
