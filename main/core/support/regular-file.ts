import { readFile, stat, statfs } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { WarRoomError, ioError } from '../../../contract/domain/errors';

/**
 * Kernel file systems whose "files" are not files: reading some of them blocks forever
 * (/proc/kmsg) or never ends. statfs's f_type magic numbers, from linux/magic.h.
 */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x63677270, 'cgroup2'],
  [0x27e0eb, 'cgroup'],
  [0x1cd1, 'devpts'],
]);

/**
 * Check that `path` is a regular file War Room may read, before reading it.
 *
 * Why: reading a named pipe, a device or a /proc file can block forever, so a command
 * given one by mistake would hang instead of saying what is wrong. Returns its stats;
 * throws a one-line WarRoomError naming the file and what it is instead.
 */
export async function assertRegularFile(path: string, what: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw ioError('read', path, error);
  }
  if (!stats.isFile()) throw new WarRoomError('invalid-input', `${path} is ${kindOf(stats)}, not ${what}: give the path of a regular file.`, [{ file: path }]);
  try {
    const system = PSEUDO_FILE_SYSTEMS.get(Number((await statfs(path)).type));
    if (system) throw new WarRoomError('invalid-input', `${path} is a ${system} system file, not ${what}: give the path of a regular file.`, [{ file: path }]);
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    // statfs is missing on some platforms: the isFile check above stands alone there.
  }
  return stats;
}

/** Read a file after `assertRegularFile`; errors name the file. */
export async function readRegularFile(path: string, what: string): Promise<Buffer> {
  await assertRegularFile(path, what);
  try {
    return await readFile(path);
  } catch (error) {
    throw ioError('read', path, error);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something other than a file';
}
