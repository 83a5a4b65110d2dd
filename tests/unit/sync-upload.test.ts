import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPageStore } from '../../src-main/pages/page-store.js';
import { emptyMetrics } from '../../src-main/sync/sync-pass-context.js';
import { pushOutbox } from '../../src-main/sync/sync-push.js';
import { resolveTuning } from '../../src-main/sync/sync-tuning.js';
import { groupByHashes, missingOf, uploadPending, type UploadContext } from '../../src-main/sync/sync-upload.js';
import { sqliteUrlStorage } from '../../src-main/sync/tus-url-storage.js';
import { MAX_MISSING_QUERY } from '../../src-shared/sync/wire.js';
import { addDossier, distinctPng, localDesk, type LocalDesk } from '../helpers/desk-dossiers.js';
import { fakeTransport, json, type FakeRequest } from '../helpers/fake-transport.js';

/**
 * The upload step (sync-upload.ts) against a fake server that knows which page hashes it
 * holds: which questions it asks, which pages it sends, and when a dossier counts as uploaded.
 */
const desks: LocalDesk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.core.cleanup();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A fake server holding `held` hashes; PUTs add to it. `onPut` runs before each PUT is answered. */
function server(held: Set<string>, opts: { recheck?: (asked: string[]) => string[]; onPut?: (sha: string) => void } = {}) {
  let questions = 0;
  return fakeTransport((req: FakeRequest) => {
    if (req.method === 'POST' && req.path === '/sync/blobs/missing') {
      questions += 1;
      const asked = (req.body as { hashes: string[] }).hashes;
      const missing = asked.filter((h) => !held.has(h));
      return json({ missing: questions === 2 && opts.recheck ? opts.recheck(asked) : missing });
    }
    const put = /^\/blobs\/([0-9a-f]{64})$/.exec(req.path);
    if (req.method === 'PUT' && put) {
      const body = req.body as Uint8Array;
      if (sha(body) !== put[1]) return json({ error: { code: 'VALIDATION', message: 'hash mismatch' } }, 400);
      opts.onPut?.(put[1]!);
      held.add(put[1]!);
      return json({ sha256: put[1], size: body.length, stored: true }, 201);
    }
    return null;
  });
}

/** A desk whose dossiers (pages given per dossier) the server has accepted: their pages are to be uploaded. */
async function pushedDesk(pagesPerDossier: Buffer[][]): Promise<{ d: LocalDesk; ids: string[] }> {
  const d = await localDesk();
  desks.push(d);
  const ids: string[] = [];
  for (const pages of pagesPerDossier) ids.push(await addDossier(d, pages));
  const accept = fakeTransport(() => json([]));
  await pushOutbox({ db: d.core.db, clock: d.core.clock, http: accept.http(), tuning: resolveTuning(), emit: () => undefined, signal: new AbortController().signal });
  return { d, ids };
}

function context(d: LocalDesk, t: ReturnType<typeof fakeTransport>): UploadContext {
  return {
    db: d.core.db,
    clock: d.core.clock,
    http: t.http(),
    tuning: resolveTuning(),
    emit: () => undefined,
    signal: new AbortController().signal,
    store: openPageStore(join(d.core.dir, 'pages')),
    urlStorage: sqliteUrlStorage(d.core.db, () => d.core.clock.now()),
    sleep: async () => undefined,
    bandwidth: null,
    metrics: emptyMetrics(),
  };
}

const pageHashes = (d: LocalDesk, id: string) => (d.core.db.prepare('SELECT sha256 FROM pages WHERE dossier_id = ? ORDER BY position').all(id) as { sha256: string }[]).map((r) => r.sha256);
const pending = (d: LocalDesk, id: string) => (d.core.db.prepare('SELECT upload_pending AS p, uploaded_at AS at FROM sync_dossiers WHERE dossier_id = ?').get(id) as { p: number; at: string | null });

