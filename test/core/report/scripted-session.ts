import { mkdirSync, writeFileSync } from 'node:fs';
import type { TerminalEvent } from '../../../contract/domain/terminal/terminal-events';
import { join } from 'node:path';
import { bootServices } from '../../../main/api/boot';
import type { Services } from '../../../main/api/services';
import { changeItemStatus } from '../../../main/core/checklist/checklist-commands';
import { orderedItems } from '../../../contract/domain/checklist/checklist-model';
import { castVote, decidePoll } from '../../../main/core/go-no-go/poll-commands';
import { openIncident, addActionItem, updateIncident } from '../../../main/core/incidents/incident-commands';
import { tempDir } from '../../support/temp-dir';

export const HOSTILE = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '[click](javascript:alert(3))'] as const;

/**
 * The demo release after a scripted session: notes (hostile text included), checklist
 * ticks, votes, a GO over open gates (an override), a decision, an incident, an action
 * item, a terminal session and a run log carrying the given secrets.
 */
export async function scriptedSession(secretLines: readonly string[] = []): Promise<{ services: Services; slug: string; dir: string }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  const actor = 'Dana Okafor';
  for (const text of [...HOSTILE, 'Canary at 10%, error rate flat', ...secretLines.map((line) => `oops pasted: ${line}`)]) {
    await release.execute(actor, () => [{ type: 'note.added', data: { kind: 'note', text } }]);
  }
  const items = orderedItems(release.state.checklist).slice(0, 2);
  for (const item of items) await release.execute(actor, (state, context) => changeItemStatus(state.checklist, { itemId: item.id, status: 'done' }, context));
  for (const participant of release.state.poll.participants) {
    await release.execute(actor, (state, context) =>
      castVote(
        state.poll,
        {
          participantId: participant.id,
          value: participant.role === 'Product owner' ? 'NO-GO' : 'GO',
          ...(participant.role === 'Product owner' ? { comment: `Not convinced ${HOSTILE[0]}` } : {}),
        },
        context,
      ),
    );
  }
  await release.execute(actor, (state, context) =>
    decidePoll(state.poll, { outcome: 'GO', override: { reason: 'Remaining items are post-release tasks' } }, context, {
      checklist: state.checklist,
      unmitigatedRisks: [],
    }),
  );
  await release.execute(actor, () => [{ type: 'note.added', data: { kind: 'decision', text: `Proceed to 50% ${HOSTILE[2]}` } }]);
  await release.execute(actor, (state, context) =>
    openIncident(state.incidents, { title: `Checkout latency ${HOSTILE[1]}`, severity: 'sev2', owner: 'Priya Raman', summary: 'p99 up 300ms' }, context),
  );
  await release.execute(actor, (state) => updateIncident(state.incidents, { id: 'INC-1', status: 'mitigated' }));
  await release.execute(actor, (state) =>
    addActionItem(state.incidents, { text: 'Add a latency alert on checkout', owner: 'Priya Raman', incidentId: 'INC-1' }),
  );
  // A terminal session: the journal events the terminal area writes, and a recording whose output splits each secret.
  const cast = [JSON.stringify({ version: 2, width: 80, height: 24 })];
  let time = 0;
  for (const line of secretLines) {
    const cut = 1 + Math.floor(Math.random() * (line.length - 2));
    cast.push(JSON.stringify([(time += 0.1), 'o', line.slice(0, cut)]), JSON.stringify([(time += 0.1), 'o', line.slice(cut)]));
  }
  mkdirSync(join(release.dir, 'recordings'), { recursive: true });
  writeFileSync(join(release.dir, 'recordings', 's1.cast'), cast.join('\n') + '\n');
  await release.execute(actor, (): TerminalEvent[] => [
    {
      type: 'terminal.session-opened',
      data: {
        sessionId: 's1',
        targetId: 'sandbox',
        targetName: `Sandbox ${HOSTILE[0]}`,
        environment: 'sandbox',
        command: 'bash',
        recordingFile: 'recordings/s1.cast',
      },
    },
  ]);
  for (const line of secretLines.slice(0, 4)) {
    await release.execute(actor, (): TerminalEvent[] => [
      {
        type: 'terminal.command-finished',
        data: {
          sessionId: 's1',
          targetId: 'sandbox',
          targetName: 'Sandbox',
          command: line.trim(),
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
          durationMs: 120,
          exitCode: 0,
        },
      },
    ]);
  }
  await release.execute(actor, (): TerminalEvent[] => [
    {
      type: 'terminal.command-finished',
      data: {
        sessionId: 's1',
        targetId: 'sandbox',
        targetName: 'Sandbox',
        command: 'kubectl rollout status deploy/checkout',
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: 2300,
        exitCode: 1,
      },
    },
  ]);
  await release.execute(actor, (): TerminalEvent[] => [
    {
      type: 'terminal.session-closed',
      data: {
        sessionId: 's1',
        targetId: 'sandbox',
        targetName: 'Sandbox',
        exitCode: 0,
        durationMs: 65_000,
        recordingFile: 'recordings/s1.cast',
        sha256: 'f'.repeat(64),
        redactionCount: 0,
        // The disk filled during the session: the recording says what it misses.
        recordingIncomplete: 'Could not write the recording recordings/s1.cast: the disk is full; free some space and try again',
      },
    },
  ]);
  // A rehearsal run of the rollback playbook: a failed step retried by the operator, then success.
  const runId = 'run-1';
  const run = (type: string, data: object) => release.execute(actor, () => [{ type, data: { runId, ...data } }]);
  await run('run.started', {
    playbook: { name: 'rollback', file: 'playbooks/rollback.yaml', format: 'yaml', sha256: 'a'.repeat(64) },
    mode: 'rehearsal',
    steps: [
      { id: 'announce', name: 'Announce in #release', kind: 'manual', plannedMs: 60_000 },
      { id: 'deploy-v1', name: `Deploy v1 ${HOSTILE[0]}`, kind: 'run', plannedMs: 300_000 },
      { id: 'health', name: 'Health check', kind: 'check', plannedMs: 30_000 },
    ],
    startAt: 0,
    logFile: 'runs/r1.log',
    by: actor,
  });
  for (const [index, attempts] of [
    [0, 1],
    [1, 2],
    [2, 1],
  ] as const) {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      await run('run.step-started', { stepIndex: index, attempt });
      if (index === 1 && attempt === 1) {
        await run('run.step-failed', { stepIndex: index, attempt, exitCode: 1, reason: 'exit-code', message: 'kubectl exited with 1', durationMs: 4200 });
        await run('run.decision', { stepIndex: index, decision: 'retry', reason: 'image pull flake', by: actor });
      } else {
        await run('run.step-finished', { stepIndex: index, attempt, exitCode: 0, durationMs: 1500 + index * 1000, by: actor, dryRun: false });
      }
    }
  }
  await run('run.finished', { status: 'succeeded', by: actor });
  mkdirSync(join(release.dir, 'runs'), { recursive: true });
  writeFileSync(join(release.dir, 'runs', 'r1.log'), secretLines.map((line) => `step output: ${line}`).join(''));
  return { services, slug: release.slug, dir: release.dir };
}
