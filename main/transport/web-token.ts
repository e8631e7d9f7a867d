import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The file, in the workspace, that keeps browser mode's token across restarts. */
export const WEB_TOKEN_FILE = 'web-token';

/** A token is 24 random bytes in base64url: 32 characters. Anything else in the file is not ours. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * Browser mode's token for this workspace: the one kept in `<workspace>/web-token`
 * (0600), or a new one written there when there is none or when `rotate` is asked
 * (`warroom web --new-token`).
 *
 * Why: a tab left open on the war room must reconnect by itself when the server is
 * restarted on the same workspace and port, at 2 a.m., without anyone copying a new URL.
 * Rotating is how an address that was shared too widely is withdrawn.
 */
export function workspaceWebToken(workspaceDir: string, options: { rotate?: boolean } = {}): string {
  const file = join(workspaceDir, WEB_TOKEN_FILE);
  if (!options.rotate) {
    const kept = readKept(file);
    if (kept) return kept;
  }
  const token = randomBytes(24).toString('base64url');
  // Written aside, fsync'd, then renamed: a crash leaves the old token or the new one, never half of one.
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return token;
}

function readKept(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the browser-mode token ${file}: ${(error as Error).message}. Fix its permissions or run \`warroom web --new-token\`.`);
  }
  const token = text.trim();
  // A damaged file is replaced by a fresh token (the old address stops working, which is safe).
  if (!TOKEN_PATTERN.test(token)) return null;
  // Someone loosened it (a copy, a restore from backup): the token is a key, keep it private.
  chmodSync(file, 0o600);
  return token;
}