describe('upload', () => {
  it('asks once for the whole group, sends only what the server lacks (a shared page once), re-checks once, then the dossiers are uploaded', async () => {
    const [p1, p2, p3] = [await distinctPng(), await distinctPng(), await distinctPng()];
    const { d, ids } = await pushedDesk([[p1!, p2!], [p2!], [p3!]]);
    // The desk's stored page files (the import re-encodes what it is given).
    const [h1, h2] = pageHashes(d, ids[0]!);
    const [h3] = pageHashes(d, ids[2]!);
    expect(pageHashes(d, ids[1]!)).toEqual([h2]);
    const held = new Set([h3!]); // the server has the third dossier's page already (another desk sent it)
    const t = server(held);
    const ctx = context(d, t);
    expect(await uploadPending(ctx)).toBe(2);
    const questions = t.of('POST', '/sync/blobs/missing').map((r) => (r.body as { hashes: string[] }).hashes.sort());
    expect(questions).toEqual([[h1!, h2!, h3!].sort(), [h1!, h2!, h3!].sort()]);
    const puts = t.requests.filter((r) => r.method === 'PUT');
    // Dossiers pushed in the same instant go up in either order; each missing page once.
    expect(puts.map((r) => r.path).sort()).toEqual([`/blobs/${h1}`, `/blobs/${h2}`].sort());
    for (const id of ids) expect(pending(d, id)).toMatchObject({ p: 0, at: d.core.clock.now().toISOString() });
    const sent = puts.reduce((n, r) => n + (r.body as Uint8Array).length, 0);
    expect(ctx.metrics).toMatchObject({ filesUploaded: 2, bytesSent: sent, resumedFrom: [] });

    // Nothing left: a second call asks nothing.
    t.requests.length = 0;
    expect(await uploadPending(ctx)).toBe(0);
    expect(t.requests).toEqual([]);
  });

  it('a dossier with a page the server lost before the re-check is pending again; the others are uploaded', async () => {
    const { d, ids } = await pushedDesk([[await distinctPng()], [await distinctPng()]]);
    const lost = pageHashes(d, ids[0]!)[0]!;
    const t = server(new Set(), { recheck: () => [lost] });
    expect(await uploadPending(context(d, t))).toBe(2);
    expect(pending(d, ids[0]!)).toEqual({ p: 1, at: null });
    expect(pending(d, ids[1]!)).toMatchObject({ p: 0 });
  });

  it('a dossier pushed again while its pages went up stays pending (the newer push decides)', async () => {
    const { d, ids } = await pushedDesk([[await distinctPng()]]);
    const t = server(new Set(), { onPut: () => d.core.db.prepare("UPDATE sync_dossiers SET pushed_at = '2026-03-02T09:30:00.000Z' WHERE dossier_id = ?").run(ids[0]) });
    expect(await uploadPending(context(d, t))).toBe(1);
    expect(pending(d, ids[0]!)).toEqual({ p: 1, at: null });
  });

  it('groups in order so that each group has at most `max` distinct hashes; a larger item goes alone', () => {
    const items = [['a', 'b'], ['b', 'c'], ['d', 'e', 'f'], ['g'], ['h', 'i', 'j', 'k', 'l'], ['m']];
    const groups = groupByHashes(items, (x) => x, 3);
    expect(groups.map((g) => g.items)).toEqual([[['a', 'b'], ['b', 'c']], [['d', 'e', 'f']], [['g']], [['h', 'i', 'j', 'k', 'l']], [['m']]]);
    expect(groups.map((g) => g.hashes)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g'], ['h', 'i', 'j', 'k', 'l'], ['m']]);
    expect(groups.filter((_, i) => i !== 3).every((g) => g.hashes.length <= 3)).toBe(true);
  });

  it(`asks about at most MAX_MISSING_QUERY (${MAX_MISSING_QUERY}) hashes per request and joins the answers`, async () => {
    const hashes = Array.from({ length: MAX_MISSING_QUERY + 1 }, (_, i) => sha(Buffer.from(String(i))));
    const t = server(new Set(hashes.filter((_, i) => i % 2 === 1)));
    const missing = await missingOf(t.http(), hashes);
    expect(t.requests.map((r) => (r.body as { hashes: string[] }).hashes.length)).toEqual([MAX_MISSING_QUERY, 1]);
    expect(missing).toEqual(new Set(hashes.filter((_, i) => i % 2 === 0)));
  });
});
