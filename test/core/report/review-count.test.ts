// Issue 13 item 6: the redaction review tells the truth; its count includes what was masked while recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import type { Services } from '../../../main/api/services';
import { tempDir } from '../../support/temp-dir';

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, { actor: 'dana', transport: 'test' });
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Printed in two halves, so that the command line (echoed, and journaled) never holds a whole token: only the output does.
const tokens = [
  ['ghp_1a2B3c4D5e6F7g8H9i0Jk', 'LmNoPqRsTuVwXyZ'],
  ['glpat-Zx9Yw8Vu7', 'Ts6Rq5Po4Nm3'],
  ['AKIAIOSFOD', 'NN7EXAMPLE'],
] as const;

test('the review and the bundle count the secrets masked while recording, not only those masked at export', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const [listing] = await services.workspace.list();
    const slug = listing!.slug;
    const home = tempDir('warroom-home-');
    await call(services, 'target.save', {
      slug,
      target: {
        id: 'bash',
        name: 'bash',
        environment: 'sandbox',
        command: '/bin/bash',
        args: ['--norc', '--noprofile'],
        env: { HOME: home, PS1: '$ ' },
        cwd: home,
      },
    });
    const release = await services.release(slug);
    const journal = () =>
      readFileSync(release.paths.journal, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
    const session = await call<{ id: string }>(services, 'terminal.open', { slug, targetId: 'bash' });
    const printed = tokens.map(([head, tail]) => `printf '%s%s\\n' '${head}' '${tail}'`).join('; ');
    await call(services, 'terminal.write', { slug, sessionId: session.id, data: `${printed}; exit\r` });
    const closed = await waitFor(
      () => journal().find((event) => event.type === 'terminal.session-closed' && event.data['sessionId'] === session.id),
      'the session end',
    );
    const recorded = Number(closed.data['redactionCount']);
    assert.ok(recorded >= tokens.length, `the recorder masked the ${tokens.length} printed tokens (it says ${recorded})`);
    const cast = readFileSync(join(release.dir, String(closed.data['recordingFile']).replace(/^(?!recordings\/)/, 'recordings/')), 'utf8');
    for (const [head, tail] of tokens) assert.equal(cast.includes(head + tail), false, `${head}… is masked in the recording`);

    const review = await call<{ count: number; recorded: number; matches: unknown[] }>(services, 'report.review', { slug });
    assert.equal(review.recorded, recorded, 'the review names what was masked while recording');
    assert.ok(review.count >= recorded, `the review's count (${review.count}) includes the ${recorded} masked while recording`);
    assert.equal(review.count, recorded + review.matches.length);
    const preview = await call<{ review: { count: number; recorded: number } }>(services, 'report.preview', { slug });
    assert.equal(preview.review.recorded, recorded);
    assert.ok(preview.review.count >= recorded);

    const bundle = await call<{ file: string; masked: number }>(services, 'bundle.export', { slug });
    assert.ok(bundle.masked >= recorded, `the bundle's count (${bundle.masked}) includes the ${recorded} masked while recording`);
    const unpacked = tempDir();
    await tar.x({ file: bundle.file, cwd: unpacked });
    const [top] = readdirSync(unpacked);
    const counts = JSON.parse(readFileSync(join(unpacked, top!, 'REDACTION.json'), 'utf8')) as { maskedWhileRecording: number };
    assert.equal(counts.maskedWhileRecording, recorded);
  } finally {
    await services.dispose();
  }
});
