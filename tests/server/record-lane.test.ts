import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MasterDossier, PullResponse, SyncDossier } from '../../src-shared/sync/wire.js';
import { call, createPoint, enroll, makeDossier, pgQuery, startTestServer, targets, type Desk, type TestServer } from './harness.js';
import { SseClient } from './sse-client.js';

describe.each(targets)('record lane on $name', (target) => {
  let ts: TestServer;
  let desk: Desk;
  let desk2: Desk;
  beforeAll(async () => {
    ts = await startTestServer(target, { jsonBodyLimit: 256 * 1024 });
    const point = await createPoint(ts);
    desk = await enroll(ts, point.id, 'Máy 1');
    desk2 = await enroll(ts, point.id, 'Máy 2');
  });
  afterAll(async () => ts?.destroy());

  const push = (d: Desk, rows: Array<{ newDocumentState: SyncDossier; assumedMasterState?: SyncDossier | null }>) =>
    call<MasterDossier[]>(ts, d, 'POST', '/sync/dossiers/push', rows);
  const pull = async (d: Desk, checkpoint: number, limit = 100) =>
    (await call<PullResponse>(ts, d, 'GET', `/sync/dossiers/pull?checkpoint=${checkpoint}&limit=${limit}`)).body;
  const pullAll = async (d: Desk) => (await pull(d, 0, 1000)).documents;
  const setStatus = (id: string, status: string, note = '') => ts.admin<MasterDossier>(`/dossiers/${id}/status`, 'POST', { status, note });
  const strip = (m: MasterDossier) => ({ id: m.id, code: m.code, fields: m.fields, pages: m.pages, updatedAt: m.updatedAt, _deleted: m._deleted });

  it('round-trips pushed dossiers through pull, with server-assigned increasing seq', async () => {
    const start = (await pull(desk, 0, 1000)).checkpoint.seq;
    const a = makeDossier(desk, { pages: [{ sha256: 'a'.repeat(64), size: 10, component: 0, position: 0 }] });
    const b = makeDossier(desk, { code: null, fields: { nested: { list: [1, 'hai', { ba: true }] }, 'khóa có dấu': 'giá trị' } });
    const res = await push(desk, [{ newDocumentState: a }, { newDocumentState: b }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const page = await pull(desk, start);
    expect(page.documents.map(strip)).toEqual([a, b]);
    const [sa, sb] = page.documents.map((d) => d.seq);
    expect(sa).toBeGreaterThan(start);
    expect(sb).toBeGreaterThan(sa!);
    expect(page.checkpoint.seq).toBe(sb);
    expect(page.documents.every((d) => d.province === null)).toBe(true);
    // The province finds it by the code on the receipt.
    const found = await ts.admin<Array<{ id: string; receptionPointId: string }>>(`/dossiers?code=${encodeURIComponent(a.code!)}`);
    expect(found.body.map((x) => x.id)).toEqual([a.id]);
    // a lists a page the server lacks; b lists none.
    expect(page.documents.map((d) => d.complete)).toEqual([false, true]);
    // The other desk of the same point sees them too; nothing after the checkpoint.
    expect((await pull(desk2, start)).documents.map((d) => d.id)).toEqual([a.id, b.id]);
    expect(await pull(desk, page.checkpoint.seq)).toEqual({ documents: [], checkpoint: { seq: page.checkpoint.seq } });
  });

  it('is idempotent: re-sending a batch that landed changes nothing and assigns no seq', async () => {
    const d = makeDossier(desk);
    await push(desk, [{ newDocumentState: d }]);
    const before = await pullAll(desk);
    // Same content, even with a different desk clock and no assumed state: a no-op.
    const again = await push(desk, [{ newDocumentState: { ...d, updatedAt: '2026-03-02T05:00:00.000Z' } }, { newDocumentState: d }]);
    expect(again.body).toEqual([]);
    expect(await pullAll(desk)).toEqual(before);
  });

  it('pages through changes in seq order with a limit, and an update moves a dossier to the end', async () => {
    const start = (await pull(desk, 0, 1000)).checkpoint.seq;
    const docs = Array.from({ length: 5 }, () => makeDossier(desk));
    for (const d of docs) expect((await push(desk, [{ newDocumentState: d }])).body).toEqual([]);
    const edited = { ...docs[1]!, fields: { ...docs[1]!.fields, note: 'sửa lại' } };
    expect((await push(desk, [{ newDocumentState: edited, assumedMasterState: docs[1] }])).body).toEqual([]);
    const seen: MasterDossier[] = [];
    let cp = start;
    for (;;) {
      const page = await pull(desk, cp, 2);
      expect(page.documents.length).toBeLessThanOrEqual(2);
      if (page.documents.length === 0) break;
      seen.push(...page.documents);
      cp = page.checkpoint.seq;
    }
    expect(seen.map((d) => d.id)).toEqual([docs[0], docs[2], docs[3], docs[4], docs[1]].map((d) => d!.id));
    const seqs = seen.map((d) => d.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seen.at(-1)!.fields).toEqual(edited.fields);
  });

  it('takes concurrent pushes from two desks: every dossier once, seqs distinct and ordered', async () => {
    const start = (await pull(desk, 0, 1000)).checkpoint.seq;
    const batches = Array.from({ length: 12 }, () => [makeDossier(desk), makeDossier(desk)]);
    const results = await Promise.all(
      batches.map((b, i) => push(i % 2 ? desk : desk2, b.map((d) => ({ newDocumentState: d })))),
    );
    expect(results.map((r) => [r.status, r.body])).toEqual(batches.map(() => [200, []]));
    // Re-sent concurrently (a retry after a lost answer): still nothing new.
    await Promise.all(batches.map((b, i) => push(i % 2 ? desk2 : desk, b.map((d) => ({ newDocumentState: d })))));
    const docs = (await pull(desk, start, 1000)).documents;
    expect(docs.map((d) => d.id).sort()).toEqual(batches.flat().map((d) => d.id).sort());
    const seqs = docs.map((d) => d.seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
  });

  it('answers a stale assumed state with the master document and records the conflict', async () => {
    const d = makeDossier(desk);
    await push(desk, [{ newDocumentState: d }]);
    const v2 = { ...d, fields: { ...d.fields, note: 'máy 1 sửa' } };
    expect((await push(desk, [{ newDocumentState: v2, assumedMasterState: d }])).body).toEqual([]);
    const master = (await pullAll(desk)).find((x) => x.id === d.id)!;
    // Desk 2 edits from the old state: conflict, master returned, nothing written.
    const v2b = { ...d, fields: { ...d.fields, note: 'máy 2 sửa' } };
    const res = await push(desk2, [{ newDocumentState: v2b, assumedMasterState: d }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([master]);
    expect((await pullAll(desk)).find((x) => x.id === d.id)).toEqual(master);
    // Without an assumed state it is the same refused change against the same master: one record.
    expect((await push(desk2, [{ newDocumentState: v2b }])).body).toEqual([master]);
    // Re-sending the same refused push records nothing new either.
    await push(desk2, [{ newDocumentState: v2b, assumedMasterState: d }]);
    const v2c = { ...d, fields: { ...d.fields, note: 'máy 2 sửa lần nữa' } };
    expect((await push(desk2, [{ newDocumentState: v2c, assumedMasterState: d }])).body).toEqual([master]);
    const conflicts = await ts.admin<Array<{ dossierId: string; deviceId: string; reason: string; masterSeq: number }>>(`/conflicts?dossierId=${d.id}`);
    expect(conflicts.body.map((c) => [c.deviceId, c.reason, c.masterSeq])).toEqual([
      [desk2.deviceId, 'stale_assumed_state', master.seq],
      [desk2.deviceId, 'stale_assumed_state', master.seq],
    ]);
    // Built on the master, desk 2's change lands.
    expect((await push(desk2, [{ newDocumentState: v2b, assumedMasterState: master }])).body).toEqual([]);
  });

  it('lets the province own the status: it flows back by pull and SSE, and locks intake until a supplement request', async () => {
    const d = makeDossier(desk);
    await push(desk, [{ newDocumentState: d }]);
    const cp = (await pull(desk, 0, 1000)).checkpoint.seq;
    const stream = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    expect(stream.status).toBe(200);
    try {
      expect(await stream.next()).toBe('RESYNC');
      const accepted = await setStatus(d.id, 'accepted', 'Đã nhận đủ hồ sơ giấy');
      expect(accepted.status).toBe(200);
      expect(accepted.body.seq).toBeGreaterThan(cp);

      const live = await stream.next();
      expect(live).not.toBeNull();
      expect(live).not.toBe('RESYNC');
      const liveDocs = (live as PullResponse).documents;
      expect(liveDocs.map((x) => [x.id, x.province?.status, x.province?.note])).toEqual([[d.id, 'accepted', 'Đã nhận đủ hồ sơ giấy']]);
      expect((live as PullResponse).checkpoint.seq).toBe(accepted.body.seq);

      const pulled = await pull(desk, cp);
      expect(pulled.documents).toEqual(liveDocs);
      expect(pulled.documents[0]!.province!.updatedAt).toBe(ts.clock.now().toISOString());

      // Intake is now the province's: an edit from the desk is refused and recorded, even if the
      // desk tries to set the province part itself (ignored).
      const master = pulled.documents[0]!;
      const edit = { ...master, fields: { ...d.fields, note: 'sửa sau khi tỉnh nhận' }, province: null };
      expect((await push(desk, [{ newDocumentState: edit, assumedMasterState: master }])).body).toEqual([master]);
      const conflicts = await ts.admin<Array<{ reason: string }>>(`/conflicts?dossierId=${d.id}`);
      expect(conflicts.body.map((c) => c.reason)).toEqual(['province_locked']);
      // The desk echoing the master back unchanged is fine (no-op).
      expect((await push(desk, [{ newDocumentState: master, assumedMasterState: master }])).body).toEqual([]);

      // A supplement request hands the intake back to the desk.
      const supp = await setStatus(d.id, 'supplement_requested', 'Thiếu bản sao CCCD');
      const evt = (await stream.next()) as PullResponse;
      expect(evt.documents[0]!.province!.status).toBe('supplement_requested');
      const added = { ...supp.body, pages: [{ sha256: 'b'.repeat(64), size: 5, component: 1, position: 0 }] };
      expect((await push(desk, [{ newDocumentState: added, assumedMasterState: supp.body }])).body).toEqual([]);
      const after = (await pull(desk, supp.body.seq)).documents;
      expect(after.map((x) => [x.pages.length, x.province?.status])).toEqual([[1, 'supplement_requested']]);
    } finally {
      stream.close();
    }
  });

  it.runIf(target.name === 'postgresql')('recovers the change stream when the LISTEN connection is cut', async () => {
    const stream = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    expect(await stream.next()).toBe('RESYNC');
    // Kill the server's LISTEN connection, as a PostgreSQL restart would.
    const killed = await pgQuery(
      ts.databaseUrl!,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    );
    expect(killed.rowCount).toBe(1);
    // Notices may have been missed: the stream ends so the desk reconnects and pulls.
    expect(await stream.next()).toBeNull();
    expect(stream.closed).toBe(true);
    // Once the listener is back, a new stream hears changes again.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    try {
      expect(await again.next()).toBe('RESYNC');
      const d = makeDossier(desk);
      await push(desk, [{ newDocumentState: d }]);
      const evt = (await again.next()) as PullResponse;
      expect(evt.documents.map((x) => x.id)).toEqual([d.id]);
    } finally {
      again.close();
    }
  });

  it('keeps tombstones: a deleted dossier is pulled with _deleted, not dropped', async () => {
    const d = makeDossier(desk);
    await push(desk, [{ newDocumentState: d }]);
    const cp = (await pull(desk, 0, 1000)).checkpoint.seq;
    expect((await push(desk, [{ newDocumentState: { ...d, _deleted: true }, assumedMasterState: d }])).body).toEqual([]);
    const page = await pull(desk, cp);
    expect(page.documents.map((x) => [x.id, x._deleted])).toEqual([[d.id, true]]);
    expect((await setStatus(d.id, 'accepted')).status).toBe(409);
  });

  it('refuses malformed JSON, invalid documents and oversized bodies with 4xx, changing nothing', async () => {
    const before = await pullAll(desk);
    const raw = (body: string, type = 'application/json') =>
      fetch(ts.url + '/sync/dossiers/push', { method: 'POST', headers: { authorization: desk.auth, 'content-type': type }, body });

    const malformed = await raw('[{"newDocumentState": {"id": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');

    expect((await raw('{"not":"an array"}')).status).toBe(400);
    expect((await raw(JSON.stringify([{ newDocumentState: makeDossier(desk), x: 1 }]), 'application/xml')).status).toBe(415);
    const badId = await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: { ...makeDossier(desk), id: 'not-a-uuid' } }]);
    expect(badId.status).toBe(400);
    const badHash = makeDossier(desk, { pages: [{ sha256: 'XYZ', size: 1, component: 0, position: 0 }] });
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: badHash }])).status).toBe(400);
    const nul = makeDossier(desk, { fields: { name: 'a\u0000b' } });
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: nul }])).status).toBe(400);

    // One valid row followed by one invalid row: the whole batch is refused.
    const valid = makeDossier(desk);
    const mixed = await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: valid }, { newDocumentState: { ...makeDossier(desk), updatedAt: 'hier' } }]);
    expect(mixed.status).toBe(400);

    // Over the body limit (256 KiB in this suite).
    const big = makeDossier(desk, { fields: { blob: 'x'.repeat(60_000) } });
    const oversized = await call(ts, desk, 'POST', '/sync/dossiers/push', Array.from({ length: 6 }, () => ({ newDocumentState: { ...big, id: makeDossier(desk).id } })));
    expect(oversized.status).toBe(413);
    // One document over its own size limit.
    const fat = makeDossier(desk, { fields: { blob: 'x'.repeat(70_000) } });
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: fat }])).status).toBe(400);

    expect((await call(ts, desk, 'GET', '/sync/dossiers/pull?checkpoint=-1')).status).toBe(400);
    expect((await call(ts, desk, 'GET', '/sync/dossiers/pull?checkpoint=0&limit=100000')).status).toBe(400);
    expect(await pullAll(desk)).toEqual(before);
  });
});
