import { openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../main/core/workspace/workspace';
import { createReleaseEvents } from '../../contract/domain/release/release-meta';
import { encodeData, encodeEvent } from '../../main/core/journal/journal-format';

/** The events a long night writes most: terminal commands, notes, checklist ticks, playbook steps. */
const SHAPES: readonly ((index: number) => { type: string; actor: string; data: unknown })[] = [
  (index) => ({
    type: 'terminal.command-finished',
    actor: 'ana',
    data: {
      sessionId: `s${index % 7}`,
      targetId: 'prod',
      targetName: 'prod',
      command: `kubectl get pods -n payments-${index % 13}`,
      startedAt: '2030-01-01T00:00:00.000Z',
      finishedAt: '2030-01-01T00:00:01.000Z',
      exitCode: index % 17 === 0 ? 1 : 0,
      durationMs: 120 + (index % 900),
    },
  }),
  (index) => ({
    type: 'note.added',
    actor: 'bo',
    data: { kind: index % 50 === 0 ? 'decision' : 'note', text: `Canary check ${index}: error rate ${(index % 7) / 10}%` },
  }),
  (index) => ({
    type: 'run.step-finished',
    actor: 'chen',
    data: { runId: `run-${index % 11}`, stepIndex: index % 23, attempt: 1, exitCode: 0, durationMs: index % 5000, dryRun: false },
  }),
  (index) => ({
    type: 'terminal.command-finished',
    actor: 'dara',
    data: {
      sessionId: `s${index % 5}`,
      targetId: 'staging',
      targetName: 'staging',
      command: `helm status api-${index % 9}`,
      startedAt: '2030-01-01T00:00:00.000Z',
      finishedAt: '2030-01-01T00:00:00.080Z',
      exitCode: 0,
      durationMs: 80,
    },
  }),
];

/**
 * A workspace with one release whose journal holds `count` events in the real format
 * (hash-chained lines, as the journal writes them), generated straight into the file.
 */
export async function generateRelease(workspaceDir: string, name: string, count: number): Promise<{ slug: string; dir: string }> {
  const workspace = await Workspace.open(workspaceDir);
  const release = await workspace.create(
    name,
    'bench',
    createReleaseEvents({ name, version: '1.0.0', mode: 'rehearsal', zone: 'Europe/Berlin', goLive: '2030-01-01T00:00:00Z', description: '' } as never, []),
  );
  const slug = release.slug;
  const dir = release.dir;
  let { seq, hash } = release.head;
  await workspace.close();
  rmSync(join(dir, 'release.json'), { force: true });
  const fd = openSync(join(dir, 'journal.jsonl'), 'a');
  const start = Date.UTC(2029, 11, 31, 20, 0, 0);
  let buffered: string[] = [];
  while (seq < count) {
    const index = seq;
    const shape = SHAPES[index % SHAPES.length]!(index);
    const ts = new Date(start + index * 25).toISOString();
    const encoded = encodeEvent(seq + 1, ts, shape.actor, shape.type, shape.data, encodeData(shape.data), hash);
    buffered.push(encoded.line);
    seq = encoded.event.seq;
    hash = encoded.event.hash;
    if (buffered.length === 10_000) {
      writeSync(fd, buffered.join(''));
      buffered = [];
    }
  }
  if (buffered.length > 0) writeSync(fd, buffered.join(''));
  closeSync(fd);
  return { slug, dir };
}
