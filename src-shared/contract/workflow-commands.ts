import { z } from 'zod';
import { anyone, define, leads } from './define.js';
import { Id, IsoInstant, ReviewState, Role } from './schemas.js';
import { QueueId } from './queues-commands.js';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'text.tooLong')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'text.control')
    .transform((s) => s.normalize('NFC'));

export const HandBack = z.object({
  handedAt: IsoInstant,
  handedBy: z.string(),
  handedByName: z.string(),
  recipientName: z.string(),
  recipientIdNumber: z.string(),
  note: z.string(),
  /** Returned after the working day it was due (the appointment date, or the next working day if that was a day off). */
  late: z.boolean(),
});
export type HandBack = z.infer<typeof HandBack>;

/** Where a dossier stands in the desk's work, for its page. */
export const WorkflowState = z.object({
  dossierId: Id,
  assignedTo: z.string(),
  assignedName: z.string(),
  reviewState: ReviewState,
  reviewRound: z.number().int(),
  closedAt: IsoInstant.nullable(),
  handBack: HandBack.nullable(),
  /** The queues it is in now. */
  queues: z.array(QueueId),
});
export type WorkflowState = z.infer<typeof WorkflowState>;

export const Assignee = z.object({ id: Id, fullName: z.string(), role: Role });

/** Assignment and hand-back of results (issue 9). */
export const workflowCommands = {
  'workflow.get': define(anyone, z.object({ dossierId: Id }), WorkflowState),
  /** The accounts a dossier can be given to (clerks and supervisors, not disabled). */
  'workflow.assignees': define(leads, z.object({}).strict(), z.array(Assignee)),
  'workflow.reassign': define(leads, z.object({ dossierId: Id, to: Id }), WorkflowState),
  /** The result was returned to the citizen (or their representative): closes the dossier here. */
  'workflow.handBack': define(
    anyone,
    z.object({
      dossierId: Id,
      recipientName: Text(200).pipe(z.string().min(1, 'required')),
      recipientIdNumber: z.string().trim().regex(/^(|\d{9}|\d{12})$/, 'id.format').optional().default(''),
      note: Text(1000).optional().default(''),
    }),
    WorkflowState,
  ),
} as const;
