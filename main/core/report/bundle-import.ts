import { createHash } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { verifyJournalBytes } from '../journal/verify-journal';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { slugify } from '../../../contract/domain/workspace/slug';
import { DEFAULT_BUNDLE_IMPORT_LIMITS, EntryChecker, ratioGuard, type BundleImportLimits, type CheckedEntry } from './bundle-import-limits';
import { moveIntoFreeSlug, stagingName } from './import-staging';
import { applyCalendarSnapshot, readCalendarSnapshot } from './bundle-calendar';
import { IMPORTED_PARTIAL_EVENT } from './broken-journal';
import { Release } from '../release/release';
import type { Progress } from './report-export';
import { readReleaseFolder } from './release-reader';

/** The manifest at the root of every bundle: "<sha256>  <path>" per file, like sha256sum. */
const MANIFEST = 'SHA256SUMS';

export interface ImportBundleOptions {
  /** Tighter limits (tests) or looser ones; the defaults fit any bundle War Room writes. */
  readonly limits?: Partial<BundleImportLimits>;
}

export interface ImportedBundle {
  readonly slug: string;
  readonly dir: string;
  readonly events: number;
  /** Set when the bundle says it was exported from a journal that does not verify. */
  readonly partial: string | null;
  /** Blackouts of the bundle's calendar snapshot added to the release. */
  readonly blackouts: number;
}

/**
 * Import a bundle into a workspace's releases folder as a new release (never over one).
 *
 * Only a regular file is read (a named pipe or a device would hang the server), through
 * one descriptor, within a deadline. The archive is read twice: first its headers and
 * SHA256SUMS alone, checked against the limits (entry types, paths, count, sizes) and
 * the manifest, with nothing written; then it is unpacked into a hidden staging folder
 * under the same limits, every file hashed as it is written. Then the journal chain must
 * verify and release.json must record the journal's head (seq and hash). Anything else is
 * refused with a message naming the bundle and the entry, never a path of the staging
 * folder; the staging folder is removed (or, after a kill, at the next open).
 */
