import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialCap, playerMarkers, replayClock, replayTimeline, ReplayTuning, toReplayTime } from '../../../../renderer/src/views/terminals/replay-timeline';

/** A 12 s session: typing, then a 9 s wait for a deploy, then its output. */
const events = [
  [0.5, 'o', '$ '],
  [1.0, 'o', 'deploy\r\n'],
  [1.5, 'm', 'checklist.item-ticked #4: Freeze announced'],
  [10.5, 'o', 'rolled out\r\n'],
  [12.0, 'o', '$ '],
] as const;

test('replay keeps the recorded timing unless the recording sets idle_time_limit', () => {
  assert.equal(initialCap({}), null, 'no cap by default');
  const real = replayTimeline(events, initialCap({}));
  assert.equal(real.at(-1)?.at, 12, 'a 12 s recording plays in 12 s');
  assert.equal(replayClock(real.at(-1)!.at), '0:12');
  assert.equal(initialCap({ idleTimeLimit: 1.5 }), 1.5);
  const capped = replayTimeline(events, ReplayTuning.DefaultCapSeconds);
  assert.equal(capped.at(-1)?.at, 5, 'with the 2 s cap the 9 s wait plays in 2 s');
  assert.equal(replayClock(3725), '1:02:05');
});

test('the markers hold the commands of the session with their exit codes, on the replay clock', () => {
  const commands = [
    { at: 0.6, command: 'deploy', exitCode: 0, durationMs: 9_800 },
    { at: 10.6, command: 'curl -f https://status', exitCode: 22, durationMs: 300 },
  ];
  const real = playerMarkers(replayTimeline(events, null), commands, null);
  assert.deepEqual(
    real.map((marker) => [marker.kind, marker.at, marker.label, marker.exitCode]),
    [
      ['command', 0.6, 'deploy', 0],
      ['event', 1.5, 'checklist.item-ticked #4: Freeze announced', undefined],
      ['command', 10.6, 'curl -f https://status', 22],
    ],
  );
  const capped = playerMarkers(replayTimeline(events, 2), commands, 2);
  assert.ok(Math.abs(capped[2]!.at - 3.6) < 1e-9, `a command after a capped pause moves with it (at ${capped[2]!.at})`);
  assert.equal(toReplayTime(replayTimeline(events, 2), 99, 2), 5, 'never past the end');
});
