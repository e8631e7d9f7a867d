import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidZone, parseLocal, resolveLocal, toLocal } from '../../../contract/domain/schedule/local-time';
import { WarRoomError } from '../../../contract/domain/errors';

test('an ordinary local time resolves to one instant without warning', () => {
  assert.deepEqual(resolveLocal('2026-03-31T22:00', 'Europe/Berlin'), { instant: '2026-03-31T20:00:00.000Z', warning: null });
  assert.deepEqual(resolveLocal('2026-01-13T22:00', 'Europe/Berlin'), { instant: '2026-01-13T21:00:00.000Z', warning: null });
});

test('Europe/Berlin spring-forward: 02:30 does not exist and moves forward to 03:30 CEST, flagged', () => {
  const resolved = resolveLocal('2026-03-29T02:30', 'Europe/Berlin');
  assert.equal(resolved.instant, '2026-03-29T01:30:00.000Z');
  assert.equal(resolved.warning?.code, 'skipped-local-time');
  assert.match(resolved.warning!.message, /does not exist/);
  assert.equal(toLocal(resolved.instant, 'Europe/Berlin'), '2026-03-29T03:30');
  // Either side of the gap is ordinary.
  assert.deepEqual(resolveLocal('2026-03-29T01:59', 'Europe/Berlin'), { instant: '2026-03-29T00:59:00.000Z', warning: null });
  assert.deepEqual(resolveLocal('2026-03-29T03:00', 'Europe/Berlin'), { instant: '2026-03-29T01:00:00.000Z', warning: null });
});

test('Europe/Berlin fall-back: 02:30 happens twice; the first pass unless the later one is asked for', () => {
  const earlier = resolveLocal('2026-10-25T02:30', 'Europe/Berlin');
  assert.equal(earlier.instant, '2026-10-25T00:30:00.000Z');
  assert.equal(earlier.warning?.code, 'repeated-local-time');
  const later = resolveLocal('2026-10-25T02:30', 'Europe/Berlin', 'later');
  assert.equal(later.instant, '2026-10-25T01:30:00.000Z');
  assert.equal(later.warning?.code, 'repeated-local-time');
  assert.match(later.warning!.message, /second/);
});

test('America/New_York: 02:30 skipped on 8 March 2026, 01:30 repeated on 1 November 2026', () => {
  const skipped = resolveLocal('2026-03-08T02:30', 'America/New_York');
  assert.equal(skipped.instant, '2026-03-08T07:30:00.000Z');
  assert.equal(skipped.warning?.code, 'skipped-local-time');
  assert.equal(resolveLocal('2026-11-01T01:30', 'America/New_York').instant, '2026-11-01T05:30:00.000Z');
  assert.equal(resolveLocal('2026-11-01T01:30', 'America/New_York', 'later').instant, '2026-11-01T06:30:00.000Z');
  assert.equal(resolveLocal('2026-11-01T02:30', 'America/New_York').warning, null);
});

test('Asia/Kolkata is UTC+05:30 all year', () => {
  assert.deepEqual(resolveLocal('2026-04-01T01:30', 'Asia/Kolkata'), { instant: '2026-03-31T20:00:00.000Z', warning: null });
  assert.deepEqual(resolveLocal('2026-10-25T02:30', 'Asia/Kolkata'), { instant: '2026-10-24T21:00:00.000Z', warning: null });
});

test('America/Sao_Paulo: summer time until 2019, none after', () => {
  // January 2018: summer time, UTC-02:00.
  assert.equal(resolveLocal('2018-01-15T12:00', 'America/Sao_Paulo').instant, '2018-01-15T14:00:00.000Z');
  // January 2020: no summer time any more, UTC-03:00.
  assert.equal(resolveLocal('2020-01-15T12:00', 'America/Sao_Paulo').instant, '2020-01-15T15:00:00.000Z');
  // 4 November 2018: midnight jumped to 01:00, so 00:30 did not exist.
  const skipped = resolveLocal('2018-11-04T00:30', 'America/Sao_Paulo');
  assert.equal(skipped.warning?.code, 'skipped-local-time');
  assert.equal(skipped.instant, '2018-11-04T03:30:00.000Z');
  // Under the old rules 3 November 2019 would have jumped; it did not.
  assert.deepEqual(resolveLocal('2019-11-03T00:30', 'America/Sao_Paulo'), { instant: '2019-11-03T03:30:00.000Z', warning: null });
  // 18 February 2018: midnight went back to 23:00 on the 17th, so 23:30 happened twice.
  const repeated = resolveLocal('2018-02-17T23:30', 'America/Sao_Paulo');
  assert.equal(repeated.warning?.code, 'repeated-local-time');
  assert.equal(repeated.instant, '2018-02-18T01:30:00.000Z');
  assert.equal(resolveLocal('2018-02-17T23:30', 'America/Sao_Paulo', 'later').instant, '2018-02-18T02:30:00.000Z');
});

test('impossible dates and unknown zones are refused with an actionable error', () => {
  assert.equal(parseLocal('2026-02-30T10:00'), null);
  assert.equal(parseLocal('2026-03-31 22:00'), null);
  assert.throws(
    () => resolveLocal('2026-13-01T00:00', 'Europe/Berlin'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'invalid-input',
  );
  assert.throws(() => resolveLocal('2026-03-01T00:00', 'Europe/Atlantis'), /not a known IANA time zone/);
});

test('zone names: known ones are valid on every asking (the answer is remembered), unknown and overlong ones never', () => {
  for (let round = 0; round < 3; round += 1) {
    assert.equal(isValidZone('Europe/Berlin'), true);
    assert.equal(isValidZone('america/sao_paulo'), true, 'the runtime knows names in any case');
    assert.equal(isValidZone('UTC'), true);
    assert.equal(isValidZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidZone(''), false);
    assert.equal(isValidZone(`Europe/${'x'.repeat(2_000_000)}`), false);
  }
  // More names than the memory holds: it empties and answers the same.
  for (let index = 0; index < 2_500; index += 1) assert.equal(isValidZone(`Nowhere/${index}`), false);
  assert.equal(isValidZone('Asia/Kolkata'), true);
});
