import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dossierDocument } from '../../src-main/sync/dossier-document.js';
import { pullChanges } from '../../src-main/sync/sync-pull.js';
import { getState } from '../../src-main/sync/sync-repo.js';
import { resolveTuning } from '../../src-main/sync/sync-tuning.js';
import type { MasterDossier } from '../../src-shared/sync/wire.js';
import { addDossier, distinctPng, localDesk, type LocalDesk } from '../helpers/desk-dossiers.js';
import { fakeTransport, json } from '../helpers/fake-transport.js';

/**
 * The pull step (sync-pull.ts) against a fake server's change feed: it pages from the desk's
 * checkpoint, applies the province's part to the desk's own dossiers only, and moves the
 * checkpoint in the transaction that applies a page.
 */
const desks: LocalDesk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.core.cleanup();
});

async function deskWith(n: number): Promise<{ d: LocalDesk; ids: string[] }> {
  const d = await localDesk();
  desks.push(d);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await addDossier(d, [await distinctPng()]));
  return { d, ids };
}

function masterOf(d: LocalDesk, id: string, seq: number, status: 'processing' | 'completed' = 'processing'): MasterDossier {
  return { ...dossierDocument(d.core.db, id)!, province: { status, note: `Bước ${seq}`, updatedAt: '2026-03-02T04:00:00.000Z' }, seq, complete: true };
}

/** A change feed of `docs` in seq order: `limit` after `checkpoint`, like the server's. */
function feed(docs: () => MasterDossier[]) {
  return fakeTransport((req) => {
    if (req.path !== '/sync/dossiers/pull') return null;
    const after = Number(req.query.get('checkpoint'));
    const page = docs().filter((m) => m.seq > after).slice(0, Number(req.query.get('limit')));
    return json({ documents: page, checkpoint: { seq: page.at(-1)?.seq ?? after } });
  });
}

const provinceOf = (d: LocalDesk) =>
  d.core.db.prepare('SELECT dossier_id, status, note, server_seq FROM dossier_province_status ORDER BY server_seq').all() as { dossier_id: string; status: string; note: string; server_seq: number }[];

describe('pull', () => {
  it('pages through the feed from the checkpoint until a short page, applying only the desk’s own dossiers', async () => {
    const { d, ids } = await deskWith(2);
    const [a, b] = ids as [string, string];
    const other = { ...masterOf(d, a, 2), id: randomUUID(), code: 'MAY-2' }; // a dossier of another desk of the point
    const docs = [masterOf(d, a, 1), other, masterOf(d, b, 3)];
    const t = feed(() => docs);
    const ctx = { db: d.core.db, clock: d.core.clock, http: t.http(), tuning: resolveTuning({ pullLimit: 2 }) };

    expect(await pullChanges(ctx)).toBe(3);
    expect(t.requests.map((r) => r.query.get('checkpoint'))).toEqual(['0', '2']);
    expect(getState(d.core.db, 'checkpoint')).toBe(3);
    expect(provinceOf(d)).toEqual([
      { dossier_id: a, status: 'processing', note: 'Bước 1', server_seq: 1 },
      { dossier_id: b, status: 'processing', note: 'Bước 3', server_seq: 3 },
    ]);

    // Later changes come from the checkpoint on; nothing before it is asked again.
    docs.push(masterOf(d, a, 4, 'completed'));
    t.requests.length = 0;
    expect(await pullChanges(ctx)).toBe(1);
    expect(t.requests.map((r) => r.query.get('checkpoint'))).toEqual(['3']);
    expect(provinceOf(d).find((p) => p.dossier_id === a)).toMatchObject({ status: 'completed', server_seq: 4 });
  });

  it('moves the checkpoint in the transaction that applies the page: a failure half-way applies nothing and keeps the checkpoint', async () => {
    const { d, ids } = await deskWith(2);
    const [a, b] = ids as [string, string];
    const t = feed(() => [masterOf(d, a, 1), masterOf(d, b, 2)]);
    const ctx = { db: d.core.db, clock: d.core.clock, http: t.http(), tuning: resolveTuning() };
    // The second document of the page fails to apply (a full disk, say).
    d.core.db.exec(`CREATE TEMP TRIGGER fail_b BEFORE INSERT ON dossier_province_status WHEN NEW.dossier_id = '${b}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(pullChanges(ctx)).rejects.toThrow(/disk full/);
    expect(getState(d.core.db, 'checkpoint')).toBeNull();
    expect(provinceOf(d)).toEqual([]); // not even the first document

    d.core.db.exec('DROP TRIGGER fail_b');
    expect(await pullChanges(ctx)).toBe(2);
    expect(getState(d.core.db, 'checkpoint')).toBe(2);
    expect(provinceOf(d).map((p) => p.dossier_id)).toEqual([a, b]);
  });

  it('a malformed answer is an error, and the checkpoint stays', async () => {
    const { d } = await deskWith(1);
    const t = fakeTransport((req) => (req.path === '/sync/dossiers/pull' ? json({ documents: 'nope' }) : null));
    await expect(pullChanges({ db: d.core.db, clock: d.core.clock, http: t.http(), tuning: resolveTuning() })).rejects.toMatchObject({ status: 502 });
    expect(getState(d.core.db, 'checkpoint')).toBeNull();
  });
});
