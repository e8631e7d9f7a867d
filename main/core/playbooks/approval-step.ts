/**
 * An approval step of a run: each role answers; with four-eyes, N distinct people per
 * role, never the one who started the run. Every answer is journaled before the next.
 */
import type { ApprovalStep } from '../../../contract/domain/playbooks/playbook-model';
import { RunEventTypes, type RunApprovalData } from '../../../contract/domain/playbooks/run-events';
import { personOf, type FourEyesTally } from '../approvals/four-eyes';
import type { StepContext } from './runner-options';
import type { StepAttemptResult } from './step-execution';

export interface ApprovalStepContext extends StepContext {
  readonly step: ApprovalStep;
  /** Distinct approvers per role (four-eyes); undefined: one answer per role. */
  readonly required: number | undefined;
}

export async function runApprovalStep(context: ApprovalStepContext): Promise<StepAttemptResult> {
  const { index, step, hooks, required, fail } = context;
  if (!hooks.approve) return fail('rejected', 'nobody can approve in this run');
  const approvers: string[] = [];
  for (const role of step.roles) {
    const approvedBy: string[] = [];
    do {
      const run = context.run();
      const fourEyes: FourEyesTally | undefined = required === undefined ? undefined : { requester: run.startedBy, required, approvedBy: [...approvedBy] };
      const answer = await context.untilAborted(hooks.approve({ run, stepIndex: index, step, role, ...(fourEyes ? { fourEyes } : {}) }));
      if (answer === undefined) return fail('aborted', 'aborted by the operator');
      // The hook refuses the requester and repeat approvers; an answer that slips through still never counts.
      if (fourEyes && answer.approved && personOf(answer.by) === personOf(fourEyes.requester)) continue;
      if (fourEyes && answer.approved && approvedBy.some((earlier) => personOf(earlier) === personOf(answer.by))) continue;
      const data: RunApprovalData = { runId: context.runId, stepIndex: index, role, approved: answer.approved, by: answer.by, note: answer.note };
      await context.commit([{ type: RunEventTypes.approval, data }]);
      const tally = required === undefined ? '' : ` (${approvedBy.length + (answer.approved ? 1 : 0)} of ${required})`;
      context.emit(`[approval] ${role}: ${answer.approved ? 'approved' : 'refused'} by ${answer.by}${tally}\r\n`);
      if (!answer.approved) return fail('rejected', `${role} (${answer.by}) did not approve${answer.note ? `: ${answer.note}` : ''}`);
      approvedBy.push(answer.by);
    } while (required !== undefined && approvedBy.length < required);
    approvers.push(`${role}: ${approvedBy.join(' + ')}`);
  }
  return context.done(approvers.join(', '));
}
