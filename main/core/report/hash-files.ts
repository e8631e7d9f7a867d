import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { sha256File } from './release-reader';

/**
 * The hashing thread's code (plain CommonJS, run with `eval`): reads each file in 1 MB
 * chunks into sha256 and posts back `[path, hex]` pairs, or the first error.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
const out = [];
try {
  for (const path of workerData.paths) {
    const hash = createHash('sha256');
    const fd = openSync(path, 'r');
    try {
      let read;
      while ((read = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    out.push([path, hash.digest('hex')]);
  }
  parentPort.postMessage({ ok: true, out });
} catch (error) {
  parentPort.postMessage({ ok: false, path: error && error.path, message: String(error && error.message) });
}
`;

/**
 * sha256 of a release's recordings and run logs (relative paths), on a worker thread so
 * that hashing hundreds of MB runs while the main thread builds the report. Falls back
 * to hashing in this thread when a worker cannot start.
 */
export function hashReleaseFiles(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  if (files.length === 0) return Promise.resolve(new Map());
  const paths = files.map((file) => join(dir, file));
  const byPath = (pairs: readonly (readonly [string, string])[]) => new Map(pairs.map(([path, hex]) => [files[paths.indexOf(path)]!, hex]));
  const inThread = async () => byPath(await Promise.all(paths.map(async (path) => [path, await sha256File(path)] as const)));
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths } });
  } catch {
    return inThread();
  }
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { ok: true; out: [string, string][] } | { ok: false; path?: string; message: string }) => {
      void worker.terminate();
      if (message.ok) resolve(byPath(message.out));
      else inThread().then(resolve, reject);
    });
    worker.once('error', () => inThread().then(resolve, reject));
  });
}
