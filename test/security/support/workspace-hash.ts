// A fingerprint of a folder tree: every file's path and sha256 (not times): two equal
// fingerprints mean nothing was written, renamed, created or deleted.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function treeFingerprint(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stats = statSync(path);
      if (stats.isDirectory()) {
        files.set(`${relative(root, path)}/`, 'dir');
        walk(path);
      } else {
        files.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(root);
  return files;
}

/** What differs between two fingerprints, one line per file, for an assertion message. */
export function describeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [path, hash] of after) if (before.get(path) !== hash) changes.push(before.has(path) ? `changed ${path}` : `created ${path}`);
  for (const path of before.keys()) if (!after.has(path)) changes.push(`deleted ${path}`);
  return changes;
}
