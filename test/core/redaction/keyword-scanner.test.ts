// The keyword pre-filter: every occurrence of every keyword, case-insensitively, in one pass
// (its table folds case and numbers the states where keywords end last: checked against a plain search).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeywordScanner } from '../../../main/core/redaction/keyword-scanner';
import { resolveRedactionPatterns } from '../../../main/core/redaction/redaction-patterns';
import { secretKeyKeywords, secretKeyNames } from '../../../main/core/redaction/rules/rules-generic';

/** Every (keyword, start) by a plain search of the lower-cased text, sorted as the scanner reports them (by end, then the longest first). */
function plainHits(keywords: readonly string[], text: string): [number, number][] {
  const lower = text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  const hits: [number, number][] = [];
  keywords.forEach((keyword, index) => {
    for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) hits.push([index, at]);
  });
  return hits.sort((a, b) => a[1] + keywords[a[0]]!.length - (b[1] + keywords[b[0]]!.length) || a[1] - b[1]);
}

function collected(scanner: KeywordScanner, text: string): [number, number][] {
  const count = scanner.collect(text);
  return Array.from({ length: count }, (_, hit) => [scanner.hits[hit * 2]!, scanner.hits[hit * 2 + 1]!]);
}

test('collect finds every occurrence of every keyword, overlapping and in any case, and nothing else', () => {
  const keywords = ['pass', 'password', 'word', 'sk_', 'sk_live_', 'ssw', 'a', '://'];
  const scanner = new KeywordScanner(keywords);
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('pass', 'PASS', 'Word', 'sk_', 'SK_LIVE_', 'x', 'é', '\u2028', ':', '//', 'a', 'S', 'w', ' '), { maxLength: 30 }),
      (parts) => {
        const text = parts.join('');
        assert.deepEqual(collected(scanner, text), plainHits(scanner.keywords, text), JSON.stringify(text));
      },
    ),
    { numRuns: 3000, seed: 7 },
  );
});

test('the rule table scanner reports what a plain search finds, on ordinary and secret-bearing text', () => {
  const { scanner } = resolveRedactionPatterns();
  const text = 'export DB_PASSWORD=x\r\n{"api_key": "y"} --Client-Secret z ghp_abc glpat-Q Ünïcode token=AKIA-é sk_live_1 eyJ.eyJ';
  assert.deepEqual(collected(scanner, text), plainHits(scanner.keywords, text));
  // The buffer grows past its first size: all hits of a long text are kept.
  const long = 'password '.repeat(5000);
  assert.equal(scanner.collect(long), plainHits(scanner.keywords, long).length);
  assert.ok(scanner.collect(long) >= 5000);
});

test('forEach reports the hits of collect, also when its callback scans again', () => {
  const scanner = new KeywordScanner(['key', 'token']);
  const seen: [number, number][] = [];
  scanner.forEach('a key and a token', (keyword, start) => {
    scanner.collect('token token token');
    seen.push([keyword, start]);
  });
  assert.deepEqual(seen, [
    [0, 2],
    [1, 12],
  ]);
});

test('every secret key name holds one of the family keywords (they gate secret-assignment, secret-flag, xml-secret-element)', () => {
  const names = new RegExp(secretKeyNames, 'gi');
  const fragments = ['pass', 'PASS', 'word', 'wd', 'w', 'or', 'd', 'phrase', 'pwd', '_', '.', '-', 'api', 'key', 'KEY', 'access', 'private', 'signing'];
  const more = ['master', 'client', 'secret', 'token', 'auth', 'credential', 's', 'x', ' ', '='];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...fragments, ...more), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      for (const match of text.matchAll(names)) {
        // `_pass` is matched after its `_`, which its keyword holds.
        const around = text.slice(Math.max(0, match.index - 1), match.index + match[0].length).toLowerCase();
        assert.ok(
          secretKeyKeywords.some((keyword) => around.includes(keyword)),
          `${JSON.stringify(match[0])} in ${JSON.stringify(text)} holds none of ${secretKeyKeywords.join(', ')}`,
        );
      }
    }),
    { numRuns: 5000, seed: 11 },
  );
});
