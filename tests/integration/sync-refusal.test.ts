import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { createDeskSync } from '../../src-main/sync/desk-sync.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from '../server/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
});

async function standaloneDesk(agencyCode: string) {
  const core = makeCore();
  cores.push(core);
  const token = await setUpDesk(core, agencyCode);
  const user = (await core.must('auth.me', {}, token)) as User;
  const sync = createDeskSync({ db: core.db, clock: core.clock, logger: silentLogger, dataDir: core.dir, store: openPageStore(join(core.dir, 'pages')), tuning: { liveStream: false } });
  const receive = async (name: string) => {
    const draft = await core.must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: name, idNumber: '079185001234' }, components: [], pages: 1, copies: 1 }, token);
    const received = (await core.must('dossiers.receive', { id: draft.id }, token)) as { code: string };
    return { id: draft.id, code: received.code };
  };
  return { core, sync, user, token, receive };
}

it('keeps a dossier the province refuses for its code on the desk, shows why, and sends the others', async () => {
  // Two desks of one unit worked alone (slot 0) the same morning: both issued ...-0001.
  const point = await createPoint(server);
  const one = await standaloneDesk(point.agencyCode);
  const two = await standaloneDesk(point.agencyCode);
  const first = await one.receive('Nguyễn Văn An');
  const clash = await two.receive('Lê Thị Hoa');
  const fine = await two.receive('Phạm Minh Đức');
  expect(clash.code).toBe(first.code);
  expect(fine.code).not.toBe(first.code);
  for (const [i, d] of [one, two].entries()) {
    await d.sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, point.id), deviceName: `Máy ${i + 1}` });
  }

  expect(await one.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
  // The second desk's pass still succeeds: its other dossier lands, the clashing one stays.
  const pass = await two.sync.engine.syncOnce();
  expect(pass).toMatchObject({ ok: true, pushed: 1 });
  const [clashState, fineState] = two.sync.status([clash.id, fine.id]).perDossier;
  expect(clashState).toMatchObject({ stage: 'local_only', refusal: 'code.taken' });
  expect(fineState).toMatchObject({ stage: 'at_province', refusal: null });
  expect(two.sync.status().queueLength).toBe(1);
  const outbox = two.core.db.prepare('SELECT last_error FROM sync_outbox WHERE dossier_id = ?').get(clash.id) as { last_error: string };
  expect(outbox.last_error).toMatch(/đã được một hồ sơ khác dùng/);
  // Nothing of the desk's work is lost: the dossier, its code and applicant are as received.
  expect(await two.core.must('dossiers.get', { id: clash.id }, two.token)).toMatchObject({ code: clash.code, status: 'received' });
  // The province holds the first desk's dossier under that code, and only that one.
  const atProvince = await server.admin<Array<{ id: string }>>(`/dossiers?code=${encodeURIComponent(first.code)}`);
  expect(atProvince.body.map((x) => x.id)).toEqual([first.id]);
  // The next pass tries again and is refused again, without failing.
  expect(await two.sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
  expect(two.sync.status([clash.id]).perDossier[0]).toMatchObject({ refusal: 'code.taken' });
});
