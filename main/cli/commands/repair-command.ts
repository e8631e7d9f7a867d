import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { applyRepair, planRepair, type RepairPlan } from '../../core/release/release-repair';
import { WarRoomError } from '../../../contract/domain/errors';
import { withWorkspaceLock } from '../cli-lock';
import { EXIT, UsageError, parse, releaseDir, type CliCommand } from '../cli-support';

/** `warroom repair`: bring a journal that does not verify back to one that does, deleting nothing. */
export const repairCommand: CliCommand = {
  name: 'repair',
  usage: `warroom repair <release-dir-or-slug> [--yes] [--workspace DIR]
                                 Keep the verified part of a broken journal, move the rest into
                                 journal.jsonl.cut-<time> (nothing is deleted), journal the repair`,
  run: repair,
};

async function repair(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse({
    args: [...args],
    options: { yes: { type: 'boolean' }, workspace: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [given] = positionals;
  if (positionals.length !== 1 || given === undefined) throw new UsageError('repair takes one release (a folder or a slug)');
  const { dir } = await releaseDir(given, values.workspace as string | undefined);
  // The lock of the workspace the release is in (a release folder on its own locks itself).
  const lockDir = basename(dirname(dir)) === 'releases' ? dirname(dirname(dir)) : dir;
  return withWorkspaceLock(lockDir, 'warroom repair', async () => {
    const plan = await planRepair(dir);
    if (plan.kind === 'verifies') {
      const torn = plan.tornTailBytes > 0 ? ` (a torn last line of ${plan.tornTailBytes} bytes is set aside when the release is opened)` : '';
      process.stdout.write(`${plan.journal} verifies (${plan.events} events) and agrees with release.json: nothing to repair, nothing changed${torn}.\n`);
      return EXIT.ok;
    }
    process.stdout.write(describePlan(plan));
    if (!values.yes && !(await confirm())) {
      process.stdout.write('Nothing was changed.\n');
      return EXIT.failed;
    }
    const result = await applyRepair(plan, await operatorOf(lockDir));
    const lines = [
      result.event
        ? `Repaired ${plan.journal}: journaled ${result.event.type} at seq ${result.event.seq}.`
        : `Finished the repair of ${plan.journal}: release.json now records seq ${result.head.seq}.`,
      result.cutFile ? `The bytes after the break are in ${result.cutFile}.` : '',
      result.documentKept ? `The old release.json is kept as ${result.documentKept}.` : '',
      `Check it: warroom verify ${dir}`,
    ];
    process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
    return EXIT.ok;
  });
}

function describePlan(plan: Exclude<RepairPlan, { kind: 'verifies' }>): string {
  if (plan.kind === 'reanchor')
    return `${plan.journal} ends with a repair whose release.json was not written (the repair was interrupted).\nrepair will: rewrite release.json for seq ${plan.head.seq} (the old one is kept aside).\n`;
  const lines = [
    `${plan.journal} does not verify: it breaks at seq ${plan.breakSeq} (${plan.reason}).`,
    'repair will:',
    `  keep the ${plan.keptEvents} events before seq ${plan.breakSeq} (${plan.keptBytes} bytes), unchanged;`,
    plan.cutFile && plan.movedBytes > 0
      ? `  move the ${plan.movedBytes} bytes after them into ${plan.cutFile} (nothing is deleted);`
      : '  move nothing aside (every line of the journal is kept);',
    `  append a journal.repaired event at seq ${plan.keptEvents + 1} naming the break, the bytes moved aside and the reason;`,
    '  rewrite release.json from the journal (the old one is kept aside).',
    plan.keptEvents === 0
      ? 'Nothing before the break verifies: the release will hold no event but the repair (and the app will not list it); every byte stays in the .cut file.'
      : '',
  ].filter(Boolean);
  return `${lines.join('\n')}\n`;
}

/** Ask on a terminal (y/N); with no terminal and no --yes, refuse. */
async function confirm(): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new WarRoomError('refused', 'repair changes the release: run it in a terminal to answer y/N, or pass --yes. Nothing was changed.');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question('Repair? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}

/** Who repairs: the workspace's operator, else the OS user. */
async function operatorOf(workspaceDir: string): Promise<string> {
  try {
    const settings = JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8')) as { operator?: unknown };
    if (typeof settings.operator === 'string' && settings.operator.trim()) return settings.operator.trim();
  } catch {
    // No workspace document: fall back to the OS user.
  }
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
