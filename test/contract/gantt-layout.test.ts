import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDrift, ganttScale, ganttTicks } from '../../contract/gantt-layout';

test('the Gantt axis is real time: across the spring-forward night its Berlin ticks jump from 01:00 to 03:00 an hour apart', () => {
  // 29 March 2026: 00:00Z is 01:00 CET, 01:00Z is 03:00 CEST.
  const scale = ganttScale({ startMs: Date.parse('2026-03-28T23:30:00Z'), endMs: Date.parse('2026-03-29T02:30:00Z') }, 330);
  const ticks = ganttTicks(scale, 'Europe/Berlin', 'America/Sao_Paulo');
  assert.deepEqual(
    ticks.map((tick) => [new Date(tick.ms).toISOString().slice(11, 16), tick.label, tick.viewerLabel]),
    [
      ['00:00', 'Sun 29 Mar 01:00', '21:00'],
      ['01:00', '03:00', '22:00'],
      ['02:00', '04:00', '23:00'],
    ],
  );
  // Equal real hours are equal widths on the axis.
  assert.equal(Math.round(ticks[1]!.x - ticks[0]!.x), Math.round(ticks[2]!.x - ticks[1]!.x));
  assert.equal(formatDrift(12 * 60_000), '12 min late');
  assert.equal(formatDrift(-90 * 60_000), '1 h 30 min early');
  assert.equal(formatDrift(10_000), 'on plan');
});
