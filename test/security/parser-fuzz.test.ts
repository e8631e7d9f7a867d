// Every parser of outside input, fuzzed by one harness (test/security/parsers): 0 crashes,
// no case over a second, errors with a location, Object.prototype unchanged.
// WARROOM_FUZZ_RUNS sets the cases per parser (default 1,000).
import { test } from 'node:test';
import fc from 'fast-check';
import { checkCase, documents } from './parsers/parser-harness';
import { parsers } from './parsers/parsers';
import { briefReport } from './support/hostile-values';

const runs = Number(process.env['WARROOM_FUZZ_RUNS'] ?? 1000);
const baseline = Object.getOwnPropertyNames(Object.prototype).sort().join();

for (const parser of parsers) {
  test(
    `${parser.name}: ${runs} generated documents parse or are refused with a location, fast, without touching Object.prototype`,
    { timeout: 300_000 },
    () => {
      for (const seed of parser.seeds) checkCase(parser, seed, baseline);
      fc.assert(
        fc.property(documents(parser), (text) => checkCase(parser, text, baseline)),
        briefReport(runs),
      );
    },
  );
}
