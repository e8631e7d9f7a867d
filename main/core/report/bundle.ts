import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import * as tar from 'tar';
import { GENESIS_HASH, encodeData, encodeEvent } from '../journal/journal-format';
import { verifyJournalBytes } from '../journal/verify-journal';
import type { AppliedEvent } from '../release/domain-event';
import { replayRelease } from '../release/release-state';
import { WarRoomError, ioError, isErrno } from '../support/errors';
import { SLUG_PATTERN, slugify, uniqueSlug } from '../workspace/slug';
import { prepareReport, redactReleaseFiles, sha256Hex, type Progress } from './report-export';
import { MatchCollector } from './report-redaction';
import { readArtifacts, refuseUnmaskedSecrets } from '../redaction/final-scan';
import { allowedFindingsOf } from './report-state';
import { listFiles, readReleaseFolder, sha256File } from './release-reader';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';

/** The manifest at the root of every bundle: "<sha256>  <path>" per file, like sha256sum. */
export const MANIFEST = 'SHA256SUMS';

/**
 * Export a release as one .tar.gz: release.json, journal.jsonl, recordings, run logs,
 * reports, REDACTION.json and a SHA256SUMS manifest, all under `<slug>/`.
 *
 * Every file is masked with the release's redaction settings. A journal with masked
 * events is re-chained (its hashes are recomputed), so the bundle verifies on its own;
 * REDACTION.json records the original head hash next to the bundle's.
 */
