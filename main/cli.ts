import { appVersion } from './api/boot';
import { COMMANDS } from './cli/command-table';
import { EXIT, UsageError } from './cli/cli-support';
import { describeFailure } from './cli/cli-errors';

const USAGE = `War Room: the release manager's cockpit.

Usage:
${COMMANDS.map((command) => `  ${command.usage}`).join('\n')}
  warroom --help | --version

The workspace is --workspace DIR, else $WARROOM_HOME, else ~/.warroom.
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return name === undefined ? EXIT.usage : EXIT.ok;
    case '--version':
    case '-v':
      process.stdout.write(`${appVersion()}\n`);
      return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.run(rest);
}

/** Run as a program: map errors to exit codes and one-line messages; a stack only for a bug (exit 3: the workspace is in use). */
export function runCli(argv: readonly string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`warroom: ${error.message}\n\n${USAGE}`);
        process.exit(EXIT.usage);
      }
      const failure = describeFailure(error);
      process.stderr.write(`warroom: ${failure.line}\n${failure.stack ? `${failure.stack}\n` : ''}`);
      process.exit(failure.code);
    },
  );
}

runCli(process.argv.slice(2));
