import { writeFile } from 'node:fs/promises';
import { userFileError } from '../cli-errors';
import { prepareReport, renderReport } from '../../core/report/report-export';
import { partialNotice } from '../../core/report/broken-journal';
import { EXIT, UsageError, checkOutputPath, parse, progress, releaseDir, type CliCommand } from '../cli-support';
import { BROKEN_HINT } from './export-command';

/** `warroom report`: the post-release report of one release, written to a file. */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: `warroom report <release-dir-or-slug> --format md|html|pdf --out FILE [--workspace DIR] [--allow-broken]
                                 Write the post-release report (secrets masked); a journal that
                                 does not verify is refused unless --allow-broken (partial)`,
  run: report,
};

async function report(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { format: { type: 'string' }, out: { type: 'string' }, workspace: { type: 'string' }, 'allow-broken': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const [given] = positionals;
  if (positionals.length !== 1 || given === undefined) throw new UsageError('report takes one release (a folder or a slug)');
  const format = values.format as string | undefined;
  if (format !== 'md' && format !== 'html' && format !== 'pdf')
    throw new UsageError(`--format must be md, html or pdf${format === undefined ? '' : `, not "${format}"`}`);
  if (!values.out) throw new UsageError('--out FILE is required');
  const out = checkOutputPath(values.out as string);
  const { dir } = await releaseDir(given, values.workspace as string | undefined);
  const prepared = await prepareReport(dir, progress, undefined, { allowBroken: values['allow-broken'] === true, hint: BROKEN_HINT });
  if (prepared.partial) progress(partialNotice(prepared.partial));
  const bytes = await renderReport(prepared, format, progress);
  try {
    await writeFile(out, bytes);
  } catch (error) {
    throw userFileError('write the report to', out, error);
  }
  progress(`${prepared.model.redactionCount} secret(s) masked in the report (${prepared.review.recorded} more were masked while recording)`);
  process.stdout.write(`wrote ${out} (${bytes.length} bytes)\n`);
  return EXIT.ok;
}
