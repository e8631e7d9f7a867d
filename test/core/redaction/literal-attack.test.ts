import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import type { Services } from '../../../main/api/services';
import { LITERALS_FILE } from '../../../main/core/redaction/workspace-literals';
import { listFiles } from '../../../main/core/report/release-reader';
import { tempDir } from '../../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

// Regex metacharacters, a quote and a backslash (escaped in JSON), non-ASCII, and a literal that is a prefix of another.
const literals = ['p@ss.w*rd(1)?[x]', 'O"Brien\\Vault', 'Ünïcødé-Kündé 東京', 'Acme', 'AcmeCorp-Prod-7'];

/** The forms a literal takes in the files of an export: as is, and escaped in a JSON string. */
function formsOf(literal: string): string[] {
  return [...new Set([literal, JSON.stringify(literal).slice(1, -1)])];
}

/** Files (a .tar.gz unpacked as bytes) that hold any form of any literal. */
function holders(root: string, files: readonly string[]): string[] {
  return files.flatMap((file) => {
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    const found = literals.flatMap(formsOf).filter((form) => bytes.includes(Buffer.from(form)));
    return found.length === 0 ? [] : [`${relative(root, file)}: ${found.join(' | ')}`];
  });
}

test('hostile literals in notes, an incident, a recording and a run log put in the release folder, a JSON key: no export holds one', async () => {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  await call(services, 'report.redaction-save', { slug, settings: { literals, patterns: [] } });
  const text = literals.map((literal) => `seen ${literal} here`).join('\n');
  await call(services, 'note.add', { slug, kind: 'note', text });
  await call(services, 'incident.open', { slug, title: `${literals[4]} down`, severity: 'sev2', owner: 'Priya Raman', summary: text });
  // A recording brought in from outside (not through the live redactor): each literal cut across two output events.
  mkdirSync(join(release.dir, 'recordings'), { recursive: true });
  const cast = [JSON.stringify({ version: 2, width: 80, height: 24, title: literals[0] })];
  let time = 0.1;
  for (const literal of literals) {
    const cut = Math.ceil(literal.length / 2);
    cast.push(JSON.stringify([(time += 0.1), 'o', `x ${literal.slice(0, cut)}`]), JSON.stringify([(time += 0.1), 'o', `${literal.slice(cut)} y\r\n`]));
  }
  cast.push(JSON.stringify([(time += 0.1), 'm', { [literals[1]!]: literals[2] }]));
  writeFileSync(join(release.dir, 'recordings', 'imported.cast'), cast.join('\n') + '\n');
  mkdirSync(join(release.dir, 'runs'), { recursive: true });
  writeFileSync(join(release.dir, 'runs', 'outside.log'), `${text}\n`);
  writeFileSync(join(release.dir, 'runs', 'outside.json'), JSON.stringify({ [literals[4]!]: 'value', list: [literals[3]] }));

  const md = await call<{ file: string }>(services, 'report.export', { slug, format: 'md' });
  const html = await call<{ file: string }>(services, 'report.export', { slug, format: 'html' });
  const bundle = await call<{ file: string }>(services, 'bundle.export', { slug });
  await release.flush();
  await services.dispose();

  const exported = [md.file, html.file, bundle.file];
  assert.deepEqual(holders('/', exported), [], 'an export holds a literal');
  // Besides the files this test planted itself and the local journal (it keeps the notes as
  // typed; every export masks them), only the 0600 literals file holds them.
  const planted = ['imported.cast', 'outside.log', 'outside.json', 'journal.jsonl', 'release.json'];
  const everywhere = (await listFiles(workspaceDir)).filter((file) => !planted.some((name) => file.endsWith(name)));
  assert.deepEqual(
    holders(workspaceDir, everywhere).map((line) => (line.startsWith(LITERALS_FILE) ? LITERALS_FILE : line)),
    [LITERALS_FILE],
  );
});
