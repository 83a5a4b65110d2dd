import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { FetchLike } from '../../src-main/sync/sync-http.js';
import { openPgliteDb } from '../../src-server/storage/pglite-db.js';
import { addDossier, distinctPngs } from '../helpers/desk-dossiers.js';
import { closeDesks, enrollDesk, makeDesk } from '../helpers/desk.js';
import { call, enroll, startTestServer, targets, type TestServer } from './harness.js';

/**
 * The desk's upload phase asks the server which pages it lacks once for a group of dossiers
 * (not twice per dossier) and re-checks the group once at the end (sync-upload.ts uploadGroup).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(targets[0]!);
}, 60_000);
afterAll(async () => server?.destroy());
afterEach(closeDesks);

it('asks which pages are missing once for a group of dossiers and confirms the group with one more question', async () => {
  const calls: string[] = [];
  const counting: FetchLike = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  const desk = await makeDesk(server, { sync: { fetch: counting, tuning: { liveStream: false } } });
  await enrollDesk(server, desk);

  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await addDossier(desk, await distinctPngs(2)));
  const { sync } = desk;
  calls.length = 0;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 6, uploadedFiles: 12 });
  expect(calls.filter((c) => c === 'POST /sync/blobs/missing')).toHaveLength(2);
  expect(calls.filter((c) => c === 'POST /sync/dossiers/push')).toHaveLength(1);
  expect(calls.filter((c) => c.startsWith('PUT /blobs/'))).toHaveLength(12);
  expect(sync.status(ids).perDossier.map((p) => p.stage)).toEqual(ids.map(() => 'at_province'));

  // A second pass finds nothing to send: every dossier is at the province, so it asks no question at all.
  calls.length = 0;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0, uploadedFiles: 0 });
  expect(calls.filter((c) => c.startsWith('PUT ') || c.includes('/blobs/missing'))).toEqual([]);
});

/** Where the server keeps a page (src-server/blobs/blob-store.ts: `<dataDir>/blobs/aa/bb/<sha>`). */
const blobFile = (sha: string) => join(server.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);

/**
 * The server loses a page: its file and the rows that say it is present (blobs-repo.ts answers
 * /sync/blobs/missing from the point's point_blobs row). PGlite belongs to the running server,
 * so it is stopped, the rows deleted, and started again on the same data and port.
 */
async function loseBlob(sha: string): Promise<void> {
  await server.server.close();
  const db = await openPgliteDb(join(server.dataDir, 'pg'));
  try {
    await db.query('DELETE FROM point_blobs WHERE sha256 = $1', [sha]);
    await db.query('DELETE FROM blobs WHERE sha256 = $1', [sha]);
  } finally {
    await db.close();
  }
  rmSync(blobFile(sha), { force: true });
  await server.restart();
}

it('puts a dossier back to uploading when the server lost one of its pages before the re-check, and sends that page again on the next pass', async () => {
  // The server stops and starts in the middle of the pass: the restart is the server's work, not the desk's.
  let loseBeforeRecheck: string | null = null;
  let missingQuestions = 0;
  const losing: FetchLike = async (input, init) => {
    if (new URL(String(input)).pathname === '/sync/blobs/missing') {
      missingQuestions += 1;
      // The second question of the pass is the re-check after the uploads (sync-upload.ts uploadGroup).
      if (missingQuestions === 2 && loseBeforeRecheck) await loseBlob(loseBeforeRecheck);
    }
    return fetch(input, init);
  };
  const desk = await makeDesk(server, { sync: { fetch: losing, tuning: { liveStream: false } } });
  const { core, point, sync } = desk;
  await enrollDesk(server, desk);
  const dossierId = await addDossier(desk, await distinctPngs(2));
  const shas = (core.db.prepare('SELECT sha256 FROM pages WHERE dossier_id = ? ORDER BY position').all(dossierId) as { sha256: string }[]).map((r) => r.sha256);
  expect(shas).toHaveLength(2);
  const lost = shas[0]!;
  // Another device of the same point asks the server itself which pages it lacks.
  const other = await enroll(server, point.id, 'Máy kiểm tra');
  const serverMissing = async () => (await call<{ missing: string[] }>(server, other, 'POST', '/sync/blobs/missing', { hashes: shas })).body.missing;

  // Both pages go up; the server loses the first one before the desk's re-check.
  loseBeforeRecheck = lost;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, uploadedFiles: 2 });
  expect(missingQuestions).toBe(2);
  expect(await serverMissing()).toEqual([lost]);
  expect(existsSync(blobFile(lost))).toBe(false);
  expect(sync.status([dossierId]).perDossier.map((p) => p.stage)).toEqual(['uploading']);

  // The next pass sends the lost page again (only that one) and the dossier is at the province.
  loseBeforeRecheck = null;
  missingQuestions = 0;
  expect(await sync.engine.syncOnce()).toMatchObject({ ok: true, pushed: 0, uploadedFiles: 1 });
  expect(missingQuestions).toBe(2);
  expect(await serverMissing()).toEqual([]);
  expect(existsSync(blobFile(lost))).toBe(true);
  expect(sync.status([dossierId]).perDossier.map((p) => p.stage)).toEqual(['at_province']);
}, 60_000);
