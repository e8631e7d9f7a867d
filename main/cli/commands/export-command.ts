import { exportBundle } from '../../core/report/bundle';
import { EXIT, UsageError, checkOutputPath, parse, progress, releaseDir, type CliCommand } from '../cli-support';

/** What a refused export tells the operator. */
export const BROKEN_HINT =
  'repair it first (warroom repair <release-dir>), or pass --allow-broken to write a partial copy that says so on its first page and in its manifest.';

/** `warroom export`: a handover bundle of one release. */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: `warroom export <release-dir-or-slug> --out FILE [--workspace DIR] [--allow-broken]
                                 Write a handover bundle (.tar.gz with SHA256SUMS); a journal
                                 that does not verify is refused unless --allow-broken (partial)`,
  run: exportRelease,
};

async function exportRelease(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { out: { type: 'string' }, workspace: { type: 'string' }, 'allow-broken': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [given] = positionals;
  if (positionals.length !== 1 || given === undefined) throw new UsageError('export takes one release (a folder or a slug)');
  if (!values.out) throw new UsageError('--out FILE is required');
  const out = checkOutputPath(values.out as string);
  const { dir, slug } = await releaseDir(given, values.workspace as string | undefined);
  const result = await exportBundle(dir, slug, out, progress, { allowBroken: values['allow-broken'] === true, hint: BROKEN_HINT });
  if (result.partial) progress(result.partial);
  process.stdout.write(`wrote ${result.file}: ${result.files} files, ${result.masked} secret(s) masked, sha256 ${result.sha256}\n`);
  return EXIT.ok;
}
