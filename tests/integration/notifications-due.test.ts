import { afterEach, describe, expect, it } from 'vitest';
import { currentChangeMark } from '../../src-main/db/change-feed.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { maritalStatus, person, staffPassword } from '../helpers/desk-people.js';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('due on the next working day', () => {
  it('notifies once the working day before, across the 30/4–1/5 holidays and a weekend; the day’s turn refreshes the queues', async () => {
    // Friday 24 April 2026 + 3 working days (27/4 is the Hùng Kings holiday moved from Sunday): 28, 29 April, 4 May.
    core = makeCore('2026-04-24T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    await person(core, admin, 'minh', 'Phạm Văn Minh', 'clerk');
    const d = await core.must('dossiers.create', maritalStatus, lan.token);
    const received = await core.must('dossiers.receive', { id: d.id }, lan.token);
    expect(received.appointmentAt).toBe('2026-05-04T09:00:00.000Z');

    const dueTomorrow = () => core.db.prepare("SELECT ref FROM notifications WHERE kind = 'due_tomorrow'").all() as { ref: string }[];
    core.clock.set('2026-04-28T08:00:00+07:00');
    core.tickDeadlines();
    expect(dueTomorrow()).toEqual([]);

    // Wednesday 29 April: the next working day is Monday 4 May.
    core.clock.set('2026-04-29T08:00:00+07:00');
    core.tickDeadlines();
    core.tickDeadlines();
    expect(dueTomorrow()).toEqual([{ ref: '2026-05-04' }]);
    // Days went by: the sessions locked; each reader signs in again.
    const { sessionToken } = await core.must('auth.login', { username: 'lan', password: staffPassword });
    const list = await core.must('notifications.list', {}, sessionToken);
    expect(list.items).toMatchObject([{ kind: 'due_tomorrow', dossierId: d.id, ref: '2026-05-04', read: false }]);
    const other = await core.must('auth.login', { username: 'minh', password: staffPassword });
    expect((await core.must('notifications.list', {}, other.sessionToken)).items).toEqual([]);

    // Monday 4 May: no write at all, yet due today changed; the tick moves the queue counter.
    core.clock.set('2026-05-04T08:00:00+07:00');
    const before = currentChangeMark(core.db);
    core.tickDeadlines();
    expect(currentChangeMark(core.db).queues).toBeGreaterThan(before.queues);
    const monday = await core.must('auth.login', { username: 'lan', password: staffPassword });
    const { documents } = await core.must('replication.pullQueues', { checkpoint: null }, monday.sessionToken);
    expect(documents.find((q) => q.id === 'due_today')).toMatchObject({ count: 1, oldestAt: '2026-05-04T09:00:00.000Z' });
    expect(documents.find((q) => q.id === 'overdue')).toMatchObject({ count: 0, oldestAt: null });
  });
});
