import pg from 'pg';
import type { Db, Queryable, Row } from './db.js';

// int8 (bigint) as a JS number: our sequences stay far below 2^53. Per pool, not global.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A PostgreSQL server through node-postgres (DATABASE_URL). */
export async function openPgDb(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, types, max: 10 });
  // Idle clients can error when the server restarts; the pool replaces them.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query(sql, params as unknown[]);
      return res.rows as R[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const listeners = new Set<pg.Client>();
  let closed = false;
  return {
    kind: 'postgresql',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onGap) {
      // LISTEN needs a connection of its own, outside the pool; it is re-opened if it drops
      // (a PostgreSQL restart), and the gap reported since notices may have been missed.
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString, types });
        c.on('notification', (n) => {
          if (n.channel === channel) onPayload(n.payload ?? '');
        });
        const lost = () => {
          if (client !== c || stopped || closed) return;
          client = null;
          listeners.delete(c);
          onGap?.();
          setTimeout(retry, 1000).unref();
        };
        c.on('error', lost);
        c.on('end', lost);
        await c.connect();
        await c.query(`LISTEN ${pgIdent(channel)}`);
        client = c;
        listeners.add(c);
      };
      const retry = () => {
        if (stopped || closed) return;
        connect().catch(() => setTimeout(retry, 1000).unref());
      };
      await connect();
      return async () => {
        stopped = true;
        const c = client;
        client = null;
        if (c) {
          listeners.delete(c);
          await c.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      const open = [...listeners];
      listeners.clear();
      await Promise.all(open.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

function pgIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad channel name: ${name}`);
  return name;
}
