import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from './event-description';

type Data = Record<string, unknown>;

const MODE: Record<string, string> = { live: 'live', rehearsal: 'rehearsal', 'dry-run': 'dry run' };

function str(data: Data, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}

function stepLabel(data: Data): string {
  return typeof data.stepIndex === 'number' ? `step ${data.stepIndex + 1}` : 'a step';
}

function run(data: Data): string {
  return `run ${str(data, 'runId')}`;
}

/**
 * Timeline lines for the playbook events; null for events of other areas.
 *
 * Run events carry indexes, not step names (the journal stays small): the line names the
 * step by number and the run by id, which the run view shows beside every step.
 */
export function describePlaybookEvent(event: JournalEvent): EventDescription | null {
  const data = (event.data ?? {}) as Data;
  const text = ((): string | null => {
    switch (event.type) {
      case 'playbook.imported':
        return `Playbook imported: ${str(data, 'name') || str(data, 'file')} (${str(data, 'file')}${data.replaced ? ', replaced the previous one' : ''})`;
      case 'run.started': {
        const playbook = (data.playbook ?? {}) as Data;
        const steps = Array.isArray(data.steps) ? data.steps.length : 0;
        const startAt = typeof data.startAt === 'number' && data.startAt > 0 ? `, starting at step ${data.startAt + 1}` : '';
        return `Playbook run started (${MODE[str(data, 'mode')] ?? str(data, 'mode')}): ${str(playbook, 'name')}, ${steps} steps${startAt} [${run(data)}]`;
      }
      case 'run.policy-overridden': {
        const findings = Array.isArray(data.findings) ? (data.findings as Data[]).map((finding) => str(finding, 'message')).join('; ') : '';
        return `OVERRIDE: live run started against the release schedule (${findings}), because: ${str(data, 'reason')} [${run(data)}]`;
      }
      case 'run.variable-set':
        return `Run variable ${str(data, 'name')} = ${str(data, 'value')} [${run(data)}]`;
      case 'run.step-started': {
        const attempt = typeof data.attempt === 'number' && data.attempt > 1 ? ` (attempt ${data.attempt})` : '';
        return `Step ${typeof data.stepIndex === 'number' ? data.stepIndex + 1 : '?'} started${attempt}${str(data, 'description') ? `: ${str(data, 'description')}` : ''} [${run(data)}]`;
      }
      case 'run.step-finished': {
        const facts = [
          data.dryRun ? 'dry run, not executed' : '',
          typeof data.exitCode === 'number' ? `exit ${data.exitCode}` : '',
          typeof data.httpStatus === 'number' ? `HTTP ${data.httpStatus}` : '',
          typeof data.durationMs === 'number' ? `${(data.durationMs / 1000).toFixed(1)} s` : '',
          str(data, 'by') ? `by ${str(data, 'by')}` : '',
          str(data, 'note'),
        ].filter(Boolean);
        return `Step ${typeof data.stepIndex === 'number' ? data.stepIndex + 1 : '?'} succeeded (${facts.join(', ')}) [${run(data)}]`;
      }
      case 'run.step-failed':
        return `Step ${typeof data.stepIndex === 'number' ? data.stepIndex + 1 : '?'} FAILED: ${str(data, 'message')}${str(data, 'hint') ? `. ${str(data, 'hint')}` : ''} [${run(data)}]`;
      case 'run.approval':
        return `${str(data, 'role')} ${data.approved ? 'approved' : 'refused'} ${stepLabel(data)} (${str(data, 'by')})${str(data, 'note') ? `: ${str(data, 'note')}` : ''} [${run(data)}]`;
      case 'run.decision': {
        const reason = str(data, 'reason') ? `: ${str(data, 'reason')}` : '';
        const verbs: Record<string, string> = {
          retry: 'chose to retry',
          skip: 'skipped',
          abort: 'aborted the run at',
          continue: 'went on after the failure of',
          rerun: 'chose to re-run',
          'mark-done': 'marked done',
        };
        return `${str(data, 'by')} ${verbs[str(data, 'decision')] ?? str(data, 'decision')} ${stepLabel(data)}${reason} [${run(data)}]`;
      }
      case 'run.interrupted':
        return `Run interrupted at ${stepLabel(data)}${data.outcomeKnown ? '' : ', outcome unknown'} (the app stopped during the run) [${run(data)}]`;
      case 'run.finished':
        return `Playbook run ${str(data, 'status')}${typeof data.skippedSteps === 'number' && data.skippedSteps > 0 ? ` with ${data.skippedSteps} skipped step${data.skippedSteps === 1 ? '' : 's'}` : ''}${str(data, 'reason') ? `: ${str(data, 'reason')}` : ''}${str(data, 'logSha256') ? ` (log sha256 ${str(data, 'logSha256').slice(0, 12)}…)` : ''} [${run(data)}]`;
      default:
        return null;
    }
  })();
  if (text === null) return null;
  return { kind: event.type === 'run.decision' || event.type === 'run.policy-overridden' ? 'decision' : 'playbook', text };
}
