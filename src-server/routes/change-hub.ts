import type { ServerResponse } from 'node:http';
import type { MasterDossier } from '../../src-shared/sync/wire.js';
import { CHANGES_CHANNEL, type ChangeNotice } from '../repos/change-notify.js';
import { maxSeq, pullDossiers } from '../repos/dossiers-repo.js';
import type { DeviceIdentity } from '../repos/devices-repo.js';
import type { Db } from '../storage/db.js';

const BATCH = 200;
// Proxies and NAT boxes drop idle connections after about a minute; a comment line every
// 25 s keeps the stream open and lets the desk notice a dead link.
const HEARTBEAT_MS = 25_000;

type Conn = {
  device: DeviceIdentity;
  res: ServerResponse;
  /** Highest seq already sent (or known to the desk through RESYNC); null until initialised. */
  lastSeq: number | null;
  flushing: boolean;
  again: boolean;
};

/**
 * Live change stream (Server-Sent Events) per reception point. Changes are announced by
 * PostgreSQL NOTIFY after commit, so every instance behind a load balancer hears every
 * change; each open stream then reads its point's documents after its last sent seq.
 */
export class ChangeHub {
  private readonly byPoint = new Map<string, Set<Conn>>();
  private unlisten: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(
      CHANGES_CHANNEL,
      (payload) => this.onNotice(payload),
      // Changes may have been missed: end every stream; desks reconnect and get RESYNC.
      () => this.endAll(),
    );
    this.heartbeat = setInterval(() => {
      for (const set of this.byPoint.values()) for (const c of set) c.res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.endAll();
    await this.unlisten?.();
  }

  private endAll(): void {
    for (const set of this.byPoint.values()) for (const c of set) c.res.end();
    this.byPoint.clear();
  }

  /** Opens a stream: "RESYNC" first, then every later change of the device's point. */
  async open(device: DeviceIdentity, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const conn: Conn = { device, res, lastSeq: null, flushing: false, again: false };
    let set = this.byPoint.get(device.receptionPointId);
    if (!set) this.byPoint.set(device.receptionPointId, (set = new Set()));
    set.add(conn);
    res.on('close', () => {
      set.delete(conn);
      if (set.size === 0 && this.byPoint.get(device.receptionPointId) === set) this.byPoint.delete(device.receptionPointId);
    });
    // Registered before reading the current seq: a change committed in between is sent, not lost.
    conn.lastSeq = await maxSeq(this.db, device.receptionPointId);
    send(res, 'RESYNC');
    if (conn.again) void this.flush(conn);
  }

  private onNotice(payload: string): void {
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(payload) as ChangeNotice;
    } catch {
      return;
    }
    if (notice.t === 'dossier') {
      for (const c of this.byPoint.get(notice.p) ?? []) void this.flush(c);
    } else if (notice.t === 'revoked') {
      for (const set of this.byPoint.values()) for (const c of set) if (c.device.id === notice.d) c.res.end();
    }
  }

  private async flush(conn: Conn): Promise<void> {
    if (conn.lastSeq === null || conn.flushing) {
      conn.again = true;
      return;
    }
    conn.flushing = true;
    try {
      do {
        conn.again = false;
        for (;;) {
          if (conn.res.destroyed || conn.res.writableEnded) return;
          const page = await pullDossiers(this.db, conn.device.receptionPointId, conn.lastSeq, BATCH);
          if (page.documents.length === 0) break;
          send(conn.res, { documents: page.documents, checkpoint: page.checkpoint });
          conn.lastSeq = page.checkpoint.seq;
          if (page.documents.length < BATCH) break;
        }
      } while (conn.again);
    } catch {
      // The database is unreachable: close the stream; the desk reconnects and gets RESYNC.
      conn.res.end();
    } finally {
      conn.flushing = false;
    }
  }
}

function send(res: ServerResponse, data: 'RESYNC' | { documents: MasterDossier[]; checkpoint: { seq: number } }): void {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}
