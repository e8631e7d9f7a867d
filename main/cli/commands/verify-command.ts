import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { verifyJournalFile } from '../../core/journal/journal';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom verify`: check a release's hash chain without opening it for writing. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: `warroom verify <release-dir>   Verify a release's journal; exits 1 naming the first bad seq`,
  run: verify,
};

async function verify(args: readonly string[]): Promise<number> {
  const { positionals } = parse({ args: [...args], options: {}, strict: true, allowPositionals: true });
  const [dir] = positionals;
  if (positionals.length !== 1 || dir === undefined) throw new UsageError('verify takes one release folder');
  const journalPath = join(dir, 'journal.jsonl');
  const result = await verifyJournalFile(journalPath);
  let anchor: { seq: number; hash: string } | null = null;
  try {
    const document = JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')) as { journal?: { seq?: unknown; hash?: unknown } };
    if (typeof document.journal?.seq === 'number' && typeof document.journal.hash === 'string')
      anchor = { seq: document.journal.seq, hash: document.journal.hash };
  } catch {
    // No readable release.json: the journal alone is verified.
  }
  if (!result.ok && result.break) {
    process.stdout.write(`FAIL ${journalPath}: breaks at seq ${result.break.seq} (line ${result.break.line}): ${result.break.reason}\n`);
    return EXIT.failed;
  }
  if (anchor && anchor.seq > result.head.seq) {
    process.stdout.write(
      `FAIL ${journalPath}: ends at seq ${result.head.seq} but release.json records seq ${anchor.seq}: first missing seq ${result.head.seq + 1} (truncated)\n`,
    );
    return EXIT.failed;
  }
  const torn = result.tornTail ? ` (a torn last line of ${result.tornTail.length} bytes follows; it is set aside when the release is opened)` : '';
  process.stdout.write(`OK ${journalPath}: ${result.count} events, head seq ${result.head.seq} ${result.head.hash}${torn}\n`);
  return EXIT.ok;
}