export async function importBundle(
  file: string,
  releasesDir: string,
  progress: Progress = () => {},
  options: ImportBundleOptions = {},
): Promise<ImportedBundle> {
  const limits = { ...DEFAULT_BUNDLE_IMPORT_LIMITS, ...options.limits };
  const handle = await openRegularFile(file);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new WarRoomError('io', `Importing ${file} took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped.`, [{ file }])),
    limits.timeoutMs,
  );
  let staging: string | null = null;
  try {
    progress('checking the archive and SHA256SUMS');
    const scan = new EntryChecker(file, limits);
    let manifestText: string | null = null;
    const seen = new Map<string, CheckedEntry>();
    await readArchive(handle, file, limits, deadline.signal, async (entry) => {
      const checked = scan.check(entry);
      seen.set(checked.path, checked);
      if (checked.isFile && checked.path === `${scan.topFolder}/${MANIFEST}`) {
        if (checked.size > limits.maxManifestBytes)
          throw new WarRoomError('corrupt', `${file} is refused: its ${MANIFEST} is too large.`, [{ file: checked.path }]);
        manifestText = (await collect(entry)).toString('utf8');
      } else entry.resume();
    });
    const top = scan.topFolder;
    if (top === null) throw new WarRoomError('corrupt', `${file} is not a War Room bundle: it is empty.`, [{ file }]);
    if (manifestText === null) throw new WarRoomError('corrupt', `${file} is incomplete: ${top}/${MANIFEST} is missing.`, [{ file: `${top}/${MANIFEST}` }]);
    const manifest = parseManifest(manifestText, top);
    for (const [path, entry] of seen)
      if (entry.isFile && path !== `${top}/${MANIFEST}` && !manifest.sums.has(path.slice(top.length + 1)))
        throw new WarRoomError('corrupt', `${path} is in the bundle but not in ${MANIFEST}: the bundle was altered.`, [{ file: path }]);
    for (const path of manifest.sums.keys())
      if (!seen.get(`${top}/${path}`)?.isFile)
        throw new WarRoomError('corrupt', `${file} is incomplete: ${top}/${path} is listed in ${MANIFEST} but missing.`, [{ file: `${top}/${path}` }]);
    if (!manifest.sums.has('journal.jsonl'))
      throw new WarRoomError('corrupt', `${file} is incomplete: ${top}/journal.jsonl is missing.`, [{ file: `${top}/journal.jsonl` }]);

    progress('unpacking');
    staging = join(releasesDir, stagingName());
    await mkdir(releasesDir, { recursive: true });
    await mkdir(staging);
    const into = staging;
    const unpack = new EntryChecker(file, limits);
    await readArchive(handle, file, limits, deadline.signal, async (entry) => {
      const checked = unpack.check(entry);
      const target = join(into, ...checked.path.split('/'));
      if (!checked.isFile) return void (await mkdir(target, { recursive: true }), entry.resume());
      if (checked.path === `${top}/${MANIFEST}`) return void entry.resume();
      const expected = manifest.sums.get(checked.path.slice(top.length + 1));
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let written = 0;
      await pipeline(
        entry,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            written += chunk.length;
            if (written > checked.size || written > limits.maxFileBytes)
              return done(new WarRoomError('corrupt', `${file} is refused: ${checked.path} is longer than its header says.`));
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(target, { flags: 'wx', mode: 0o644 }),
      );
      if (hash.digest('hex') !== expected)
        throw new WarRoomError('corrupt', `${checked.path} does not match its sha256 in ${MANIFEST}: the file was altered or damaged.`, [
          { file: checked.path },
        ]);
    });

    progress('verifying the journal');
    const root = join(staging, top);
    const journal = verifyJournalBytes(await readFile(join(root, 'journal.jsonl')));
    if (!journal.ok || journal.tornTail) {
      const reason = journal.break ? `breaks at seq ${journal.break.seq} (line ${journal.break.line}): ${journal.break.reason}` : 'ends with a torn line';
      throw new WarRoomError('corrupt', `${top}/journal.jsonl does not verify: ${reason}.`, [{ file: `${top}/journal.jsonl` }]);
    }
    await checkRecordedHead(root, top, journal.head);
    const onDisk = await readReleaseFolder(root);
    await readCalendarSnapshot(root, top);
    for (const sub of ['recordings', 'runs', 'reports', 'playbooks']) await mkdir(join(root, sub), { recursive: true });
    const name = onDisk.state.meta?.name ?? top;
    const slug = await moveIntoFreeSlug(root, releasesDir, (await isTaken(releasesDir, top)) ? slugify(`${name} imported`) : top);
    // The blackouts the release was planned around become its own, journaled by the import.
    const blackouts = await applyCalendarSnapshot(join(releasesDir, slug), slug, 'warroom import');
    if (manifest.partial !== null) await markImportedPartial(join(releasesDir, slug), slug, manifest.partial);
    return { slug, dir: join(releasesDir, slug), events: onDisk.events.length, partial: manifest.partial, blackouts };
  } catch (error) {
    throw withoutStagingPaths(error, file, staging);
  } finally {
    clearTimeout(timer);
    await handle.close().catch(() => {});
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * Open the bundle only if it is a regular file: stat before (a named pipe's open would
 * block until a writer comes), open without blocking, and fstat the descriptor after
 * (the path could have been swapped in between).
 */
async function openRegularFile(file: string): Promise<FileHandle> {
  const notRegular = (kind: string) =>
    new WarRoomError('refused', `${file} is ${kind}, not a bundle file: export a bundle to a regular file and import that.`, [{ file }]);
  try {
    const before = await stat(file);
    if (!before.isFile()) throw notRegular(kindOf(before));
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const after = await handle.stat();
    if (!after.isFile()) {
      await handle.close();
      throw notRegular(kindOf(after));
    }
    return handle;
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    if (isErrno(error, 'ENOENT')) throw new WarRoomError('not-found', `There is no bundle at ${file}.`, [{ file }]);
    throw ioError('read the bundle', file, error);
  }
}

function kindOf(stats: Awaited<ReturnType<typeof stat>>): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Stream the archive from the start of the descriptor through gunzip into tar's parser,
 * calling `onEntry` for each entry in order (the parser waits while an entry's bytes
 * are unread). The total and ratio limits are checked on every chunk.
 */
async function readArchive(
  handle: FileHandle,
  file: string,
  limits: BundleImportLimits,
  signal: AbortSignal,
  onEntry: (entry: ReadEntry) => Promise<void>,
): Promise<void> {
  const guard = ratioGuard(file, limits);
  let compressed = 0;
  let unpacked = 0;
  let failure: unknown = null;
  const pending: Promise<void>[] = [];
  const active = new Set<ReadEntry>();
  const parser = new Parser({ strict: true });
  const source = borrowedReader(handle, signal);
  const fail = (error: unknown) => {
    failure ??= error;
    source.destroy();
  };
  parser.on('entry', (entry: ReadEntry) => {
    if (failure) return void entry.resume();
    active.add(entry);
    entry.on('end', () => active.delete(entry));
    // Its reader (if any) sees the error too; an entry being skipped must not throw it.
    entry.on('error', () => {});
    const work = onEntry(entry).catch((error: unknown) => {
      entry.resume();
      fail(error);
    });
    pending.push(work);
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('end', () => resolve());
  });
  parsed.catch(() => {});
  try {
    await pipeline(
      source,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          compressed += chunk.length;
          done(null, chunk);
        },
      }),
      createGunzip(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          unpacked += chunk.length;
          try {
            guard(compressed, unpacked);
          } catch (error) {
            return done(error as Error);
          }
          if (failure) return done(failure as Error);
          if (parser.write(chunk)) done();
          else parser.once('drain', () => done());
        },
        final(done) {
          parser.end();
          parsed.then(() => done(), done);
        },
      }),
      { signal },
    );
  } catch (error) {
    failure ??= error;
  }
  // A cut archive leaves the entry being read without its end: end it, or its reader waits forever.
  if (failure) for (const entry of active) entry.destroy(failure as Error);
  await Promise.allSettled(pending);
  if (failure) throw asBundleError(failure, file, signal);
}

