import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/app/logger.js';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { createDeskSync } from '../../src-main/sync/desk-sync.js';
import type { FetchLike } from '../../src-main/sync/sync-http.js';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { createPoint, enrollmentCode, startTestServer, targets, type TestServer } from './harness.js';

/**
 * The desk's upload phase asks the server which pages it lacks once for a group of dossiers
 * (not twice per dossier) and re-checks the group once at the end (sync-engine.ts uploadGroup).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
});

let shade = 0;
const png = () => {
  shade += 1;
  return sharp({ create: { width: 64, height: 64, channels: 3, background: { r: (shade * 37) % 256, g: (shade * 91) % 256, b: 200 } } }).png().toBuffer();
};

it('asks which pages are missing once for a group of dossiers and confirms the group with one more question', async () => {
  const core = makeCore();
  cores.push(core);
  const point = await createPoint(server);
  const token = await setUpDesk(core, point.agencyCode);
  const user = (await core.must('auth.me', {}, token)) as User;
  const calls: string[] = [];
  const counting: FetchLike = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  const sync = createDeskSync({ db: core.db, clock: core.clock, logger: silentLogger, dataDir: core.dir, store: openPageStore(join(core.dir, 'pages')), fetch: counting, tuning: { liveStream: false } });
  await sync.enroll({ serverUrl: server.url, code: await enrollmentCode(server, point.id), deviceName: 'Máy 1' });

  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const draft = await core.must('dossiers.create', { procedureCode: '2.000815', applicant: { fullName: 'Trần Thị Bình', idNumber: '079185001234' }, components: [], pages: 2, copies: 1 }, token);
    await core.pages.importFiles({ dossierId: draft.id, componentPosition: null, insertAt: null, files: [{ name: 'a.png', data: await png() }, { name: 'b.png', data: await png() }], userId: user.id });
    await core.must('dossiers.receive', { id: draft.id }, token);
    ids.push(draft.id);
  }
  calls.length = 0;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 6, uploadedFiles: 12 });
  expect(calls.filter((c) => c === 'POST /sync/blobs/missing')).toHaveLength(2);
  expect(calls.filter((c) => c === 'POST /sync/dossiers/push')).toHaveLength(1);
  expect(calls.filter((c) => c.startsWith('PUT /blobs/'))).toHaveLength(12);
  expect(sync.status(ids).perDossier.map((p) => p.stage)).toEqual(ids.map(() => 'at_province'));


  // A second pass finds nothing to send, with one question for the whole group.
  calls.length = 0;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0, uploadedFiles: 0 });
  expect(calls.filter((c) => c.startsWith('PUT ') || c.includes('/blobs/missing'))).toEqual([]);
});
