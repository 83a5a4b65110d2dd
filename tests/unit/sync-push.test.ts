import { afterEach, describe, expect, it } from 'vitest';
import { pushOutbox } from '../../src-main/sync/sync-push.js';
import { SyncHttpError } from '../../src-main/sync/sync-http.js';
import type { PassContext } from '../../src-main/sync/sync-pass-context.js';
import { resolveTuning } from '../../src-main/sync/sync-tuning.js';
import type { MasterDossier, PushRow } from '../../src-shared/sync/wire.js';
import { addDossier, distinctPng, localDesk, type LocalDesk } from '../helpers/desk-dossiers.js';
import { fakeTransport, json, type FakeRequest } from '../helpers/fake-transport.js';

/**
 * The push step (sync-push.ts) against a fake server: what it sends, and what it does with the
 * desk's outbox and sync tables for each kind of answer.
 */
const desks: LocalDesk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.core.cleanup();
});

async function deskWith(dossiers: number): Promise<{ d: LocalDesk; ids: string[] }> {
  const d = await localDesk();
  desks.push(d);
  const ids: string[] = [];
  for (let i = 0; i < dossiers; i++) ids.push(await addDossier(d, [await distinctPng()]));
  return { d, ids };
}

function context(d: LocalDesk, route: (req: FakeRequest) => Response | null | Promise<Response | null>, pushBatch = 200) {
  const t = fakeTransport(route);
  let emits = 0;
  const ctx: PassContext = {
    db: d.core.db,
    clock: d.core.clock,
    http: t.http(),
    tuning: resolveTuning({ pushBatch }),
    emit: () => void (emits += 1),
    signal: new AbortController().signal,
  };
  return { ctx, t, emits: () => emits };
}

const outbox = (d: LocalDesk) => d.core.db.prepare('SELECT dossier_id, version, attempts, last_error FROM sync_outbox ORDER BY dossier_id').all() as { dossier_id: string; version: number; attempts: number; last_error: string | null }[];
const synced = (d: LocalDesk) => d.core.db.prepare('SELECT dossier_id, master, upload_pending FROM sync_dossiers ORDER BY dossier_id').all() as { dossier_id: string; master: string; upload_pending: number }[];
const rowsOf = (req: FakeRequest) => req.body as PushRow[];

/** The server's answer to a refused push: its own version of the dossier. */
function master(row: PushRow, change: Partial<MasterDossier>): MasterDossier {
  return { ...row.newDocumentState, province: null, seq: 7, complete: false, ...change };
}

