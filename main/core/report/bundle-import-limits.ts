import { SLUG_PATTERN } from '../../../contract/domain/workspace/slug';
import { WarRoomError } from '../../../contract/domain/errors';

/**
 * How much a handover bundle may unpack to. A bundle comes from another machine and may
 * be crafted: every limit is checked on the archive's headers before a byte is written,
 * and again while the bytes stream, so a lying header cannot get past them either.
 */
export interface BundleImportLimits {
  /** Entries in the archive (files and folders). A long night has hundreds of recordings, not tens of thousands. */
  readonly maxEntries: number;
  /** One file, unpacked. A recording of a whole night of verbose output is ~100 MB-scale. */
  readonly maxFileBytes: number;
  /** Every file together, unpacked. */
  readonly maxTotalBytes: number;
  /**
   * Unpacked bytes per compressed byte, once more than `ratioFloorBytes` were unpacked.
   * Terminal output compresses well (asciicast of repetitive logs reaches ~100:1) and
   * gzip cannot exceed ~1032:1, so this only stops archives that are nearly all padding.
   */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** SHA256SUMS itself: one line per file, so a few MB at most. */
  readonly maxManifestBytes: number;
  /** The whole import: reading a slow or stuck file never holds the server longer than this. */
  readonly timeoutMs: number;
}

export const DEFAULT_BUNDLE_IMPORT_LIMITS: BundleImportLimits = {
  maxEntries: 20_000,
  maxFileBytes: 512 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 500,
  ratioFloorBytes: 64 * 1024 * 1024,
  maxManifestBytes: 8 * 1024 * 1024,
  timeoutMs: 10 * 60_000,
};

/** Entry types a bundle may hold: War Room writes only regular files and folders. */
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const SEGMENT = /^[A-Za-z0-9._ -]{1,200}$/;

/** What the header of one archive entry says, as the tar parser reads it. */
export interface EntryHeader {
  readonly path: string;
  readonly type: string;
  readonly size: number;
}

/** A checked entry: its path without the trailing slash, and whether it is a file. */
export interface CheckedEntry {
  readonly path: string;
  readonly isFile: boolean;
  readonly size: number;
}

/**
 * Checks the headers of a bundle's entries, one by one, against the limits: the entry
 * type (a symlink, hardlink, pipe or device is refused by name; they used to vanish in
 * silence), the path (one release folder, no `..`, no absolute path, no duplicates),
 * the count, and the sizes the headers declare.
 */
export class EntryChecker {
  private entries = 0;
  private declaredBytes = 0;
  private top: string | null = null;
  private readonly seen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly limits: BundleImportLimits,
  ) {}

  /** The release folder every entry sits in (null before the first entry). */
  get topFolder(): string | null {
    return this.top;
  }

  check(header: EntryHeader): CheckedEntry {
    const name = header.path;
    this.entries += 1;
    if (this.entries > this.limits.maxEntries)
      throw this.refuse(`holds more than ${this.limits.maxEntries} entries (a War Room bundle holds a few hundred)`, name);
    const isFile = FILE_TYPES.has(header.type);
    if (!isFile && header.type !== 'Directory') throw this.refuse(`holds ${describeType(header.type)}, which a War Room bundle never does`, name);
    const path = name.replace(/\/+$/, '');
    const segments = path.split('/');
    if (name.startsWith('/') || name.includes('\\') || segments.some((segment) => !SEGMENT.test(segment) || segment === '.' || segment === '..'))
      throw this.refuse('has an entry whose path is not a plain relative path', name);
    if (this.top === null) {
      if (!SLUG_PATTERN.test(segments[0]!)) throw this.refuse('must hold exactly one release folder', name);
      this.top = segments[0]!;
    } else if (segments[0] !== this.top) throw this.refuse(`must hold exactly one release folder (${this.top}/)`, name);
    if (isFile && segments.length < 2) throw this.refuse('must hold exactly one release folder', name);
    if (this.seen.has(path)) throw this.refuse('holds the same entry twice', name);
    this.seen.add(path);
    if (!isFile) return { path, isFile, size: 0 };
    if (!Number.isSafeInteger(header.size) || header.size < 0) throw this.refuse('has an entry with an invalid size', name);
    if (header.size > this.limits.maxFileBytes)
      throw this.refuse(`has a file of ${formatBytes(header.size)}, over the limit of ${formatBytes(this.limits.maxFileBytes)} per file`, name);
    this.declaredBytes += header.size;
    if (this.declaredBytes > this.limits.maxTotalBytes) throw this.refuse(`unpacks to more than ${formatBytes(this.limits.maxTotalBytes)} in all`, name);
    return { path, isFile, size: header.size };
  }

  private refuse(what: string, entry: string): WarRoomError {
    return new WarRoomError('corrupt', `${this.file} is refused: it ${what} (entry "${printable(entry)}"). Nothing was imported.`, [
      { file: printable(entry) },
    ]);
  }
}

/** Watches the unpacked and compressed byte counts of a stream: total and ratio limits. */
export function ratioGuard(file: string, limits: BundleImportLimits): (compressed: number, unpacked: number) => void {
  return (compressed, unpacked) => {
    if (unpacked > limits.maxTotalBytes + limits.maxManifestBytes)
      throw new WarRoomError('corrupt', `${file} is refused: it unpacks to more than ${formatBytes(limits.maxTotalBytes)}. Nothing was imported.`, [{ file }]);
    if (unpacked > limits.ratioFloorBytes && unpacked > compressed * limits.maxRatio)
      throw new WarRoomError(
        'corrupt',
        `${file} is refused: it unpacks to over ${limits.maxRatio} times its size (a compression bomb, not a bundle War Room wrote). Nothing was imported.`,
        [{ file }],
      );
  };
}

function describeType(type: string): string {
  switch (type) {
    case 'SymbolicLink':
      return 'a symbolic link';
    case 'Link':
      return 'a hard link';
    case 'FIFO':
      return 'a named pipe';
    case 'CharacterDevice':
    case 'BlockDevice':
      return 'a device file';
    default:
      return `an entry of type ${type}`;
  }
}

/** Entry names come from the archive: keep control characters out of messages. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 300);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
