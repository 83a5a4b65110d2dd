import { AppError } from '../../src-shared/contract/errors.js';
import type { ParsedInput } from '../../src-shared/contract/commands.js';
import type { User } from '../../src-shared/contract/schemas.js';
import type { WorkflowState } from '../../src-shared/contract/workflow-commands.js';
import { dueDate } from '../../src-shared/domain/deadlines.js';
import { toLocal } from '../../src-shared/domain/local-time.js';
import { auditedChange } from '../audit/audited-change.js';
import { loadCalendar } from '../calendar/holidays-repo.js';
import type { Db } from '../db/open.js';
import type { KernelDeps } from '../kernel/deps.js';
import type { QueuesService } from '../queues/queues-service.js';
import { getFlow, getHandBack, listAssignees, recordHandBack, setAssignee, userName, type FlowRow } from './flow-repo.js';

export type WorkflowDeps = Pick<KernelDeps, 'db' | 'clock' | 'settings'> & { queues: QueuesService };

export function flowOrFail(db: Db, dossierId: string): FlowRow {
  const f = getFlow(db, dossierId);
  if (!f) throw new AppError('NOT_FOUND', 'dossiers.notFound');
  return f;
}

/** A clerk acts on their own dossiers only; a supervisor or admin on any. */
export function mustOwnOrLead(flow: FlowRow, user: User): void {
  if (user.role === 'clerk' && flow.assigned_to !== user.id) {
    throw new AppError('FORBIDDEN', 'workflow.notYours');
  }
}

/** On time: handed back on or before the working day the result was due (deadlines.ts). */
function handedOnTime(db: Db, appointmentAt: string | null, now: Date, timeZone: string): boolean {
  if (appointmentAt === null) return true;
  const promised = toLocal(new Date(appointmentAt), timeZone).date;
  return toLocal(now, timeZone).date <= dueDate(promised, loadCalendar(db, promised));
}

/** Assignment of dossiers to clerks and the hand-back of results (issue 9). Every change is an audited change. */
export function createWorkflowService({ db, clock, settings, queues }: WorkflowDeps) {
  const state = (dossierId: string): WorkflowState => {
    const f = flowOrFail(db, dossierId);
    const h = getHandBack(db, dossierId);
    return {
      dossierId,
      assignedTo: f.assigned_to,
      assignedName: userName(db, f.assigned_to),
      reviewState: f.review_state,
      reviewRound: f.review_round,
      closedAt: f.closed_at,
      handBack: h
        ? {
            handedAt: h.handed_at,
            handedBy: h.handed_by,
            handedByName: h.handed_by_name,
            recipientName: h.recipient_name,
            recipientIdNumber: h.recipient_id_number,
            note: h.note,
            late: h.on_time === 0,
          }
        : null,
      queues: queues.queuesOf(dossierId),
    };
  };

  return {
    get: state,

    assignees: () => listAssignees(db).filter((a) => a.disabled === 0).map(({ id, fullName, role }) => ({ id, fullName, role })),

    reassign(dossierId: string, to: string, user: User): WorkflowState {
      auditedChange(db, clock, { userId: user.id, action: 'workflow.reassign' }, ({ seq }) => {
        const f = flowOrFail(db, dossierId);
        const target = listAssignees(db).find((a) => a.id === to);
        if (!target || target.disabled === 1) throw new AppError('VALIDATION', 'workflow.badAssignee', { to: 'invalid' });
        // Given to whoever has it already: nothing changes, nothing to record.
        if (f.assigned_to === to) return { audit: null };
        setAssignee(db, dossierId, to, seq());
        return { audit: { dossierId, details: { from: f.assigned_to, to } } };
      });
      return state(dossierId);
    },

    handBack(input: ParsedInput<'workflow.handBack'>, user: User): WorkflowState {
      auditedChange(db, clock, { userId: user.id, action: 'workflow.handBack' }, ({ now, at, seq }) => {
        const f = flowOrFail(db, input.dossierId);
        mustOwnOrLead(f, user);
        if (f.status !== 'received') throw new AppError('CONFLICT', 'workflow.draftNoResult');
        if (f.closed_at !== null) throw new AppError('CONFLICT', 'workflow.alreadyHandedBack');
        const onTime = handedOnTime(db, f.appointment_at, now, settings().timeZone);
        recordHandBack(
          db,
          {
            dossier_id: input.dossierId,
            handed_at: at,
            handed_by: user.id,
            recipient_name: input.recipientName,
            recipient_id_number: input.recipientIdNumber,
            note: input.note,
            on_time: onTime ? 1 : 0,
          },
          seq(),
        );
        // Who received the result is in dossier_handbacks; the log keeps the fact and its timing.
        return { audit: { dossierId: input.dossierId, details: { onTime, withIdNumber: input.recipientIdNumber !== '' } } };
      });
      return state(input.dossierId);
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
