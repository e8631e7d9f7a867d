import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../../main/api/boot';
import { castVote, decidePoll } from '../../../main/core/go-no-go/poll-commands';
import { prepareReport } from '../../../main/core/report/report-export';
import { tempDir } from '../../support/temp-dir';

function liveRun(runId: string, status: 'aborted' | 'succeeded') {
  return [
    {
      type: 'run.started',
      data: {
        runId,
        playbook: { name: 'Deploy payments', file: 'deploy.yaml', format: 'yaml', sha256: 'x' },
        mode: 'live',
        steps: [{ id: 'deploy', name: 'Deploy', kind: 'run', plannedMs: 1_000 }],
        startAt: 0,
        logFile: `${runId}.log`,
        by: 'Dana Okafor',
      },
    },
    { type: 'run.finished', data: { runId, status, reason: status === 'aborted' ? 'wrong image tag' : undefined, by: 'Dana Okafor', logSha256: undefined } },
  ];
}

test('a live run aborted then run again to the end does not make the release ABORTED; one left aborted does', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  await release.execute('Dana Okafor', () => liveRun('r1', 'aborted'));
  assert.equal((await prepareReport(release.dir)).model.summary.outcome, 'aborted', 'the only live run was aborted');

  await release.execute('Dana Okafor', () => liveRun('r2', 'succeeded'));
  for (const participant of release.state.poll.participants) {
    await release.execute('Dana Okafor', (state, context) => castVote(state.poll, { participantId: participant.id, value: 'GO' }, context));
  }
  await release.execute('Dana Okafor', (state, context) =>
    decidePoll(state.poll, { outcome: 'GO', override: { reason: 'Post-release items remain' } }, context, { checklist: state.checklist, unmitigatedRisks: [] }),
  );
  const prepared = await prepareReport(release.dir);
  assert.equal(prepared.model.summary.outcome, 'released', 'the deploy was run again and finished; the room said GO');
  await services.dispose();
});
