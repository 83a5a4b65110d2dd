import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentChangeMark } from '../../src-main/db/change-feed.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { person, receivedWithPages } from '../helpers/desk-people.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';

/**
 * The reception point's "review before sync" against a real provincial server (PGlite): the
 * outbox holds a dossier under review until it is approved; turning the rule off releases what
 * it held. The province's supplement request and result come back as notifications and queues.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());

let core: TestCore;
afterEach(() => core?.cleanup());

const atProvince = async (id: string) => (await server.admin(`/dossiers/${id}`)).status === 200;

async function enrolledDesk() {
  core = makeCore();
  const point = await createPoint(server);
  const admin = await setUpDesk(core, point.agencyCode);
  await core.sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, point.id), deviceName: 'Máy 1' });
  const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
  const head = await person(core, admin, 'truong', 'Trần Văn Trưởng', 'supervisor');
  return { admin, lan, head };
}

describe('review before sync', () => {
  it('holds a dossier under review in the outbox until approved; turning the rule off releases the rest', async () => {
    const { admin, lan, head } = await enrolledDesk();
    await core.must('settings.update', { reviewBeforeSync: true }, admin);
    const a = await receivedWithPages(core, lan.token);
    const b = await receivedWithPages(core, lan.token);

    const first = await core.sync.engine.syncOnce();
    expect(first).toMatchObject({ ok: true, pushed: 0 });
    expect(await atProvince(a.id)).toBe(false);
    // Held, not lost: both still wait in the outbox, counted as unsynced.
    expect(core.sync.status().queueLength).toBe(2);

    const before = currentChangeMark(core.db);
    await core.must('review.approve', { dossierId: a.id }, head.token);
    // The approval moves the outbox counter: the change feed would nudge a pass.
    expect(currentChangeMark(core.db).outbox).toBeGreaterThan(before.outbox);
    expect((await core.must('queues.list', { queue: 'ready_to_sync' }, head.token)).items.map((i) => i.dossierId)).toEqual([a.id]);

    expect(await core.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    expect(await atProvince(a.id)).toBe(true);
    expect(await atProvince(b.id)).toBe(false);

    // A dossier sent back is held too; then the rule is turned off: review after the fact.
    await core.must('review.sendBack', { dossierId: b.id, findings: [{ pageId: b.pageIds[0]!, reason: 'upside_down' }] }, head.token);
    expect(await core.sync.engine.syncOnce()).toMatchObject({ pushed: 0 });
    const held = currentChangeMark(core.db);
    await core.must('settings.update', { reviewBeforeSync: false }, admin);
    expect(currentChangeMark(core.db).outbox).toBeGreaterThan(held.outbox);
    expect(await core.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    expect(await atProvince(b.id)).toBe(true);
    expect((await core.must('review.get', { dossierId: b.id }, head.token)).state).toBe('returned');
  });

  it('off (the default): a dossier syncs at once and waits for review after the fact', async () => {
    const { lan, head } = await enrolledDesk();
    const a = await receivedWithPages(core, lan.token);
    expect(await core.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    expect(await atProvince(a.id)).toBe(true);
    expect((await core.must('queues.list', { queue: 'waiting_review' }, head.token)).total).toBe(1);
  });
});

describe('the province’s answers as notifications and queues', () => {
  it('a supplement request and a result notify the dossier’s clerk once each and fill their queues', async () => {
    const { admin, lan, head } = await enrolledDesk();
    const minh = await person(core, admin, 'minh', 'Phạm Văn Minh', 'clerk');
    const a = await receivedWithPages(core, lan.token);
    await core.sync.engine.syncOnce();

    expect((await server.admin(`/dossiers/${a.id}/status`, 'POST', { status: 'supplement_requested', note: 'Bổ sung bản sao CCCD' })).status).toBe(200);
    await core.sync.engine.syncOnce();
    const mine = await core.must('notifications.list', {}, lan.token);
    expect(mine.items.map((n) => [n.kind, n.dossierId])).toEqual([['supplement_requested', a.id]]);
    expect(mine.unread).toBe(1);
    expect((await core.must('notifications.list', {}, minh.token)).items).toEqual([]);
    expect((await core.must('queues.list', { queue: 'supplement_requested' }, head.token)).total).toBe(1);

    await core.must('notifications.markRead', { ids: [mine.items[0]!.id] }, lan.token);
    expect((await core.must('notifications.list', {}, lan.token)).unread).toBe(0);
    // Read by one user, still unread for another.
    expect((await core.must('notifications.list', {}, head.token)).unread).toBe(1);

    expect((await server.admin(`/dossiers/${a.id}/status`, 'POST', { status: 'completed', note: '' })).status).toBe(200);
    await core.sync.engine.syncOnce();
    expect((await core.must('notifications.list', {}, lan.token)).items.map((n) => n.kind)).toEqual(['result_ready', 'supplement_requested']);
    expect((await core.must('queues.list', { queue: 'result_ready' }, lan.token)).items.map((i) => i.dossierId)).toEqual([a.id]);
    await core.must('workflow.handBack', { dossierId: a.id, recipientName: 'Lê Thị Hoa' }, lan.token);
    expect((await core.must('queues.list', { queue: 'result_ready' }, lan.token)).total).toBe(0);
  });
});
