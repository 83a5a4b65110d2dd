/**
 * The one small query interface the server's SQL runs through, implemented by PGlite
 * (embedded PostgreSQL, the default) and by node-postgres (DATABASE_URL). The SQL is the
 * same for both: only PostgreSQL features, `$n` parameters, bigint read as JS numbers.
 */
export type DbKind = 'pglite' | 'postgresql';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$n` parameters. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; NOTIFY payloads arrive after the notifying transaction commits.
   * `onGap` is called when notifications may have been lost (the listening connection
   * dropped and was re-established).
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