/**
 * Read the handle from its start without owning it. A ReadStream built on `handle.fd`
 * closes that number when it is destroyed, whatever `autoClose` says; the FileHandle then
 * closes it again, and by then another open (a readdir in the same process) may hold the
 * number: CI saw `EBADF, scandir` that way. This stream only ever reads.
 */
function borrowedReader(handle: FileHandle, signal: AbortSignal): Readable {
  return Readable.from(
    (async function* chunks() {
      let position = 0;
      for (;;) {
        signal.throwIfAborted();
        const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(1 << 16), 0, 1 << 16, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    })(),
    { objectMode: false },
  );
}

/** Read a small entry whole (SHA256SUMS, bounded by the checker). */
async function collect(entry: ReadEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** SHA256SUMS: "<sha256>  <path>" lines; "# partial: ..." marks a bundle of a journal that did not verify. */
function parseManifest(text: string, top: string): { sums: Map<string, string>; partial: string | null } {
  const sums = new Map<string, string>();
  let partial: string | null = null;
  for (const [index, line] of text.split('\n').entries()) {
    if (!line) continue;
    if (line.startsWith('#')) {
      const marker = /^# partial: (.{1,500})$/.exec(line);
      if (marker) partial = marker[1]!;
      continue;
    }
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match || match[2]!.split('/').some((segment) => segment === '..' || segment === '.' || segment === '') || match[2]!.startsWith('/'))
      throw new WarRoomError('corrupt', `${top}/${MANIFEST} line ${index + 1} is not "<sha256>  <path>".`, [{ file: `${top}/${MANIFEST}`, line: index + 1 }]);
    // A path listed twice: one of its two sums is false, and the last would silently win.
    if (sums.has(match[2]!))
      throw new WarRoomError('corrupt', `${top}/${MANIFEST} line ${index + 1} lists ${match[2]} a second time: a bundle War Room wrote lists each file once.`, [
        { file: `${top}/${MANIFEST}`, line: index + 1 },
      ]);
    sums.set(match[2]!, match[1]!);
  }
  return { sums, partial };
}

/** release.json must record the head of the journal beside it: the same seq and the same hash. */
async function checkRecordedHead(root: string, top: string, head: { readonly seq: number; readonly hash: string }): Promise<void> {
  const where = `${top}/release.json`;
  let recorded: { seq?: unknown; hash?: unknown } | undefined;
  try {
    recorded = (JSON.parse(await readFile(join(root, 'release.json'), 'utf8')) as { journal?: { seq?: unknown; hash?: unknown } }).journal;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new WarRoomError('corrupt', `${where} is missing.`, [{ file: where }]);
    throw new WarRoomError('corrupt', `${where} is not valid JSON.`, [{ file: where }]);
  }
  if (recorded?.seq !== head.seq || recorded?.hash !== head.hash)
    throw new WarRoomError(
      'corrupt',
      `${where} records the journal's head as seq ${String(recorded?.seq)} with hash ${String(recorded?.hash).slice(0, 12)}..., but journal.jsonl ends at seq ${head.seq} with hash ${head.hash.slice(0, 12)}...: one of them was altered.`,
      [{ file: where, field: 'journal' }],
    );
}

async function isTaken(releasesDir: string, slug: string): Promise<boolean> {
  try {
    await stat(join(releasesDir, slug));
    return true;
  } catch {
    return false;
  }
}

function asBundleError(error: unknown, file: string, signal: AbortSignal): WarRoomError {
  if (signal.aborted && signal.reason instanceof WarRoomError) return signal.reason;
  if (error instanceof WarRoomError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WarRoomError('corrupt', `${file} is not a readable War Room bundle (${message}): it is damaged or truncated.`, [{ file }]);
}

/** No error of an import shows where it was staged: the user knows the bundle, not our temp folder. */
function withoutStagingPaths(error: unknown, file: string, staging: string | null): unknown {
  if (!staging) return error;
  const clean = (text: string) => text.split(staging).join('<import>');
  if (error instanceof WarRoomError) {
    if (!error.message.includes(staging)) return error;
    return new WarRoomError(
      error.code,
      clean(error.message),
      error.locations.map((location) => (location.file ? { ...location, file: clean(location.file) } : location)),
    );
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new WarRoomError(
    'io',
    `Could not import ${file}: ${typeof code === 'string' ? code : clean(error instanceof Error ? error.message : String(error))}.`,
    [{ file }],
    {
      cause: error,
    },
  );
}

/**
 * Journal that the imported bundle was partial: the manifest's mark would otherwise be
 * lost with the manifest, and a re-export would hand over a release that looks whole.
 */
async function markImportedPartial(releaseDir: string, slug: string, notice: string): Promise<void> {
  const release = await Release.open(releaseDir, slug);
  try {
    await release.execute('warroom import', () => [{ type: IMPORTED_PARTIAL_EVENT, data: { notice } }]);
  } finally {
    await release.close();
  }
}
