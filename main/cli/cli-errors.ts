import { dirname } from 'node:path';
import { WarRoomError } from '../../contract/domain/errors';
import { WorkspaceBusyError } from '../core/workspace/workspace-lock';
import { EXIT } from './cli-support';

/** How a failed command is reported: one line, the exit code, and a stack only for a bug. */
export interface CliFailure {
  readonly line: string;
  readonly code: number;
  readonly stack?: string;
}

/** What a file-system error code means, and what the user can do about it. */
const ERRNO_MEANINGS: Readonly<Record<string, { meaning: string; todo: string }>> = {
  ENOENT: { meaning: 'it does not exist', todo: 'check the path' },
  ENOTDIR: { meaning: 'a part of the path is a file, not a folder', todo: 'give a folder' },
  EISDIR: { meaning: 'it is a folder, not a file', todo: 'give a file name' },
  EACCES: { meaning: 'permission denied', todo: 'check its permissions or pick another path' },
  EPERM: { meaning: 'the operation is not permitted', todo: 'check its permissions or pick another path' },
  ENOSPC: { meaning: 'the disk is full', todo: 'free some space and try again' },
  EDQUOT: { meaning: 'the disk quota is exhausted', todo: 'free some space and try again' },
  EROFS: { meaning: 'the file system is read-only', todo: 'pick a writable place' },
  EEXIST: { meaning: 'it already exists', todo: 'move it away or pick another name' },
  ELOOP: { meaning: 'it is a loop of symbolic links', todo: 'give the real path' },
  ENAMETOOLONG: { meaning: 'the name is too long', todo: 'pick a shorter path' },
  ENXIO: { meaning: 'it is a device or pipe with nothing on the other end', todo: 'give a regular file' },
  EBUSY: { meaning: 'it is busy', todo: 'try again when it is free' },
  EMFILE: { meaning: 'too many files are open', todo: 'close some programs and try again' },
  EIO: { meaning: 'the disk reported an input/output error', todo: 'check the disk' },
};

const SYSCALL_VERBS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  scandir: 'list the folder',
  stat: 'read',
  lstat: 'read',
  rename: 'move',
  unlink: 'remove',
  copyfile: 'copy',
  access: 'open',
  realpath: 'find',
};

/**
 * Turn what a command threw into what the user sees.
 *
 * Why: a stack trace for `--out /nonexistent/x.html` tells a release manager nothing at
 * 2 a.m. Our own errors are one line already; Node's file errors (a code and a path) are
 * put in words with what to do; only something else, a bug, gets its stack, after a line
 * that says so.
 */
export function describeFailure(error: unknown): CliFailure {
  if (error instanceof WorkspaceBusyError) return { line: error.message, code: EXIT.busy };
  if (error instanceof WarRoomError) return { line: oneLine(error.message), code: EXIT.failed };
  const errno = asErrno(error);
  if (errno) {
    const known = ERRNO_MEANINGS[errno.code];
    if (known) {
      const verb = (errno.syscall && SYSCALL_VERBS[errno.syscall]) ?? 'use';
      const folderHint = errno.code === 'ENOENT' && errno.path && errno.syscall === 'open' ? ` (or its folder ${dirname(errno.path)} does not)` : '';
      const subject = errno.path ? `${verb} ${errno.path}` : verb === 'use' ? 'finish' : verb;
      return { line: `could not ${subject}: ${known.meaning}${folderHint}; ${known.todo}.`, code: EXIT.failed };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `internal error (a bug in War Room, please report it with what follows): ${oneLine(message)}`,
    code: EXIT.failed,
    stack: error instanceof Error ? error.stack : undefined,
  };
}

/**
 * A file error of a path the user gave (--out, a bundle), in words: unlike the core's
 * ioError, it does not assume the path is in the workspace.
 */
export function userFileError(action: string, path: string, error: unknown): WarRoomError {
  const errno = asErrno(error);
  const known = errno ? ERRNO_MEANINGS[errno.code] : undefined;
  const detail = known ? `${known.meaning}; ${known.todo}` : error instanceof Error ? error.message : String(error);
  return new WarRoomError('io', `Could not ${action} ${path}: ${detail}.`, [{ file: path }], { cause: error });
}

function asErrno(error: unknown): { code: string; path?: string; syscall?: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, path, syscall } = error as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  return { code, ...(typeof path === 'string' ? { path } : {}), ...(typeof syscall === 'string' ? { syscall } : {}) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
