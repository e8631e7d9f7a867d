import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../../main/api/boot';
import { castVote, decidePoll } from '../../../main/core/go-no-go/poll-commands';
import { evaluateQuorum } from '../../../main/core/go-no-go/poll-quorum';
import { prepareReport, renderReport } from '../../../main/core/report/report-export';
import { mdText } from '../../../main/core/report/render-markdown';
import { summarizeQuorum } from '../../../contract/quorum-summary';
import { tempDir } from '../../support/temp-dir';

/** The demo release after a poll where everyone voted and the Tech lead (required) said NO-GO, then a NO-GO decision. */
async function noGoRelease() {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const release = await services.release(listing!.slug);
  for (const participant of release.state.poll.participants) {
    await release.execute('Dana Okafor', (state, context) =>
      castVote(state.poll, { participantId: participant.id, value: participant.role === 'Tech lead' ? 'NO-GO' : 'GO' }, context),
    );
  }
  return { services, release };
}

test('a required NO-GO after everyone voted reads "quorum met: NO-GO by Tech lead (required)", not "quorum not met"', async () => {
  const { services, release } = await noGoRelease();
  const participants = release.state.poll.participants;
  assert.ok(
    participants.some((participant) => participant.role === 'Tech lead' && participant.required),
    'the demo has a required Tech lead',
  );
  const quorum = evaluateQuorum(release.state.poll);
  assert.equal(quorum.met, false, 'GO stays held: the veto stands');
  assert.equal(
    summarizeQuorum(quorum, participants.length, participants.length),
    `${participants.length} of ${participants.length} voted, quorum met: NO-GO by Tech lead (required)`,
  );
  await services.dispose();
});

test('the report calls a NO-GO release "no-go at <time>", never ABORTED, and shows no actual go-live', async () => {
  const { services, release } = await noGoRelease();
  await release.execute('Dana Okafor', (state, context) =>
    decidePoll(state.poll, { outcome: 'NO-GO' }, context, { checklist: state.checklist, unmitigatedRisks: [] }),
  );
  const prepared = await prepareReport(release.dir);
  assert.equal(prepared.model.summary.outcome, 'no-go');
  assert.match(prepared.model.summary.outcomeLabel, /^no-go at \S/);
  const goLive = prepared.model.times.rows.find((row) => row.label.startsWith('Go-live'))!;
  assert.ok(goLive.planned, 'the planned go-live stays');
  assert.equal(goLive.actual, null, 'a NO-GO is not a go-live');
  for (const format of ['md', 'html'] as const) {
    const text = Buffer.from(await renderReport(prepared, format)).toString('utf8');
    const label = format === 'md' ? mdText(prepared.model.summary.outcomeLabel) : prepared.model.summary.outcomeLabel;
    assert.ok(text.includes(label), `${format} says ${label}`);
    // The stylesheet names every outcome's colour; the words a reader sees must not say aborted.
    assert.doesNotMatch(text.replace(/<style>[\s\S]*?<\/style>/g, ''), /aborted/i, `${format} does not call a NO-GO aborted`);
  }
  await services.dispose();
});
