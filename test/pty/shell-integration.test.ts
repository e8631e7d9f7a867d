import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRecord } from '../../main/pty/shell-integration-parser';
import { withShellIntegration } from '../../main/pty/shell-integration';
import { collect, isolatedEnv, profile, tempFolder } from './pty-helpers';

const hasZsh = spawnSync('sh', ['-c', 'command -v zsh']).status === 0;

async function runCommands(t: { after(fn: () => void): void }, shell: string, lines: readonly string[], rc?: string): Promise<CommandRecord[]> {
  const home = tempFolder('home');
  t.after(home.remove);
  if (rc !== undefined) writeFileSync(join(home.path, shell === 'zsh' ? '.zshrc' : '.bashrc'), rc);
  const { session, waitFor, exited } = collect({ profile: profile(shell), baseEnv: isolatedEnv(home.path) });
  t.after(() => session.dispose());
  const commands: CommandRecord[] = [];
  session.onCommand((command) => commands.push(command));
  await waitFor((output) => output.includes('\x1b]633;A'), 'the first prompt');
  for (const [index, line] of lines.entries()) {
    session.write(`${line}\r`);
    await waitFor(() => commands.length === index + 1, `the end of '${line}'`);
  }
  session.write('exit 5\r');
  await exited;
  return commands;
}

test('bash reports each command with its exit code, folder and times (rc files untouched)', async (t) => {
  const rc = 'PROMPT_COMMAND="echo -n;"\nexport FROM_USER_RC=yes\nHISTCONTROL=ignorespace\n';
  const lines = [
    'true',
    'false',
    '(exit 42)',
    'cd / && echo "a;b" | cat',
    'echo $FROM_USER_RC',
    'export TOKEN=ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
    ' echo kept-out-of-history',
  ];
  const commands = await runCommands(t, 'bash', lines, rc);
  assert.deepEqual(
    commands.map((command) => [command.command, command.exitCode]),
    [
      ['true', 0],
      ['false', 1],
      ['(exit 42)', 42],
      ['cd / && echo "a;b" | cat', 0],
      ['echo $FROM_USER_RC', 0],
      ['export TOKEN=[REDACTED:github-pat]', 0],
      ['', 0], // not in history (ignorespace): reported, but unnamed
      ['exit 5', 5], // ends the shell: reported with the shell's exit code
    ],
  );
  assert.equal(commands[4]?.cwd, '/');
  for (const command of commands) {
    assert.ok(command.startedAt <= command.finishedAt);
    assert.equal(command.durationMs, Date.parse(command.finishedAt) - Date.parse(command.startedAt));
  }
});

test('the user rc file is sourced: its variables reach the shell', async (t) => {
  const home = tempFolder('home');
  t.after(home.remove);
  writeFileSync(join(home.path, '.bashrc'), 'export FROM_USER_RC=yes-$((20+1))\n');
  const before = readFileSync(join(home.path, '.bashrc'), 'utf8');
  const { session, waitFor } = collect({ profile: profile('bash'), baseEnv: isolatedEnv(home.path) });
  t.after(() => session.dispose());
  assert.equal(session.shellIntegration, 'bash');
  session.write('echo "rc=$FROM_USER_RC"\r');
  await waitFor((output) => output.includes('rc=yes-21'), 'the variable from ~/.bashrc');
  assert.equal(readFileSync(join(home.path, '.bashrc'), 'utf8'), before);
});

test('zsh reports each command with its exit code', { skip: hasZsh ? false : 'zsh is not installed' }, async (t) => {
  const commands = await runCommands(t, 'zsh', ['true', 'false', '(exit 42)']);
  assert.deepEqual(
    commands.map((command) => [command.command, command.exitCode]),
    [
      ['true', 0],
      ['false', 1],
      ['(exit 42)', 42],
      ['exit 5', 5],
    ],
  );
});

test('zsh sources the user .zshrc and gives ZDOTDIR back', { skip: hasZsh ? false : 'zsh is not installed' }, async (t) => {
  const home = tempFolder('home');
  t.after(home.remove);
  writeFileSync(join(home.path, '.zshrc'), 'export FROM_USER_ZSHRC=yes-$((20+1))\n');
  const { session, waitFor } = collect({ profile: profile('zsh'), baseEnv: isolatedEnv(home.path) });
  t.after(() => session.dispose());
  assert.equal(session.shellIntegration, 'zsh');
  session.write('echo "rc=$FROM_USER_ZSHRC zdotdir=$ZDOTDIR"\r');
  await waitFor((output) => output.includes(`rc=yes-21 zdotdir=${home.path}`), 'the variable from ~/.zshrc');
});

test('only interactive bash and zsh get the integration; the zsh folder is removed by cleanup', () => {
  const env = { HOME: '/home/x' };
  assert.equal(withShellIntegration('/bin/bash', ['-c', 'ls'], env).integration, undefined);
  assert.equal(withShellIntegration('/usr/bin/ssh', ['prod'], env).integration, undefined);
  const login = withShellIntegration('/bin/bash', ['-l'], env);
  assert.equal(login.integration, 'bash');
  assert.equal(login.env['WARROOM_SHELL_LOGIN'], '1');
  assert.equal(login.args[0], '--init-file');
  assert.ok(existsSync(login.args[1] as string));
  const zsh = withShellIntegration('/bin/zsh', [], env);
  const folder = zsh.env['ZDOTDIR'] as string;
  assert.equal(zsh.env['WARROOM_USER_ZDOTDIR'], '/home/x');
  assert.ok(existsSync(join(folder, '.zshrc')));
  zsh.cleanup();
  assert.ok(!existsSync(folder));
});
