import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { prepareReport, renderReport } from './core/report/report-export';
import { exportBundle, importBundle } from './core/report/bundle';
import { resolveWorkspaceDir } from './core/workspace/workspace-location';
import { verifyJournalFile } from './core/journal/journal';
import { WarRoomError } from './core/support/errors';
import { appVersion, bootServices, projectRoot } from './api/boot';
import { startBrowserServer } from './transport/websocket-server';

const USAGE = `War Room: the release manager's cockpit.

Usage:
  warroom web [--port N] [--workspace DIR] [--no-demo]
                                 Serve the app to a browser on 127.0.0.1 (prints the URL)
  warroom verify <release-dir>   Verify a release's journal; exits 1 naming the first bad seq
  warroom report <release-dir-or-slug> --format md|html|pdf --out FILE [--workspace DIR]
                                 Write the post-release report (secrets masked)
  warroom export <release-dir-or-slug> --out FILE [--workspace DIR]
                                 Write a handover bundle (.tar.gz with SHA256SUMS)
  warroom import FILE [--workspace DIR]
                                 Verify a bundle and add it as a new release
  warroom --help | --version

The workspace is --workspace DIR, else $WARROOM_HOME, else ~/.warroom.
`;

/** Exit codes: 0 ok, 1 the command ran and found a problem, 2 the command line was wrong. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    case '--version':
    case '-v':
      process.stdout.write(`${appVersion()}\n`);
      return EXIT.ok;
    case 'web':
      return web(rest);
    case 'verify':
      return verify(rest);
    case 'report':
      return report(rest);
    case 'export':
      return exportCommand(rest);
    case 'import':
      return importCommand(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function parse<T extends Parameters<typeof parseArgs>[0]>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function web(args: readonly string[]): Promise<number> {
  const { values } = parse({
    args: [...args],
    options: { port: { type: 'string' }, workspace: { type: 'string' }, 'no-demo': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: !values['no-demo'] });
  const server = await startBrowserServer({ services, staticDir: join(projectRoot(), 'dist', 'renderer'), port });
  process.stdout.write(`War Room (browser mode)\n  workspace: ${workspaceDir}\n  open:      ${server.url}\n`);
  for (const warning of services.workspace.warnings) process.stderr.write(`warning: ${warning}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await services.dispose();
  return EXIT.ok;
}

async function verify(args: readonly string[]): Promise<number> {
  const { positionals } = parse({ args: [...args], options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('verify takes one release folder');
  const dir = positionals[0]!;
  const journalPath = join(dir, 'journal.jsonl');
  const result = await verifyJournalFile(journalPath);
  let anchor: { seq: number; hash: string } | null = null;
  try {
    const document = JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')) as { journal?: { seq?: unknown; hash?: unknown } };
    if (typeof document.journal?.seq === 'number' && typeof document.journal.hash === 'string')
      anchor = { seq: document.journal.seq, hash: document.journal.hash };
  } catch {
    // No readable release.json: the journal alone is verified.
  }
  if (!result.ok && result.break) {
    process.stdout.write(`FAIL ${journalPath}: breaks at seq ${result.break.seq} (line ${result.break.line}): ${result.break.reason}\n`);
    return EXIT.failed;
  }
  if (anchor && anchor.seq > result.head.seq) {
    process.stdout.write(
      `FAIL ${journalPath}: ends at seq ${result.head.seq} but release.json records seq ${anchor.seq}: first missing seq ${result.head.seq + 1} (truncated)\n`,
    );
    return EXIT.failed;
  }
  const torn = result.tornTail ? ` (a torn last line of ${result.tornTail.length} bytes follows; it is set aside when the release is opened)` : '';
  process.stdout.write(`OK ${journalPath}: ${result.count} events, head seq ${result.head.seq} ${result.head.hash}${torn}\n`);
  return EXIT.ok;
}

const progress = (message: string) => process.stderr.write(`warroom: ${message}\n`);

/** A release folder given as a path, or a slug in the workspace. */
async function releaseDir(given: string, workspace: string | undefined): Promise<{ dir: string; slug: string }> {
  if (existsSync(join(given, 'journal.jsonl'))) return { dir: resolve(given), slug: basename(resolve(given)) };
  const dir = join(resolveWorkspaceDir(workspace), 'releases', given);
  if (existsSync(join(dir, 'journal.jsonl'))) return { dir, slug: given };
  throw new WarRoomError('not-found', `"${given}" is neither a release folder nor a release in ${dirname(dir)}.`);
}

async function report(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { format: { type: 'string' }, out: { type: 'string' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('report takes one release (a folder or a slug)');
  const format = values.format as string | undefined;
  if (format !== 'md' && format !== 'html' && format !== 'pdf')
    throw new UsageError(`--format must be md, html or pdf${format === undefined ? '' : `, not "${format}"`}`);
  if (!values.out) throw new UsageError('--out FILE is required');
  const { dir } = await releaseDir(positionals[0]!, values.workspace as string | undefined);
  const prepared = await prepareReport(dir, progress);
  const bytes = await renderReport(prepared, format, progress);
  await writeFile(values.out as string, bytes);
  progress(`${prepared.review.count} secret(s) masked`);
  process.stdout.write(`wrote ${values.out as string} (${bytes.length} bytes)\n`);
  return EXIT.ok;
}

async function exportCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { out: { type: 'string' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('export takes one release (a folder or a slug)');
  if (!values.out) throw new UsageError('--out FILE is required');
  const { dir, slug } = await releaseDir(positionals[0]!, values.workspace as string | undefined);
  const result = await exportBundle(dir, slug, resolve(values.out as string), progress);
  process.stdout.write(`wrote ${result.file}: ${result.files} files, ${result.masked} secret(s) masked, sha256 ${result.sha256}\n`);
  return EXIT.ok;
}

async function importCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({ args: [...args], options: { workspace: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('import takes one bundle file');
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const result = await importBundle(positionals[0]!, join(workspaceDir, 'releases'), progress);
  process.stdout.write(`imported ${result.events} events as release "${result.slug}" in ${result.dir}\n`);
  return EXIT.ok;
}

/** Run as a program: map errors to exit codes and messages, never a stack trace for a user mistake. */
export function runCli(argv: readonly string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`warroom: ${error.message}\n\n${USAGE}`);
        process.exit(EXIT.usage);
      }
      process.stderr.write(
        `warroom: ${error instanceof WarRoomError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(EXIT.failed);
    },
  );
}

runCli(process.argv.slice(2));
