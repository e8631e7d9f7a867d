// The corpus of issue 13: a generated true-positive sample of every rule, plus the
// assignment and header forms, typed out by a program in a recorded sandbox terminal
// (real node-pty) in random chunk splits, pasted into a note and an incident; then every
// exported artifact (the recording, the MD and HTML reports, the bundle) holds none of
// them raw. A workspace literal, printed in the same terminal, is in no file of the
// workspace but the 0600 literals file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import type { Services } from '../../../main/api/services';
import { secretRules } from '../../../main/core/redaction/rules/rule-table';
import { seededRandom } from '../../../main/core/redaction/rules/rule-kit';
import { LITERALS_FILE } from '../../../main/core/redaction/workspace-literals';
import { listFiles } from '../../../main/core/report/release-reader';
import { tempDir } from '../../support/temp-dir';
import { TestTerminalClient } from '../../support/terminal-client';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A program that prints a file in random chunks, each its own write after a pause (so the pty delivers them as separate reads). */
const printer = `
const { readFileSync } = require('node:fs');
const text = readFileSync(process.argv[2], 'utf8');
let seed = Number(process.argv[3]);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
let at = 0;
const next = () => {
  if (at >= text.length) { process.stdout.write('\\nCORPUS-DONE\\n'); return; }
  const size = 1 + Math.floor(random() * 300);
  process.stdout.write(text.slice(at, at + size), () => setTimeout(next, random() < 0.3 ? 2 : 0));
  at += size;
};
next();
`;

test('a sample of every rule, through a recorded terminal in random chunks, a note and an incident: no raw sample in any exported artifact', async () => {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const home = tempDir('warroom-home-');
  const literal = 'Blue-Whale-Customer-4711';
  await call(services, 'report.redaction-save', { slug, settings: { literals: [literal], patterns: [] } });
  await call(services, 'target.save', {
    slug,
    target: {
      id: 'sandbox',
      name: 'sandbox',
      environment: 'sandbox',
      command: '/bin/bash',
      args: ['--norc', '--noprofile'],
      env: { HOME: home, PS1: '$ ', LANG: 'C.UTF-8' },
      cwd: home,
    },
  });
  const random = seededRandom(Number(process.env['WARROOM_CORPUS_SEED'] ?? 1124));
  const samples = secretRules.map((rule) => ({ id: rule.id, ...rule.sample(random) }));
  const corpus = `${samples.map((sample) => sample.line).join('\n')}\ncustomer ${literal} on the line\n`;
  writeFileSync(join(home, 'corpus.txt'), corpus);
  writeFileSync(join(home, 'printer.cjs'), printer);

  // A panel that keeps up, attached over its own channel.
  const panel = new TestTerminalClient();
  const output = { get: (sessionId: string) => panel.received(sessionId) };
  const session = await call<{ id: string }>(services, 'terminal.open', { slug, targetId: 'sandbox', cols: 200, rows: 50 });
  const attached = await dispatch(
    services,
    'terminal.attach',
    { slug, sessionId: session.id, attachmentId: panel.newAttachmentId() },
    { actor: 'tester', transport: 'test', connection: panel },
  );
  assert.ok(attached.ok, 'the panel attached');
  // The prompt may have come before the attach (then it is in the scrollback the attach answered) or after it (on the channel).
  const scrollback = (attached.value as { scrollback: string }).scrollback;
  await waitFor(() => /\$ /.test(scrollback + output.get(session.id)), 'the prompt');
  await call(services, 'terminal.write', {
    slug,
    sessionId: session.id,
    data: `'${process.execPath}' printer.cjs corpus.txt ${Math.floor(random() * 1e6)}; exit\r`,
  });
  const release = await services.release(slug);
  await waitFor(() => release.events(0).some((event) => event.type === 'terminal.session-closed'), 'the recorded session to end');
  assert.ok(output.get(session.id)!.includes('CORPUS-DONE'), 'the whole corpus went through the terminal');

  await call(services, 'note.add', { slug, kind: 'note', text: `pasted by mistake:\n${samples.map((sample) => sample.line).join('\n')}` });
  await call(services, 'incident.open', {
    slug,
    title: 'Leaked credentials in the deploy log',
    severity: 'sev2',
    owner: 'Priya Raman',
    summary: samples
      .slice(0, 60)
      .map((sample) => sample.line)
      .join(' ; '),
  });
  const md = await call<{ file: string }>(services, 'report.export', { slug, format: 'md' });
  const html = await call<{ file: string }>(services, 'report.export', { slug, format: 'html' });
  const bundle = await call<{ file: string }>(services, 'bundle.export', { slug });
  await release.flush();

  const recordings = (await listFiles(join(release.dir, 'recordings'))).filter((file) => file.endsWith('.cast'));
  assert.equal(recordings.length, 1);
  const artifacts: [string, string][] = [
    [relative(workspaceDir, recordings[0]!), readFileSync(recordings[0]!, 'utf8')],
    ['report.md', readFileSync(md.file, 'utf8')],
    ['report.html', readFileSync(html.file, 'utf8')],
    ['bundle', gunzipSync(readFileSync(bundle.file)).toString('utf8')],
  ];
  // The recording holds JSON-escaped output: compare with the secret as JSON would escape it too.
  const leaks: string[] = [];
  for (const [name, text] of artifacts) {
    for (const sample of samples) {
      const escaped = JSON.stringify(sample.secret).slice(1, -1);
      if (text.includes(sample.secret) || text.includes(escaped)) leaks.push(`${sample.id} in ${name}`);
    }
    if (text.includes(literal)) leaks.push(`the literal in ${name}`);
  }
  assert.deepEqual(leaks, [], `raw samples in exported artifacts (${samples.length} samples)`);

  // The literal was printed only in the terminal: the recording masked it at source.
  const holding = [];
  for (const file of await listFiles(workspaceDir)) {
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    if (bytes.includes(Buffer.from(literal))) holding.push(relative(workspaceDir, file));
  }
  assert.deepEqual(holding, [LITERALS_FILE]);
  await services.dispose();
});
