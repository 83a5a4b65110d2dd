import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src-main/settings/settings-repo.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { syncHandlers } from '../../src-main/sync/handlers.js';
import { createSyncConflicts } from '../../src-main/sync/sync-conflicts.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { addDossier, distinctPngs } from '../helpers/desk-dossiers.js';
import { closeDesks, enrollDesk, enrolledDesk, makeDesk, type TestDesk } from '../helpers/desk.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';

// One server for the file (PGlite start-up is the slow part); every test makes its own reception point.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
afterEach(closeDesks);

/** Creates, fills with pages and receives a dossier; a draft when `receive` is false. */
const dossier = async (d: TestDesk, pages = 2, receive = true) => addDossier(d, await distinctPngs(pages, 120), { receive });

type AdminDossier = { id: string; complete: boolean; missing: string[]; pages: { sha256: string }[]; province: { status: string } | null };

describe('enrollment', () => {
  it('refuses plain HTTP off loopback, a bad code, and stores the credential and desk slot on success', async () => {
    const d = await makeDesk(server);
    const point = d.point;
    const handlers = syncHandlers(d.sync, createSyncConflicts(d.core.db, d.core.clock));
    await expect(d.sync.enroll({ serverUrl: 'http://so-noi-vu.example.vn', code: 'ABCDE-FGHIJ', deviceName: 'Máy 1' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(d.sync.enroll({ serverUrl: server.url, code: 'ABCDE-FGHIJ', deviceName: 'Máy 1' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(d.sync.status().enrolled).toBe(false);

    // A supervisor may not allow HTTP; an admin may.
    const supervisor = { user: { role: 'supervisor' } as User, sessionToken: null };
    expect(() => handlers['sync.setOptions']({ allowInsecureHttp: true }, supervisor)).toThrow(/quản trị viên/);

    const out = await d.sync.enroll({ serverUrl: server.url + '/', code: await enrollmentCode(server, point.id), deviceName: 'Máy 1' });
    expect(out).toMatchObject({ deskSlot: 1, slotBlockSize: 1000, credentialEncrypted: false });
    expect(readSettings(d.core.db)).toMatchObject({ deskSlot: 1, slotBlockSize: 1000 });
    expect(statSync(join(d.core.dir, 'sync-credential')).mode & 0o777).toBe(0o600);
    expect(d.sync.status()).toMatchObject({ enrolled: true, serverUrl: server.url });

    // A code of another reception point is refused: this desk's dossier codes carry its own unit.
    const other = await createPoint(server);
    await expect(d.sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, other.id), deviceName: 'Máy 1' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('push, upload, pull', () => {
  it('sends received dossiers whole, drafts never; a re-run sends nothing; province status flows back', async () => {
    const d = await enrolledDesk(server);
    const point = d.point;
    const a = await dossier(d, 2);
    const b = await dossier(d, 3);
    const draft = await dossier(d, 1, false);
    expect(d.sync.status()).toMatchObject({ queueLength: 2, state: 'idle' });
    expect(d.sync.status([a]).perDossier[0]).toMatchObject({ stage: 'local_only' });

    const first = await d.sync.engine.syncOnce();
    expect(first).toMatchObject({ ok: true, pushed: 2, conflicts: 0, uploadedFiles: 5 });
    for (const id of [a, b]) {
      const res = await server.admin<AdminDossier>(`/dossiers/${id}`);
      expect(res.body).toMatchObject({ complete: true, missing: [] });
      const local = (d.core.db.prepare(`SELECT sha256 FROM pages WHERE dossier_id = ? AND status <> 'deleted' ORDER BY position`).all(id) as { sha256: string }[]).map((r) => r.sha256);
      expect(res.body.pages.map((p) => p.sha256)).toEqual(local);
    }
    expect((await server.admin(`/dossiers/${draft}`)).status).toBe(404);
    const listed = await server.admin<unknown[]>(`/dossiers?receptionPointId=${point.id}`);
    expect(listed.body).toHaveLength(2);

    const status = d.sync.status([a, b, draft]);
    expect(status).toMatchObject({ queueLength: 0, oldestUnsyncedAt: null, lastError: null, lastSuccessAt: d.core.clock.now().toISOString() });
    expect(status.perDossier.map((p) => p.stage)).toEqual(['at_province', 'at_province', 'draft']);
    expect(status.perDossier[1]).toMatchObject({ bytesDone: status.perDossier[1]!.bytesTotal });
    expect(status.perDossier[1]!.bytesTotal).toBeGreaterThan(0);

    const again = await d.sync.engine.syncOnce();
    expect(again).toMatchObject({ ok: true, pushed: 0, uploadedFiles: 0 });

    const set = await server.admin(`/dossiers/${a}/status`, 'POST', { status: 'processing', note: 'Đang thẩm định hồ sơ' });
    expect(set.status).toBe(200);
    await d.sync.engine.syncOnce();
    expect(d.sync.status([a]).perDossier[0]!.province).toMatchObject({ status: 'processing', note: 'Đang thẩm định hồ sơ' });

    // The province holds it now: a local change (a page turned) is refused, recorded and shown.
    const pageId = (d.core.db.prepare('SELECT id FROM pages WHERE dossier_id = ? ORDER BY position LIMIT 1').get(a) as { id: string }).id;
    await d.core.must('pages.rotate', { id: pageId, turn: 90 }, d.token);
    expect(d.sync.status().queueLength).toBe(1);
    const third = await d.sync.engine.syncOnce();
    expect(third).toMatchObject({ ok: true, conflicts: 1 });
    const conflicts = await syncHandlers(d.sync, createSyncConflicts(d.core.db, d.core.clock))['sync.conflicts']({ dossierId: a, includeResolved: false }, { user: d.user, sessionToken: d.token });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ reason: 'province_locked' });
    expect(d.sync.status([a]).perDossier[0]).toMatchObject({ conflicts: 1 });
    expect((await server.admin<unknown[]>(`/conflicts?dossierId=${a}`)).body).toHaveLength(1);
  });

  it('two desks of one reception point sync at once: distinct slots and codes, every dossier once', async () => {
    const point = await createPoint(server);
    const one = await makeDesk(server, { point });
    const two = await makeDesk(server, { point });
    await enrollDesk(server, one, { deviceName: 'Máy 1' });
    await enrollDesk(server, two, { deviceName: 'Máy 2' });
    const ids = [...(await Promise.all([dossier(one, 1), dossier(one, 1), dossier(one, 1)])), ...(await Promise.all([dossier(two, 1), dossier(two, 1), dossier(two, 1)]))];
    const [r1, r2] = await Promise.all([one.sync.engine.syncOnce(), two.sync.engine.syncOnce()]);
    expect([r1.ok, r2.ok, r1.pushed, r2.pushed]).toEqual([true, true, 3, 3]);
    const listed = await server.admin<{ id: string; code: string; complete: boolean }[]>(`/dossiers?receptionPointId=${point.id}`);
    expect(listed.body.map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(new Set(listed.body.map((x) => x.code)).size).toBe(6);
    // Each desk pulls the other's dossiers too but records province status only for its own.
    const own = (d: TestDesk) => (d.core.db.prepare('SELECT COUNT(*) AS n FROM dossier_province_status').get() as { n: number }).n;
    expect([own(one), own(two)]).toEqual([3, 3]);
    for (const id of ids) expect((await server.admin<AdminDossier>(`/dossiers/${id}`)).body.complete).toBe(true);
  });
});

describe('retention', () => {
  it('purges page images of dossiers the province confirmed whole, after the configured days; metadata stays; off by default', async () => {
    const d = await enrolledDesk(server);
    const a = await dossier(d, 2);
    const pending = await dossier(d, 1, false);
    await d.sync.engine.syncOnce();
    const store = openPageStore(join(d.core.dir, 'pages'));
    const files = d.core.db.prepare(`SELECT sha256, archive_format AS f FROM pages WHERE dossier_id = ?`).all(a) as { sha256: string; f: 'png' | 'jpeg' }[];
    d.core.clock.advance(10 * 86_400_000);
    expect(await d.sync.purge()).toEqual({ dossiers: 0, files: 0, bytes: 0 }); // off by default
    d.sync.setOptions({ retentionDays: 30 });
    expect((await d.sync.purge()).files).toBe(0); // not old enough
    d.sync.setOptions({ retentionDays: 7 });
    const r = await d.sync.purge();
    expect(r.dossiers).toBe(1);
    for (const f of files) expect(await store.exists(f.sha256, f.f)).toBe(false);
    expect(d.core.db.prepare('SELECT status FROM dossiers WHERE id = ?').get(a)).toEqual({ status: 'received' });
    expect(d.core.db.prepare(`SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ? AND status <> 'deleted'`).get(a)).toEqual({ n: 2 });
    // The draft's pages never left the desk: kept.
    const draftFiles = d.core.db.prepare(`SELECT sha256, archive_format AS f FROM pages WHERE dossier_id = ?`).all(pending) as { sha256: string; f: 'png' | 'jpeg' }[];
    for (const f of draftFiles) expect(await store.exists(f.sha256, f.f)).toBe(true);
  });
});
