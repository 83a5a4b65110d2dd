import { afterEach, describe, expect, it } from 'vitest';
import { createChangeFeed, currentChangeMark, nextChangeSeq, type ChangeMark } from '../../src-main/db/change-feed.js';
import type { EventPayload } from '../../src-shared/contract/events.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

const certification = { procedureCode: '2.000815', applicant: { fullName: 'Trần Thị Bích', idNumber: '079185001234' }, components: [], pages: 1, copies: 1 };

/** Waits for timers and promises queued now (a nudge schedules its pass with a 0 ms timer). */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('change feed', () => {
  it('tells listeners only what was committed: a read or a rolled-back write announces nothing', async () => {
    core = makeCore();
    const feed = createChangeFeed(core.db);
    const heard: [ChangeMark, ChangeMark][] = [];
    feed.subscribe((now, before) => heard.push([now, before]));

    feed.check();
    expect(heard).toEqual([]);

    expect(() =>
      core.db.transaction(() => {
        nextChangeSeq(core.db);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    feed.check();
    expect(heard).toEqual([]);

    const before = currentChangeMark(core.db);
    core.db.transaction(() => nextChangeSeq(core.db))();
    feed.check();
    feed.check(); // a second look at the same state says nothing more
    expect(heard).toEqual([[{ seq: before.seq + 1, outbox: before.outbox, queues: before.queues }, before]]);
  });

  it('moves the outbox mark when a received dossier changes, not for drafts nor for the engine’s own bookkeeping', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const start = currentChangeMark(core.db);
    const draft = await core.must('dossiers.create', certification, token);
    const afterDraft = currentChangeMark(core.db);
    expect(afterDraft.seq).toBeGreaterThan(start.seq);
    expect(afterDraft.outbox).toBe(start.outbox);

    await core.must('dossiers.receive', { id: draft.id }, token);
    const received = currentChangeMark(core.db);
    expect(received.outbox).toBeGreaterThan(afterDraft.outbox);

    // A failed push counts an attempt on the outbox row: nothing new to send.
    core.db.prepare("UPDATE sync_outbox SET attempts = attempts + 1, last_error = 'offline' WHERE dossier_id = ?").run(draft.id);
    expect(currentChangeMark(core.db).outbox).toBe(received.outbox);
  });
});

describe('the core on the change feed', () => {
  it('runs no sync pass for reads; a change queued for the province runs one', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', certification, token);
    // Not enrolled: each pass ends at once, but it is counted, and the next one waits for the idle timer.
    core.sync.engine.start();
    await settle();
    const passes = core.sync.engine.metrics.passes;
    expect(passes).toBeGreaterThanOrEqual(1);

    for (let i = 0; i < 10; i++) await core.must('search.query', { query: 'tran thi bich', limit: 20 }, token);
    await core.must('dossiers.get', { id: draft.id }, token);
    await core.must('pages.list', { dossierId: draft.id }, token);
    await core.must('sync.status', {}, token);
    // A draft edit stays on the desk: no pass either.
    await core.must('dossiers.update', { id: draft.id, draft: { ...certification, note: 'hai bản' } }, token);
    await settle();
    expect(core.sync.engine.metrics.passes).toBe(passes);

    await core.must('dossiers.receive', { id: draft.id }, token);
    await settle();
    expect(core.sync.engine.metrics.passes).toBe(passes + 1);
  });

  it('streams changed dossiers to renderers after the command that committed them, and nothing after a read', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const pushed: EventPayload<'replication.dossiers'>[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'replication.dossiers') pushed.push(payload as EventPayload<'replication.dossiers'>);
    });
    const draft = await core.must('dossiers.create', certification, token);
    expect(pushed.map((p) => p.documents.map((d) => d.id))).toEqual([[draft.id]]);
    await core.must('dossiers.get', { id: draft.id }, token);
    expect(pushed).toHaveLength(1);
    await core.must('dossiers.receive', { id: draft.id }, token);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]!.documents[0]).toMatchObject({ id: draft.id, status: 'received' });
    expect(pushed[1]!.checkpoint.seq).toBeGreaterThan(pushed[0]!.checkpoint.seq);
  });
});
