import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierSyncStatus, SyncDossier } from '../../src-shared/sync/wire.js';
import { call, createPoint, enroll, makeDossier, sha256, startTestServer, targets, type Desk, type TestServer } from './harness.js';

const MiB = 1024 * 1024;
type Gc = { checked: number; released: number; blobsRemoved: number; bytesFreed: number; uploadsRemoved: number };

describe.each(targets)('blob scope, quotas and garbage collection on $name', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(target, { blobMaxBytes: 2 * MiB, quotas: { reservedBytes: 3 * MiB, storedBytes: 5 * MiB }, unreferencedGraceHours: 48 });
  });
  afterAll(async () => ts?.destroy());

  const newDesk = async (name = 'Máy') => enroll(ts, (await createPoint(ts, name)).id, name);
  const blobFile = (h: string) => join(ts.dataDir, 'blobs', h.slice(0, 2), h.slice(2, 4), h);
  const put = (d: Desk, data: Buffer) =>
    fetch(`${ts.url}/blobs/${sha256(data)}`, { method: 'PUT', headers: { authorization: d.auth, 'content-type': 'application/octet-stream' }, body: Uint8Array.from(data) });
  const missing = async (d: Desk, hashes: string[]) => (await call<{ missing: string[] }>(ts, d, 'POST', '/sync/blobs/missing', { hashes })).body.missing;
  const pageOf = (data: Buffer, position = 0) => ({ sha256: sha256(data), size: data.length, component: 0, position });
  const push = async (d: Desk, doc: SyncDossier, assumed?: SyncDossier) =>
    (await call(ts, d, 'POST', '/sync/dossiers/push', [{ newDocumentState: doc, assumedMasterState: assumed ?? null }])).body;
  const status = async (d: Desk, id: string) => (await call<DossierSyncStatus>(ts, d, 'GET', `/sync/dossiers/${id}/status`)).body;
  const storedBytes = async (d: Desk) =>
    (await ts.admin<Array<{ id: string; storedBytes: number }>>('/devices')).body.find((x) => x.id === d.deviceId)!.storedBytes;
  const gc = async () => (await ts.admin<Gc>('/gc', 'POST', {})).body;
  const tusCreate = (d: Desk, data: Buffer, headers: Record<string, string> = { 'upload-length': String(data.length) }) =>
    fetch(`${ts.url}/tus`, {
      method: 'POST',
      headers: { authorization: d.auth, 'tus-resumable': '1.0.0', 'upload-metadata': `sha256 ${Buffer.from(sha256(data)).toString('base64')}`, ...headers },
    });
  const tusCall = (d: Desk, url: string, method: string, body?: Buffer, offset = 0) =>
    fetch(new URL(url, ts.url + '/tus/'), {
      method,
      headers: {
        authorization: d.auth,
        'tus-resumable': '1.0.0',
        ...(body ? { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) } : {}),
      },
      body: body ? Uint8Array.from(body) : undefined,
    });

  it("never tells a point that another point's page exists, nor counts it towards completeness", async () => {
    const a = await newDesk('Điểm A');
    const b = await newDesk('Điểm B');
    const page = randomBytes(50_000);
    const h = sha256(page);
    expect((await put(a, page)).status).toBe(201);
    expect(await missing(a, [h])).toEqual([]);
    // B asks: missing, although the file is in the shared store.
    expect(await missing(b, [h])).toEqual([h]);
    // B lists A's page in a dossier of its own: not complete, the page is B's to upload.
    const doc = makeDossier(b, { pages: [pageOf(page)] });
    expect(await push(b, doc)).toEqual([]);
    expect(await status(b, doc.id)).toMatchObject({ complete: false, missing: [h] });
    // Uploading the bytes proves B holds them: new for B (201), and the dossier completes.
    const proved = await put(b, page);
    expect(proved.status).toBe(201);
    expect(await proved.json()).toEqual({ sha256: h, size: page.length, stored: true });
    expect(await status(b, doc.id)).toMatchObject({ complete: true, missing: [] });
    // For A, which had it, the same upload is a repeat.
    expect((await put(a, page)).status).toBe(200);
    // Each device counts what it brought to its own point.
    expect(await storedBytes(a)).toBe(page.length);
    expect(await storedBytes(b)).toBe(page.length);
  });

  it('binds a resumable upload to the device that created it: another gets 404 on HEAD, PATCH and DELETE', async () => {
    const owner = await newDesk('Điểm C');
    const stranger = await enroll(ts, (await createPoint(ts, 'Điểm D')).id);
    const data = randomBytes(300_000);
    const created = await tusCreate(owner, data);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    for (const method of ['HEAD', 'GET', 'DELETE']) expect((await tusCall(stranger, location, method)).status).toBe(404);
    expect((await tusCall(stranger, location, 'PATCH', data)).status).toBe(404);
    // Still intact for its owner, which finishes it.
    const head = await tusCall(owner, location, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('0');
    expect((await tusCall(owner, location, 'PATCH', data)).status).toBe(204);
    expect(await missing(owner, [sha256(data)])).toEqual([]);
    expect(await missing(stranger, [sha256(data)])).toEqual([sha256(data)]);
    // An upload id nobody created answers the same way.
    expect((await tusCall(owner, '/tus/' + 'f'.repeat(32), 'HEAD')).status).toBe(404);
  });

  it('refuses uploads past the reserved-bytes and stored-bytes quotas, and one without a length', async () => {
    const d = await newDesk('Điểm E');
    const twoMiB = randomBytes(2 * MiB);
    const r1 = await tusCreate(d, twoMiB);
    expect(r1.status).toBe(201);
    // 2 MiB reserved + 2 MiB > 3 MiB.
    const r2 = await tusCreate(d, randomBytes(2 * MiB));
    expect(r2.status).toBe(413);
    expect(((await r2.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ quota: 'reserved' });
    const deferred = await tusCreate(d, randomBytes(10), { 'upload-defer-length': '1' });
    expect(deferred.status).toBe(400);
    // Finishing the first frees the reservation; stored pages then count.
    expect((await tusCall(d, r1.headers.get('location')!, 'PATCH', twoMiB)).status).toBe(204);
    expect(await storedBytes(d)).toBe(2 * MiB);
    expect((await put(d, randomBytes(2 * MiB))).status).toBe(201);
    // 4 MiB stored + 2 MiB > 5 MiB, by PUT and by tus.
    const over = await put(d, randomBytes(2 * MiB));
    expect(over.status).toBe(413);
    const body = (await over.json()) as { error: { fields: Record<string, string>; message: string } };
    expect(body.error.fields).toEqual({ quota: 'stored' });
    expect(body.error.message).toMatch(/dung lượng/);
    expect((await tusCreate(d, randomBytes(2 * MiB))).status).toBe(413);
    // Another device of the same point has its own quota.
    expect((await put(await enroll(ts, d.receptionPoint.id, 'Máy 2'), randomBytes(MiB))).status).toBe(201);
  });

  it('collects pages no dossier of their point lists once the grace period is over, and keeps listed ones', async () => {
    const d = await newDesk('Điểm F');
    const junk = randomBytes(100_000);
    const listed = randomBytes(80_000);
    const dropped = randomBytes(60_000);
    const doc = makeDossier(d, { pages: [pageOf(listed, 0), pageOf(dropped, 1)] });
    expect(await push(d, doc)).toEqual([]);
    for (const p of [junk, listed, dropped]) expect((await put(d, p)).status).toBe(201);
    expect(await storedBytes(d)).toBe(240_000);
    // The clerk removes a page: the dossier no longer lists it.
    const edited = { ...doc, pages: [pageOf(listed, 0)] };
    expect(await push(d, edited, doc)).toEqual([]);

    const hashes = [junk, listed, dropped].map((p) => sha256(p));
    // Within the grace period nothing goes (the collection is server-wide: other tests' pages may).
    ts.clock.advanceHours(47);
    await gc();
    expect(await missing(d, hashes)).toEqual([]);
    ts.clock.advanceHours(2);
    expect((await gc()).released).toBeGreaterThanOrEqual(2);
    expect(await missing(d, hashes)).toEqual([sha256(junk), sha256(dropped)]);
    expect(await storedBytes(d)).toBe(80_000);
    // The files go one grace period after their last holder let go.
    expect(existsSync(blobFile(sha256(junk)))).toBe(true);
    ts.clock.advanceHours(49);
    expect((await gc()).bytesFreed).toBeGreaterThanOrEqual(160_000);
    expect(existsSync(blobFile(sha256(junk)))).toBe(false);
    expect(existsSync(blobFile(sha256(dropped)))).toBe(false);
    expect(existsSync(blobFile(sha256(listed)))).toBe(true);
    expect(await missing(d, hashes)).toEqual([sha256(junk), sha256(dropped)]);
    expect(await status(d, doc.id)).toMatchObject({ complete: true });
    // A later run finds nothing more.
    expect(await gc()).toMatchObject({ released: 0, blobsRemoved: 0, uploadsRemoved: 0 });
  });

  it("keeps a shared file while another point still holds it", async () => {
    const a = await newDesk('Điểm G');
    const b = await newDesk('Điểm H');
    const page = randomBytes(30_000);
    const docB = makeDossier(b, { pages: [pageOf(page)] });
    expect(await push(b, docB)).toEqual([]);
    expect((await put(a, page)).status).toBe(201);
    expect((await put(b, page)).status).toBe(201);
    ts.clock.advanceHours(100);
    await gc();
    ts.clock.advanceHours(100);
    await gc();
    expect(await missing(a, [sha256(page)])).toEqual([sha256(page)]);
    expect(await missing(b, [sha256(page)])).toEqual([]);
    expect(existsSync(blobFile(sha256(page)))).toBe(true);
  });

  it('removes abandoned uploads with their files once they expire, freeing the reservation', async () => {
    const d = await newDesk('Điểm I');
    const data = randomBytes(MiB);
    const created = await tusCreate(d, data);
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await tusCall(d, created.headers.get('location')!, 'PATCH', data.subarray(0, MiB / 2))).status).toBe(204);
    expect(readdirSync(join(ts.dataDir, 'tus'))).toContain(id);
    ts.clock.advanceHours(7 * 24 + 1);
    expect((await gc()).uploadsRemoved).toBeGreaterThanOrEqual(1);
    expect(readdirSync(join(ts.dataDir, 'tus')).filter((f) => f.startsWith(id))).toEqual([]);
    expect((await tusCall(d, created.headers.get('location')!, 'HEAD')).status).toBe(404);
    // The 3 MiB reservation is free again.
    expect((await tusCreate(d, randomBytes(2 * MiB))).status).toBe(201);
  });
});
