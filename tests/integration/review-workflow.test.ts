import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src-main/audit/audit-log.js';
import { currentChangeMark } from '../../src-main/db/change-feed.js';
import type { QueueId } from '../../src-shared/contract/queues-commands.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';
import { person, receivedWithPages } from '../helpers/desk-people.js';

let core: TestCore;
afterEach(() => core?.cleanup());

const counts = async (token: string): Promise<Record<QueueId, number>> => {
  const { documents } = await core.must('replication.pullQueues', { checkpoint: null }, token);
  return Object.fromEntries(documents.map((d) => [d.id, d.count])) as Record<QueueId, number>;
};
const auditActions = (dossierId: string) =>
  (core.db.prepare('SELECT action FROM audit_log WHERE dossier_id = ? ORDER BY seq').all(dossierId) as { action: string }[]).map((r) => r.action);

describe('quality review through the real core', () => {
  it('a clerk’s dossier waits for review, is sent back with two reasons, resubmitted and approved; each step audited', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    const head = await person(core, admin, 'truong', 'Trần Văn Trưởng', 'supervisor');

    const d = await core.must('dossiers.create', { procedureCode: '1.004873', applicant: { fullName: 'Lê Thị Hoa', idNumber: '079185001234' }, components: [] }, lan.token);
    await core.must('dossiers.receive', { id: d.id }, lan.token);
    expect((await counts(head.token)).waiting_scan).toBe(1);
    expect((await core.must('review.get', { dossierId: d.id }, head.token)).state).toBe('pending');
    // Nothing scanned yet: nothing to approve.
    const early = await core.call('review.approve', { dossierId: d.id }, head.token);
    expect(early.ok || early.error.problem).toEqual({ key: 'review.noPages' });

    const { id, pageIds } = await receivedWithPages(core, lan.token);
    const c = await counts(head.token);
    expect(c.waiting_review).toBe(1);
    expect(c.waiting_scan).toBe(1);

    const back = await core.must(
      'review.sendBack',
      { dossierId: id, findings: [{ pageId: pageIds[0]!, reason: 'blurred', note: 'Chữ ký mờ' }, { pageId: null, reason: 'missing_page' }], note: 'Quét lại trang 1, bổ sung trang 2 của tờ khai.' },
      head.token,
    );
    expect(back.state).toBe('returned');
    expect(back.decisions[0]!.findings).toEqual([
      { pageId: pageIds[0], pagePosition: 1, reason: 'blurred', note: 'Chữ ký mờ' },
      { pageId: null, pagePosition: null, reason: 'missing_page', note: '' },
    ]);
    expect((await counts(head.token)).sent_back).toBe(1);
    expect((await counts(lan.token)).sent_back).toBe(1);

    // The clerk's list (the replicated summary) carries the state and the reasons.
    const { documents } = await core.must('replication.pullDossiers', { checkpoint: null, limit: 100 }, lan.token);
    expect(documents.find((x) => x.id === id)).toMatchObject({ reviewState: 'returned', assignedTo: lan.id });
    expect(documents.find((x) => x.id === id)!.returnReasons).toEqual(['blurred', 'missing_page']);

    // Approving a dossier that is sent back is refused; so is a second resubmission.
    const refused = await core.call('review.approve', { dossierId: id }, head.token);
    expect(refused.ok || refused.error.problem).toEqual({ key: 'review.notWaiting' });
    const again = await core.must('review.resubmit', { dossierId: id }, lan.token);
    expect(again).toMatchObject({ state: 'pending', round: 2 });
    const twice = await core.call('review.resubmit', { dossierId: id }, lan.token);
    expect(twice.ok || twice.error.problem).toEqual({ key: 'review.notReturned' });

    const ok = await core.must('review.approve', { dossierId: id }, head.token);
    expect(ok.state).toBe('approved');
    expect(ok.decisions.map((x) => [x.round, x.decision])).toEqual([
      [2, 'approved'],
      [1, 'resubmitted'],
      [1, 'returned'],
    ]);
    expect(auditActions(id)).toEqual(['dossiers.create', 'dossiers.receive', 'pages.import', 'pages.import', 'review.sendBack', 'review.resubmit', 'review.approve']);
    const sendBackEntry = core.db.prepare("SELECT details FROM audit_log WHERE action = 'review.sendBack'").get() as { details: string };
    // Reasons and pages go to the log; the reviewer's free text does not.
    expect(JSON.parse(sendBackEntry.details)).toEqual({ round: 1, findings: [{ page: 1, reason: 'blurred' }, { page: null, reason: 'missing_page' }] });
    expect(verifyAudit(core.db).valid).toBe(true);
  });

  it('a clerk may not review, reassign, or act on another clerk’s dossier; the error is in Vietnamese', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    const minh = await person(core, admin, 'minh', 'Phạm Văn Minh', 'clerk');
    const { id } = await receivedWithPages(core, lan.token);
    for (const [name, input] of [
      ['review.approve', { dossierId: id }],
      ['review.sendBack', { dossierId: id, findings: [{ pageId: null, reason: 'blurred' }] }],
      ['workflow.reassign', { dossierId: id, to: minh.id }],
      ['workflow.assignees', {}],
    ] as const) {
      const r = await core.call(name, input as never, lan.token);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.' });
    }
    const other = await core.call('workflow.handBack', { dossierId: id, recipientName: 'Lê Thị Hoa' }, minh.token);
    expect(other.ok || other.error).toMatchObject({ code: 'FORBIDDEN', problem: { key: 'workflow.notYours' } });
    expect(core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'review.%' OR action LIKE 'workflow.%'").get()).toEqual({ n: 0 });
  });
});

