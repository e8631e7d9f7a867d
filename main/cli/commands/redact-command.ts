import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolveWorkspaceDir } from '../../core/workspace/workspace-location';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { applyMasks, findSecrets, type SecretRange } from '../../core/redaction/redact-text';
import { resolveRedactionPatterns } from '../../core/redaction/redaction-patterns';
import { readWorkspaceLiterals } from '../../core/redaction/workspace-literals';
import { scanText } from '../../core/redaction/final-scan';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** `warroom redact`: a log with the workspace's rules and literals applied, to paste into a ticket. */
export const redactCommand: CliCommand = {
  name: 'redact',
  usage: `warroom redact [FILE] [--json] [--workspace DIR]
                                 Print FILE (stdin without one) with secrets masked; --json lists
                                 the findings (rule, line, column), never the secret`,
  run: redact,
};

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT'))
      throw new WarRoomError('not-found', `There is no file ${file}: give a readable text file, or pipe the text on stdin.`, [{ file }]);
    if (isErrno(error, 'EISDIR')) throw new WarRoomError('invalid-input', `${file} is a folder: give a text file, or pipe the text on stdin.`, [{ file }]);
    throw ioError('read', file, error);
  }
}

async function redact(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { json: { type: 'boolean' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new UsageError('redact takes at most one file (stdin without one)');
  const text = await readInput(positionals[0]);
  const workspace = resolveWorkspaceDir(values.workspace as string | undefined);
  const literals = existsSync(workspace) ? readWorkspaceLiterals(workspace) : [];
  const patterns = resolveRedactionPatterns({ literals });
  const where = positionals[0] ?? 'stdin';
  if (values.json === true) {
    // Ours (with the literals) and secretlint's preset, on the text as given.
    const findings = [
      ...(await scanText(text, where)),
      ...literalFindings(text, where, findSecrets(text, resolveRedactionPatterns({ literals, withoutBuiltins: true }))),
    ];
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    process.stdout.write(JSON.stringify({ file: where, findings: findings.map(({ rule, line, column }) => ({ rule, line, column })) }, null, 2) + '\n');
    return EXIT.ok;
  }
  let ranges = [...findSecrets(text, patterns)];
  // What only secretlint's preset finds is masked too.
  const masked = applyMasks(text, ranges);
  const extra = (await scanText(masked, where)).filter((finding) => finding.rule.startsWith('secretlint:'));
  if (extra.length > 0) {
    const lineStarts = [0];
    for (let at = masked.indexOf('\n'); at >= 0; at = masked.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    ranges = extra.map((finding) => {
      const start = lineStarts[finding.line - 1]! + finding.column - 1;
      let end = start;
      while (end < masked.length && !/\s/.test(masked[end]!)) end += 1;
      return { pattern: finding.rule.replace(':', '-'), start, end };
    });
    process.stdout.write(applyMasks(masked, ranges));
    return EXIT.ok;
  }
  process.stdout.write(masked);
  return EXIT.ok;
}

function literalFindings(text: string, where: string, ranges: readonly SecretRange[]) {
  return ranges.map((range) => {
    const before = text.slice(0, range.start);
    const line = before.split('\n').length;
    return { rule: 'literal', where, line, column: range.start - before.lastIndexOf('\n'), fingerprint: '' };
  });
}
