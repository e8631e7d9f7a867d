import { join } from 'node:path';
import { importBundle } from '../../core/report/bundle';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { assertRegularFile } from '../../core/support/regular-file';
import { withWorkspaceLock } from '../cli-lock';
import { EXIT, UsageError, parse, progress, type CliCommand } from '../cli-support';

/** `warroom import`: verify a handover bundle and add it to the workspace as a new release. */
export const importCommand: CliCommand = {
  name: 'import',
  usage: `warroom import FILE [--workspace DIR]
                                 Verify a bundle and add it as a new release (exit 3 if the workspace is in use)`,
  run: importRelease,
};

async function importRelease(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({ args: [...args], options: { workspace: { type: 'string' } }, strict: true, allowPositionals: true });
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError('import takes one bundle file');
  // A pipe or a /proc file would hang the unpacker: only a regular file is read.
  await assertRegularFile(file, 'a War Room bundle (.tar.gz)');
  const workspaceDir = resolveWorkspaceDir(values.workspace as string | undefined);
  const result = await withWorkspaceLock(workspaceDir, 'warroom import', () => importBundle(file, join(workspaceDir, 'releases'), progress));
  if (result.blackouts > 0) progress(`${result.blackouts} blackout(s) of the bundle's calendar snapshot added to the release`);
  if (result.partial) progress(`this bundle is partial: ${result.partial}`);
  process.stdout.write(`imported ${result.events} events as release "${result.slug}" in ${result.dir}\n`);
  return EXIT.ok;
}
