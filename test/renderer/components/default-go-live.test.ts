import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { defaultGoLive } from '../../../renderer/src/components/default-go-live';

test('a new release starts on a weekday evening more than a week ahead, so the go-live template has nothing overdue', () => {
  for (const zone of ['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata', 'Pacific/Chatham']) {
    // Every hour of a year, spring-forward and fall-back nights included.
    for (let start = DateTime.fromISO('2026-01-01T00:30', { zone }); start.year === 2026; start = start.plus({ hours: 7 })) {
      const goLive = DateTime.fromISO(defaultGoLive(start), { zone });
      assert.ok(goLive.isValid, `${defaultGoLive(start)} in ${zone}`);
      assert.ok(goLive.weekday <= 4, `${goLive.toISO()} falls on ${goLive.weekdayLong}`);
      assert.equal(goLive.toFormat('HH:mm'), '22:00');
      // The template's earliest item is due 7 days before go-live: still ahead of now.
      assert.ok(goLive.minus({ days: 7 }) > start, `an item due T-7d of ${goLive.toISO()} is overdue at ${start.toISO()}`);
      assert.ok(goLive.diff(start, 'days').days < 12, 'not absurdly far either');
    }
  }
});
