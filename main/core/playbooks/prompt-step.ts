/**
 * The prompt step: a person answers a question and the answer becomes a variable of the
 * run (masked in the journal when secret); without anyone to ask, its default or a refusal.
 */
import type { PromptStep } from '../../../contract/domain/playbooks/playbook-model';
import type { StepContext } from './runner-options';
import type { StepAttemptResult } from './step-execution';

export interface PromptStepContext extends StepContext {
  readonly step: PromptStep;
  /** Who started the run: the one a default answer is journaled as. */
  readonly actor: string;
  readonly setVariable: (name: string, value: string, secret: boolean, by: string) => Promise<void>;
}

export async function runPromptStep(context: PromptStepContext): Promise<StepAttemptResult> {
  const { step, hooks, done, fail } = context;
  if (!hooks.prompt) {
    if (step.defaultValue === undefined) return fail('rejected', `nobody can answer "${step.question}" in this run`);
    await context.setVariable(step.variable, step.defaultValue, step.secret, context.actor);
    return done();
  }
  const answer = await context.untilAborted(
    hooks.prompt({ run: context.run(), name: step.variable, question: step.question, defaultValue: step.defaultValue, secret: step.secret }),
  );
  if (answer === undefined) return fail('aborted', 'aborted by the operator');
  await context.setVariable(step.variable, answer.value, step.secret, answer.by);
  return done(answer.by);
}