describe('assignment, scope and hand-back', () => {
  it('a clerk sees only their own queues; reassigning moves the dossier to the other clerk’s', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    const minh = await person(core, admin, 'minh', 'Phạm Văn Minh', 'clerk');
    const head = await person(core, admin, 'truong', 'Trần Văn Trưởng', 'supervisor');
    const a = await receivedWithPages(core, lan.token);
    await receivedWithPages(core, minh.token);
    expect((await counts(lan.token)).waiting_review).toBe(1);
    expect((await counts(head.token)).waiting_review).toBe(2);
    // A clerk's filter on another clerk is ignored: their own work only.
    const listed = await core.must('queues.list', { queue: 'waiting_review', assignedTo: minh.id }, lan.token);
    expect(listed.items.map((i) => i.dossierId)).toEqual([a.id]);
    expect((await core.must('queues.list', { queue: 'waiting_review', assignedTo: minh.id }, head.token)).total).toBe(1);

    const moved = await core.must('workflow.reassign', { dossierId: a.id, to: minh.id }, head.token);
    expect(moved).toMatchObject({ assignedTo: minh.id, assignedName: 'Phạm Văn Minh' });
    expect((await counts(lan.token)).waiting_review).toBe(0);
    expect((await counts(minh.token)).waiting_review).toBe(2);
    expect(JSON.parse((core.db.prepare("SELECT details FROM audit_log WHERE action = 'workflow.reassign'").get() as { details: string }).details)).toEqual({ from: lan.id, to: minh.id });
    // Not to an admin, nor a disabled account.
    const adminId = (core.db.prepare("SELECT id FROM users WHERE role = 'admin'").get() as { id: string }).id;
    const toAdmin = await core.call('workflow.reassign', { dossierId: a.id, to: adminId }, head.token);
    expect(toAdmin.ok || toAdmin.error).toMatchObject({ code: 'VALIDATION', problem: { key: 'workflow.badAssignee' } });
  });

  it('hand-back records who, when and to whom, closes the dossier (out of the deadline queues) and says whether it was late', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    const { id } = await receivedWithPages(core, lan.token);
    const appointment = (await core.must('dossiers.get', { id }, lan.token)).appointmentAt;
    // 3 working days: due Thursday 5 March 2026; on Friday it is overdue.
    expect(appointment).toBe('2026-03-05T09:00:00.000Z');
    core.clock.set('2026-03-06T08:30:00+07:00');
    expect((await counts(lan.token)).overdue).toBe(1);
    expect((await core.must('workflow.get', { dossierId: id }, lan.token)).queues).toContain('overdue');

    const state = await core.must('workflow.handBack', { dossierId: id, recipientName: 'Lê Thị Hoa', recipientIdNumber: '079185001234' }, lan.token);
    expect(state.closedAt).toBe('2026-03-06T01:30:00.000Z');
    expect(state.handBack).toMatchObject({ recipientName: 'Lê Thị Hoa', handedBy: lan.id, handedByName: 'Nguyễn Thị Lan', late: true });
    expect(state.queues).not.toContain('overdue');
    expect((await counts(lan.token)).overdue).toBe(0);
    const twice = await core.call('workflow.handBack', { dossierId: id, recipientName: 'Lê Thị Hoa' }, lan.token);
    expect(twice.ok || twice.error.problem).toEqual({ key: 'workflow.alreadyHandedBack' });
    const entry = core.db.prepare("SELECT details FROM audit_log WHERE action = 'workflow.handBack'").get() as { details: string };
    expect(JSON.parse(entry.details)).toEqual({ onTime: false, withIdNumber: true });
    expect(verifyAudit(core.db).valid).toBe(true);
  });

  it('every workflow change moves the change sequence (the dossier list) and the queue counter (the queues)', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const admin = await setUpDesk(core);
    const lan = await person(core, admin, 'lan', 'Nguyễn Thị Lan', 'clerk');
    const head = await person(core, admin, 'truong', 'Trần Văn Trưởng', 'supervisor');
    const { id } = await receivedWithPages(core, lan.token);
    const heard: string[] = [];
    core.events.subscribe((name) => heard.push(name));
    const before = currentChangeMark(core.db);
    await core.must('review.sendBack', { dossierId: id, findings: [{ pageId: null, reason: 'cut_off' }] }, head.token);
    const after = currentChangeMark(core.db);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(after.queues).toBeGreaterThan(before.queues);
    // Not a change for the province: the outbox does not move.
    expect(after.outbox).toBe(before.outbox);
    expect(heard).toEqual(expect.arrayContaining(['replication.dossiers', 'replication.queues']));
    // A pull from the last checkpoint gets the queues again only when they moved.
    const first = await core.must('replication.pullQueues', { checkpoint: null }, head.token);
    expect((await core.must('replication.pullQueues', { checkpoint: first.checkpoint }, head.token)).documents).toEqual([]);
  });
});
