// The report's chart of a gate: self-contained SVG, failed points red, names escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gateSvg } from '../../../main/core/telemetry/gate-svg';

test('a gate’s measurements as a self-contained SVG: value, baseline, threshold; failed points red; unreadable amber; text escaped', () => {
  const svg = gateSvg('Error rate <25%> & "v2"', [
    { at: '2026-12-03T12:00:00Z', value: 0.03, baseline: 0.005, threshold: 0.055, phase: 'successful' },
    { at: '2026-12-03T12:00:02Z', value: 0.12, baseline: 0.005, threshold: 0.055, phase: 'failed' },
    { at: '2026-12-03T12:00:04Z', value: null, baseline: null, threshold: null, phase: 'error' },
  ]);
  assert.match(svg, /^<figure class="chart"><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 3);
  assert.match(svg, /<circle [^>]*fill="#c62828"/, 'the failed point is red');
  assert.match(svg, /<circle [^>]*fill="none" stroke="#ef6c00"/, 'the unreadable measurement is an amber ring on the axis');
  assert.doesNotMatch(svg, /<script|href=|<25%>/);
  assert.match(svg, /Error rate &#60;25%&#62; &#38; &#34;v2&#34;/);
  assert.equal(gateSvg('none', []), '');
});