describe('push', () => {
  it('keeps every outbox row while the server fails, marking the attempt; ends them only once the server accepted', async () => {
    const { d, ids } = await deskWith(3);
    let up = false;
    const { ctx, t } = context(d, (req) => (req.path !== '/sync/dossiers/push' ? null : up ? json([]) : json({ error: { code: 'INTERNAL', message: 'db down' } }, 500)), 2);

    await expect(pushOutbox(ctx)).rejects.toSatisfy((e) => e instanceof SyncHttpError && e.status === 500);
    expect(outbox(d).map((r) => r.dossier_id)).toEqual([...ids].sort());
    expect(outbox(d).map((r) => r.attempts).sort()).toEqual([0, 1, 1]); // the first batch of two was tried
    expect(outbox(d).find((r) => r.attempts === 1)?.last_error).toMatch(/Máy chủ tỉnh gặp lỗi \(500\)/);
    expect(synced(d)).toEqual([]);

    up = true;
    t.requests.length = 0;
    expect(await pushOutbox(ctx)).toEqual({ pushed: 3, conflicts: 0 });
    // Two per request (pushBatch), each dossier whole, with no assumed state (new to the server).
    expect(t.requests.map((r) => rowsOf(r).length)).toEqual([2, 1]);
    expect(t.requests.flatMap(rowsOf).map((r) => r.newDocumentState.id).sort()).toEqual([...ids].sort());
    expect(t.requests.flatMap(rowsOf).every((r) => r.assumedMasterState === null && r.newDocumentState.pages.length === 1)).toBe(true);
    expect(outbox(d)).toEqual([]);
    // The server holds them now; their pages are still to be uploaded.
    expect(synced(d).map((r) => [r.dossier_id, r.upload_pending])).toEqual([...ids].sort().map((id) => [id, 1]));
  });

  it('keeps the outbox row of a dossier changed while its push was in flight', async () => {
    const { d, ids } = await deskWith(2);
    const changed = ids[0]!;
    const pageId = (d.core.db.prepare('SELECT id FROM pages WHERE dossier_id = ?').get(changed) as { id: string }).id;
    const before = outbox(d).find((r) => r.dossier_id === changed)!.version;
    const { ctx } = context(d, async (req) => {
      if (req.path !== '/sync/dossiers/push') return null;
      await d.core.must('pages.rotate', { id: pageId, turn: 90 }, d.token); // the clerk turns a page meanwhile
      return json([]);
    });
    expect(await pushOutbox(ctx)).toEqual({ pushed: 2, conflicts: 0 });
    expect(outbox(d).map((r) => r.dossier_id)).toEqual([changed]);
    expect(outbox(d)[0]!.version).toBeGreaterThan(before);
  });

  it('a dossier the province has taken in hand: conflict province_locked recorded, the province status applied, the row ended', async () => {
    const { d, ids } = await deskWith(1);
    const { ctx } = context(d, (req) =>
      req.path === '/sync/dossiers/push'
        ? json([master(rowsOf(req)[0]!, { code: 'TINH-1', province: { status: 'processing', note: 'Đang thẩm định', updatedAt: '2026-03-02T03:00:00.000Z' } })])
        : null,
    );
    expect(await pushOutbox(ctx)).toEqual({ pushed: 0, conflicts: 1 });
    expect(d.core.db.prepare('SELECT dossier_id, reason FROM sync_conflicts').all()).toEqual([{ dossier_id: ids[0], reason: 'province_locked' }]);
    expect(d.core.db.prepare('SELECT status, note FROM dossier_province_status WHERE dossier_id = ?').get(ids[0])).toEqual({ status: 'processing', note: 'Đang thẩm định' });
    expect(outbox(d)).toEqual([]);
  });

  it('a stale assumed state: conflict recorded, the server intake becomes the assumed state, the row kept for the next pass (not re-sent in this one)', async () => {
    const { d, ids } = await deskWith(1);
    const { ctx, t } = context(d, (req) => (req.path === '/sync/dossiers/push' ? json([master(rowsOf(req)[0]!, { code: 'MAY-KHAC-1' })]) : null));
    expect(await pushOutbox(ctx)).toEqual({ pushed: 0, conflicts: 1 });
    expect(t.requests).toHaveLength(1);
    expect(d.core.db.prepare('SELECT reason FROM sync_conflicts').all()).toEqual([{ reason: 'stale_assumed_state' }]);
    expect(outbox(d).map((r) => r.dossier_id)).toEqual(ids);
    const assumed = JSON.parse(synced(d)[0]!.master) as Record<string, unknown>;
    expect(assumed.code).toBe('MAY-KHAC-1');
    expect(Object.keys(assumed)).not.toContain('seq'); // the server's parts are not intake

    // The next push builds on it.
    const next = fakeTransport((req) => (req.path === '/sync/dossiers/push' ? json([]) : null));
    expect(await pushOutbox({ ...ctx, http: next.http() })).toEqual({ pushed: 1, conflicts: 0 });
    expect(rowsOf(next.requests[0]!)[0]!.assumedMasterState?.code).toBe('MAY-KHAC-1');
  });

  it('ends the row of a dossier that is no longer received (nothing to send) without asking the server', async () => {
    const { d, ids } = await deskWith(1);
    d.core.db.prepare("UPDATE dossiers SET status = 'draft' WHERE id = ?").run(ids[0]);
    const { ctx, t } = context(d, () => json([]));
    expect(await pushOutbox(ctx)).toEqual({ pushed: 0, conflicts: 0 });
    expect(t.requests).toEqual([]);
    expect(outbox(d)).toEqual([]);
  });
});
