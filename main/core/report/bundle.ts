import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import * as tar from 'tar';
import { GENESIS_HASH, encodeData, encodeEvent } from '../journal/journal-format';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { replayRelease } from '../release/release-state';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import { prepareReport, redactReleaseFiles, sha256Hex, type PrepareOptions, type Progress } from './report-export';
import { partialNotice } from './broken-journal';
import { CALENDAR_SNAPSHOT, calendarSnapshot } from './bundle-calendar';
import { MatchCollector } from './report-redaction';
import { readArtifacts, refuseUnmaskedSecrets } from '../redaction/final-scan';
import { allowedFindingsOf } from './report-state';
import { listFiles, sha256File } from './release-reader';
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
  exportOptions: PrepareOptions = {},
): Promise<{ file: string; sha256: string; files: number; masked: number; partial: string | null }> {
  const prepared = await prepareReport(dir, progress, undefined, exportOptions);
  // Broken here, or imported from a partial bundle (or both): the new bundle says so.
  const notices = [prepared.partial ? partialNotice(prepared.partial) : null, prepared.model.verification.handedOverPartial ?? null];
  const partial = notices.filter((notice) => notice !== null).join(' ') || null;
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
      JSON.stringify(
        { format: 1, journal: head, ...(partial ? { partial } : {}), state: replayRelease(prepared.redactedEvents as readonly AppliedEvent[]) },
        null,
        2,
      ),
    );
    const calendar = await calendarSnapshot(dir, onDisk.state);
    if (calendar) await write(CALENDAR_SNAPSHOT, JSON.stringify(calendar, null, 2));
    for (const [path, content] of files) await write(path, content);
    await write('reports/report.md', renderMarkdown(model));
    await write('reports/report.html', renderHtml(model));
    await write(
      'REDACTION.json',
      JSON.stringify(
        {
          originalHead: { seq: onDisk.verification.headSeq, hash: onDisk.verification.headHash },
          bundleHead: head,
          maskedInJournal: prepared.model.redactionCount,
          maskedWhileRecording: prepared.review.recorded,
          maskedInFiles: collector.count,
        },
        null,
        2,
      ),
    );
    progress('scanning every file for secrets left unmasked');
    await refuseUnmaskedSecrets(await readArtifacts(root, await listFiles(root)), allowedFindingsOf(onDisk.state.report), options);
    progress('writing SHA256SUMS');
    const all = (await listFiles(root)).map((file) => relative(root, file).split(sep).join('/'));
    const sums: string[] = [];
    for (const file of all) sums.push(`${await sha256File(join(root, file))}  ${file}`);
    // A partial bundle says so on the manifest's first line (sha256sum -c skips it as a comment).
    await write(MANIFEST, (partial ? `# partial: ${partial}\n` : '') + sums.join('\n') + '\n');
    progress(`packing ${all.length + 1} files`);
    const temp = `${out}.partial`;
    await tar.c({ gzip: true, file: temp, cwd: staging, portable: true }, [slug]);
    await rename(temp, out);
    return { file: out, sha256: await sha256File(out), files: all.length + 1, masked: prepared.review.count + collector.count, partial };
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('write the bundle', out, error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export { importBundle } from './bundle-import';
export type { ImportBundleOptions, ImportedBundle } from './bundle-import';
export { sha256Hex };