export async function exportBundle(
  dir: string,
  slug: string,
  out: string,
  progress: Progress = () => {},
): Promise<{ file: string; sha256: string; files: number; masked: number }> {
  const prepared = await prepareReport(dir, progress);
  const onDisk = prepared.release;
  const options = prepared.options;
  const collector = new MatchCollector();
  progress('re-chaining the masked journal');
  let prev = GENESIS_HASH;
  let journal = '';
  for (const event of prepared.redactedEvents) {
    const encoded = encodeEvent(event.seq, event.ts, event.actor, event.type, event.data, encodeData(event.data), prev);
    journal += encoded.line;
    prev = encoded.event.hash;
  }
  const head = { seq: prepared.redactedEvents.at(-1)?.seq ?? 0, hash: prepared.redactedEvents.length > 0 ? prev : GENESIS_HASH };
  progress(`masking ${onDisk.files.length} recording(s) and run log(s)`);
  const files = await redactReleaseFiles(dir, onDisk.files, options, collector);
  const model = {
    ...prepared.model,
    verification: { ...prepared.model.verification, redactedHeadHash: head.hash === onDisk.verification.headHash ? null : head.hash },
  };
  const staging = join(dirname(out), `.warroom-bundle-${randomBytes(6).toString('hex')}`);
  const root = join(staging, slug);
  try {
    const write = async (path: string, content: string | Uint8Array) => {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    };
    await write('journal.jsonl', journal);
    await write(
      'release.json',
      JSON.stringify({ format: 1, journal: head, state: replayRelease(prepared.redactedEvents as readonly AppliedEvent[]) }, null, 2),
    );
    for (const [path, content] of files) await write(path, content);
    await write('reports/report.md', renderMarkdown(model));
    await write('reports/report.html', renderHtml(model));
    await write(
      'REDACTION.json',
      JSON.stringify(
        {
          originalHead: { seq: onDisk.verification.headSeq, hash: onDisk.verification.headHash },
          bundleHead: head,
          maskedInJournal: prepared.review.count,
          maskedInFiles: collector.count,
        },
        null,
        2,
      ),
    );
    progress('scanning every file for secrets left unmasked');
    await refuseUnmaskedSecrets(await readArtifacts(root, await listFiles(root)), allowedFindingsOf(onDisk.state.report));
    progress('writing SHA256SUMS');
    const all = (await listFiles(root)).map((file) => relative(root, file).split(sep).join('/'));
    const sums: string[] = [];
    for (const file of all) sums.push(`${await sha256File(join(root, file))}  ${file}`);
    await write(MANIFEST, sums.join('\n') + '\n');
    progress(`packing ${all.length + 1} files`);
    const temp = `${out}.partial`;
    await tar.c({ gzip: true, file: temp, cwd: staging, portable: true }, [slug]);
    await rename(temp, out);
    return { file: out, sha256: await sha256File(out), files: all.length + 1, masked: prepared.review.count + collector.count };
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('write the bundle', out, error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Import a bundle into a workspace's releases folder as a new release (never over one).
 *
 * Verifies first: the archive unpacks, SHA256SUMS lists every file and nothing else, every
 * file's sha256 matches, the journal chain verifies and release.json agrees with its head.
 * Anything else is refused with a message naming the file.
 */
export async function importBundle(file: string, releasesDir: string, progress: Progress = () => {}): Promise<{ slug: string; dir: string; events: number }> {
  try {
    await stat(file);
  } catch (error) {
    throw isErrno(error, 'ENOENT') ? new WarRoomError('not-found', `There is no bundle at ${file}.`, [{ file }]) : ioError('read the bundle', file, error);
  }
  await mkdir(releasesDir, { recursive: true });
  const staging = join(releasesDir, `.import-${randomBytes(6).toString('hex')}`);
  await mkdir(staging);
  try {
    progress('unpacking');
    try {
      // Read the whole archive once without writing anything: a damaged or truncated one
      // fails here, before extraction could leave half-written files behind.
      await tar.t({ file, strict: true });
      await tar.x({ file, cwd: staging, strict: true, filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
    } catch (error) {
      throw new WarRoomError(
        'corrupt',
        `${file} is not a readable War Room bundle (${error instanceof Error ? error.message : String(error)}): it is damaged or truncated.`,
        [{ file }],
      );
    }
    const tops = await readdir(staging);
    if (tops.length !== 1 || !SLUG_PATTERN.test(tops[0]!))
      throw new WarRoomError('corrupt', `${file} is not a War Room bundle: it must hold exactly one release folder.`, [{ file }]);
    const root = join(staging, tops[0]!);
    let manifest: string;
    try {
      manifest = await readFile(join(root, MANIFEST), 'utf8');
    } catch {
      throw new WarRoomError('corrupt', `${file} is incomplete: ${tops[0]}/${MANIFEST} is missing.`, [{ file: `${tops[0]}/${MANIFEST}` }]);
    }
    progress('checking SHA256SUMS');
    const listed = new Map<string, string>();
    for (const [index, line] of manifest.split('\n').entries()) {
      if (!line) continue;
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!match || match[2]!.includes('..'))
        throw new WarRoomError('corrupt', `${tops[0]}/${MANIFEST} line ${index + 1} is not "<sha256>  <path>".`, [
          { file: `${tops[0]}/${MANIFEST}`, line: index + 1 },
        ]);
      listed.set(match[2]!, match[1]!);
    }
    const present = (await listFiles(root)).map((path) => relative(root, path).split(sep).join('/')).filter((path) => path !== MANIFEST);
    for (const path of present)
      if (!listed.has(path))
        throw new WarRoomError('corrupt', `${tops[0]}/${path} is in the bundle but not in ${MANIFEST}: the bundle was altered.`, [
          { file: `${tops[0]}/${path}` },
        ]);
    for (const [path, sum] of listed) {
      let actual: string;
      try {
        actual = await sha256File(join(root, path));
      } catch {
        throw new WarRoomError('corrupt', `${file} is incomplete: ${tops[0]}/${path} is listed in ${MANIFEST} but missing.`, [{ file: `${tops[0]}/${path}` }]);
      }
      if (actual !== sum)
        throw new WarRoomError('corrupt', `${tops[0]}/${path} does not match its sha256 in ${MANIFEST}: the file was altered or damaged.`, [
          { file: `${tops[0]}/${path}` },
        ]);
    }
    progress('verifying the journal');
    const journalPath = join(root, 'journal.jsonl');
    if (!listed.has('journal.jsonl'))
      throw new WarRoomError('corrupt', `${file} is incomplete: ${tops[0]}/journal.jsonl is missing.`, [{ file: `${tops[0]}/journal.jsonl` }]);
    const verification = verifyJournalBytes(await readFile(journalPath));
    if (!verification.ok || verification.tornTail) {
      const reason = verification.break
        ? `breaks at seq ${verification.break.seq} (line ${verification.break.line}): ${verification.break.reason}`
        : 'ends with a torn line';
      throw new WarRoomError('corrupt', `${tops[0]}/journal.jsonl does not verify: ${reason}.`, [{ file: `${tops[0]}/journal.jsonl` }]);
    }
    const onDisk = await readReleaseFolder(root);
    const name = onDisk.state.meta?.name ?? tops[0]!;
    const taken = new Set((await readdir(releasesDir)).filter((entry) => !entry.startsWith('.')));
    const slug = uniqueSlug(taken.has(tops[0]!) ? slugify(`${name} imported`) : tops[0]!, taken);
    const target = join(releasesDir, slug);
    await rm(join(root, MANIFEST));
    for (const sub of ['recordings', 'runs', 'reports', 'playbooks']) await mkdir(join(root, sub), { recursive: true });
    await rename(root, target);
    return { slug, dir: target, events: onDisk.events.length };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export { sha256Hex };
