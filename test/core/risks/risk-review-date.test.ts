import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { isCalendarDate, riskReviewDateSchema } from '../../../contract/domain/risks/risks-schemas';

test('a review date must be a day that exists: agrees with luxon on every day of 1999-2101 and their near misses', () => {
  for (let year = 1999; year <= 2101; year += 1) {
    for (let month = 0; month <= 13; month += 1) {
      for (const day of [0, 1, 28, 29, 30, 31, 32]) {
        const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        assert.equal(isCalendarDate(text), DateTime.fromISO(text, { zone: 'utc' }).isValid, text);
      }
    }
  }
  assert.equal(riskReviewDateSchema.safeParse('2028-02-29').success, true);
  assert.equal(riskReviewDateSchema.safeParse('2100-02-29').success, false);
  assert.equal(riskReviewDateSchema.safeParse('2026-1-31').success, false);
});
