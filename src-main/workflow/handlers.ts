import type { workflowCommands } from '../../src-shared/contract/workflow-commands.js';
import { callerOf, type HandlersOf } from '../ipc/handler-types.js';
import type { WorkflowService } from './workflow-service.js';

/** Assignment and hand-back; the rules live in workflow-service. */
export function workflowHandlers(workflow: WorkflowService): HandlersOf<typeof workflowCommands> {
  return {
    'workflow.get': ({ dossierId }) => workflow.get(dossierId),
    'workflow.assignees': () => workflow.assignees(),
    'workflow.reassign': ({ dossierId, to }, ctx) => workflow.reassign(dossierId, to, callerOf(ctx)),
    'workflow.handBack': (input, ctx) => workflow.handBack(input, callerOf(ctx)),
  };
}
