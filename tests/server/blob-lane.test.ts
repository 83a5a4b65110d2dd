import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierSyncStatus, PullResponse } from '../../src-shared/sync/wire.js';
import { SseClient } from './sse-client.js';
import { call, createPoint, enroll, makeDossier, sha256, startTestServer, targets, type Desk, type TestServer } from './harness.js';

const MiB = 1024 * 1024;

describe.each(targets)('blob lane on $name', (target) => {
  let ts: TestServer;
  let desk: Desk;
  beforeAll(async () => {
    ts = await startTestServer(target, { blobMaxBytes: 4 * MiB });
    desk = await enroll(ts, (await createPoint(ts)).id);
  });
  afterAll(async () => ts?.destroy());

  const blobPath = (h: string) => join(ts.dataDir, 'blobs', h.slice(0, 2), h.slice(2, 4), h);
  const tmpFiles = () => readdirSync(join(ts.dataDir, 'blobs', 'tmp'));
  const put = (h: string, body: BodyInit, auth: string | null = desk.auth, extra: RequestInit = {}) =>
    fetch(`${ts.url}/blobs/${h}`, {
      method: 'PUT',
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/octet-stream' },
      body,
      ...extra,
    });
  const missing = async (hashes: string[]) =>
    (await call<{ missing: string[] }>(ts, desk, 'POST', '/sync/blobs/missing', { hashes })).body.missing;

  it('stores a page whose bytes match its hash, once', async () => {
    const data = randomBytes(200_000);
    const h = sha256(data);
    expect(await missing([h])).toEqual([h]);
    const res = await put(h, data);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256: h, size: data.length, stored: true });
    expect(readFileSync(blobPath(h)).equals(data)).toBe(true);
    expect(await missing([h])).toEqual([]);
    const again = await put(h, data);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { stored: boolean }).stored).toBe(false);
  });

  it('refuses bytes that do not match the hash with 400 and stores nothing', async () => {
    const data = randomBytes(50_000);
    const claimed = sha256(randomBytes(8));
    const res = await put(claimed, data);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect(existsSync(blobPath(claimed))).toBe(false);
    expect(existsSync(blobPath(sha256(data)))).toBe(false);
    expect(tmpFiles()).toEqual([]);
    expect(await missing([claimed])).toEqual([claimed]);
  });

  it('refuses an oversized blob, declared or streamed, and a bad hash or no credential', async () => {
    const big = randomBytes(4 * MiB + 1);
    const declared = await put(sha256(big), big);
    expect(declared.status).toBe(413);
    // Streamed without a length: the server counts while it reads.
    const streamed = await put(sha256(big), Readable.toWeb(Readable.from([big.subarray(0, 2 * MiB), big.subarray(2 * MiB)])) as ReadableStream, desk.auth, {
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(existsSync(blobPath(sha256(big)))).toBe(false);
    expect(tmpFiles()).toEqual([]);
    expect((await put('not-a-hash', Buffer.from('x'))).status).toBe(400);
    expect((await put(sha256('x'), Buffer.from('x'), null)).status).toBe(401);
    expect((await call(ts, null, 'POST', '/sync/blobs/missing', { hashes: [] })).status).toBe(401);
    expect((await call(ts, desk, 'POST', '/sync/blobs/missing', { hashes: ['zz'] })).status).toBe(400);
  });

  it('leaves nothing behind when the desk drops the connection mid-upload', async () => {
    const data = randomBytes(1 * MiB);
    const h = sha256(data);
    const url = new URL(`${ts.url}/blobs/${h}`);
    let tmpWhileUploading = -1;
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, {
        method: 'PUT',
        headers: { authorization: desk.auth, 'content-type': 'application/octet-stream', 'content-length': String(data.length) },
      });
      req.on('error', () => resolve());
      req.write(data.subarray(0, data.length / 2), () =>
        setTimeout(() => {
          tmpWhileUploading = tmpFiles().length;
          req.destroy();
        }, 300),
      );
      req.on('close', () => resolve());
    });
    expect(tmpWhileUploading).toBe(1);
    // The server notices the abort and removes its temp file.
    for (let i = 0; i < 50 && tmpFiles().length > 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(tmpFiles()).toEqual([]);
    expect(existsSync(blobPath(h))).toBe(false);
    expect(await missing([h])).toEqual([h]);
  });

  it('answers which hashes are missing, in order and without repeats', async () => {
    const present = randomBytes(1000);
    await put(sha256(present), present);
    const a = sha256('không có 1');
    const b = sha256('không có 2');
    expect(await missing([a, sha256(present), b, a])).toEqual([a, b]);
  });

  it('marks a dossier complete when its last page arrives, with a new seq the desk pulls', async () => {
    const p1 = randomBytes(30_000);
    const p2 = randomBytes(40_000);
    const d = makeDossier(desk, {
      pages: [
        { sha256: sha256(p1), size: p1.length, component: 0, position: 0 },
        { sha256: sha256(p2), size: p2.length, component: 0, position: 1 },
      ],
    });
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: d }])).body).toEqual([]);
    const status = async () => (await call<DossierSyncStatus>(ts, desk, 'GET', `/sync/dossiers/${d.id}/status`)).body;
    const s0 = await status();
    expect([s0.complete, s0.missing]).toEqual([false, [sha256(p1), sha256(p2)]]);
    await put(sha256(p1), p1);
    const s1 = await status();
    expect([s1.complete, s1.missing, s1.seq]).toEqual([false, [sha256(p2)], s0.seq]);
    // An online desk hears of the completion on its change stream at once.
    const stream = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    expect(await stream.next()).toBe('RESYNC');
    await put(sha256(p2), p2);
    const s2 = await status();
    expect([s2.complete, s2.missing]).toEqual([true, []]);
    expect(s2.seq).toBeGreaterThan(s0.seq);
    const live = (await stream.next()) as PullResponse | null;
    stream.close();
    expect(live?.documents.map((x) => [x.id, x.complete, x.seq])).toEqual([[d.id, true, s2.seq]]);
    const pulled = (await call<PullResponse>(ts, desk, 'GET', `/sync/dossiers/pull?checkpoint=${s0.seq}`)).body;
    expect(pulled.documents.map((x) => [x.id, x.complete])).toEqual([[d.id, true]]);
  });

  it('records pages uploaded at the same time: each once, and every dossier they complete', async () => {
    // Many PUTs at once finish while a recording is under way, so they share transactions
    // (blob-recorder.ts); the same page sent twice at once is stored once.
    const pages = Array.from({ length: 12 }, (_, i) => randomBytes(5_000 + i));
    const docs = [0, 1, 2].map((k) =>
      makeDossier(desk, { pages: pages.slice(k * 4, k * 4 + 6).map((p, i) => ({ sha256: sha256(p), size: p.length, component: 0, position: i })) }),
    );
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', docs.map((d) => ({ newDocumentState: d })))).body).toEqual([]);
    const sends = [...pages, pages[5]!, pages[5]!].map(async (p) => {
      const res = await put(sha256(p), p);
      return { h: sha256(p), status: res.status, body: (await res.json()) as { stored: boolean } };
    });
    const answers = await Promise.all(sends);
    expect(answers.every((a) => a.status === (a.body.stored ? 201 : 200))).toBe(true);
    for (const p of pages) expect(answers.filter((a) => a.h === sha256(p) && a.body.stored)).toHaveLength(1);
    expect(await missing(pages.map((p) => sha256(p)))).toEqual([]);
    for (const d of docs) {
      const s = (await call<DossierSyncStatus>(ts, desk, 'GET', `/sync/dossiers/${d.id}/status`)).body;
      expect([s.complete, s.missing]).toEqual([true, []]);
    }
  });

  it('resumes a tus upload mid-file and verifies the whole file before storing it', async () => {
    const data = randomBytes(3 * MiB);
    const h = sha256(data);
    const options = { endpoint: `${ts.url}/tus`, headers: { authorization: desk.auth }, metadata: { sha256: h, filename: 'ho-so.pdf' }, chunkSize: MiB, retryDelays: [] as number[] };

    // First attempt: the link "drops" after the first MiB.
    const first = new Upload(data, options);
    const firstSent = await new Promise<number>((resolve, reject) => {
      let sent = 0;
      first.options.onChunkComplete = (chunk) => {
        sent += chunk;
        void first.abort().then(() => resolve(sent));
      };
      first.options.onError = reject;
      first.options.onSuccess = () => reject(new Error('should not finish'));
      first.start();
    });
    expect(firstSent).toBe(MiB);
    expect(first.url).toMatch(/\/tus\/[0-9a-f]+$/);
    expect(existsSync(blobPath(h))).toBe(false);

    // The server remembers the offset.
    const head = await fetch(first.url!, { method: 'HEAD', headers: { authorization: desk.auth, 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(MiB);

    // Second attempt resumes from that offset: only the rest is sent.
    let resent = 0;
    await new Promise<void>((resolve, reject) => {
      const second = new Upload(data, {
        ...options,
        uploadUrl: first.url,
        onChunkComplete: (chunk) => {
          resent += chunk;
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      second.start();
    });
    expect(resent).toBe(data.length - MiB);
    expect(resent).toBeLessThan(data.length);
    expect(readFileSync(blobPath(h)).equals(data)).toBe(true);
    expect(await missing([h])).toEqual([]);
  });

  it('refuses a tus upload whose bytes do not match its sha256, and one without credential', async () => {
    const data = randomBytes(100_000);
    const claimed = sha256('autre chose');
    const err = await new Promise<Error | null>((resolve) => {
      new Upload(data, {
        endpoint: `${ts.url}/tus`,
        headers: { authorization: desk.auth },
        metadata: { sha256: claimed },
        retryDelays: [],
        onSuccess: () => resolve(null),
        onError: (e) => resolve(e),
      }).start();
    });
    expect(err).not.toBeNull();
    expect(String(err)).toContain('400');
    expect(existsSync(blobPath(claimed))).toBe(false);
    expect(existsSync(blobPath(sha256(data)))).toBe(false);

    const noAuth = await fetch(`${ts.url}/tus`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `sha256 ${Buffer.from(claimed).toString('base64')}` },
    });
    expect(noAuth.status).toBe(401);
    const noHash = await fetch(`${ts.url}/tus`, { method: 'POST', headers: { authorization: desk.auth, 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(noHash.status).toBe(400);
    const tooBig = await fetch(`${ts.url}/tus`, {
      method: 'POST',
      headers: { authorization: desk.auth, 'tus-resumable': '1.0.0', 'upload-length': String(5 * MiB), 'upload-metadata': `sha256 ${Buffer.from(claimed).toString('base64')}` },
    });
    expect(tooBig.status).toBe(413);
  });
});
