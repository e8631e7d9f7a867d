import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';
import { verifyJournalFile } from '../../core/journal/journal';
import { anchorProblem, readAnchor } from '../../core/journal/journal-anchor';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom verify`: check a release's hash chain without opening it for writing. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: `warroom verify <release-dir>   Verify a release's journal and release.json's anchor (seq and hash);
                                 exits 1 naming the first bad seq`,
  run: verify,
};

async function verify(args: readonly string[]): Promise<number> {
  const { positionals } = parse({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const [dir] = positionals;
  if (positionals.length !== 1 || dir === undefined) throw new UsageError('verify takes one release folder');
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new WarRoomError('invalid-input', `${dir} is a file, not a release folder: give the folder that holds journal.jsonl.`, [{ file: dir }]);
  const journalPath = join(dir, 'journal.jsonl');
  const documentPath = join(dir, 'release.json');
  const result = await verifyJournalFile(journalPath);
  if (!result.ok && result.break) {
    process.stdout.write(
      `FAIL ${journalPath}: breaks at seq ${result.break.seq} (line ${result.break.line}): ${result.break.reason}; \`warroom repair ${dir}\` keeps what verifies\n`,
    );
    return EXIT.failed;
  }
  const anchor = await readAnchor(documentPath);
  const problem = anchorProblem(result.bytes, result, anchor);
  if (problem) {
    process.stdout.write(`FAIL ${journalPath}: ${problem.reason}; \`warroom repair ${dir}\` records it and re-anchors\n`);
    return EXIT.failed;
  }
  const torn = result.tornTail ? ` (a torn last line of ${result.tornTail.length} bytes follows; it is set aside when the release is opened)` : '';
  process.stdout.write(`OK ${journalPath}: ${result.count} events, head seq ${result.head.seq} ${result.head.hash}${torn}\n`);
  return EXIT.ok;
}
