import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandCandidates, findCommand } from '../../main/pty/resolve-command';
import { tempDir } from '../support/temp-dir';

const windows = { platform: 'win32' as const, cwd: 'C:\\Users\\dana' };

test('win32: a bare name is tried with each PATHEXT extension in each PATH folder (Path spelled as Windows does)', () => {
  const env = { Path: 'C:\\Windows\\System32;C:\\tools', PATHEXT: '.COM;.EXE;.BAT;.CMD' };
  assert.deepEqual(commandCandidates('kubectl', { ...windows, env }), [
    'C:\\Windows\\System32\\kubectl.COM',
    'C:\\Windows\\System32\\kubectl.EXE',
    'C:\\Windows\\System32\\kubectl.BAT',
    'C:\\Windows\\System32\\kubectl.CMD',
    'C:\\tools\\kubectl.COM',
    'C:\\tools\\kubectl.EXE',
    'C:\\tools\\kubectl.BAT',
    'C:\\tools\\kubectl.CMD',
  ]);
});

test('win32: a name that has a PATHEXT extension is tried as is; a path is not looked up on PATH', () => {
  const env = { PATH: 'C:\\tools', PATHEXT: '.EXE;.CMD' };
  assert.deepEqual(commandCandidates('pwsh.exe', { ...windows, env }), ['C:\\tools\\pwsh.exe']);
  assert.deepEqual(commandCandidates('C:\\Program Files\\Git\\bin\\bash', { ...windows, env }), [
    'C:\\Program Files\\Git\\bin\\bash.EXE',
    'C:\\Program Files\\Git\\bin\\bash.CMD',
  ]);
  assert.deepEqual(commandCandidates('scripts\\deploy.cmd', { ...windows, env }), ['C:\\Users\\dana\\scripts\\deploy.cmd']);
  // `cmd.exe`'s own default when PATHEXT is unset.
  assert.deepEqual(commandCandidates('ssh', { ...windows, env: { PATH: 'C:\\bin' } }), [
    'C:\\bin\\ssh.COM',
    'C:\\bin\\ssh.EXE',
    'C:\\bin\\ssh.BAT',
    'C:\\bin\\ssh.CMD',
  ]);
});

test('win32: the first candidate that exists is the command', () => {
  const env = { PATH: 'C:\\a;C:\\b', PATHEXT: '.EXE;.CMD' };
  const present = new Set(['C:\\b\\kubectl.CMD', 'C:\\b\\kubectl.EXE']);
  assert.equal(findCommand('kubectl', { ...windows, env, isRunnable: (path) => present.has(path) }), 'C:\\b\\kubectl.EXE');
  assert.equal(findCommand('helm', { ...windows, env, isRunnable: (path) => present.has(path) }), undefined);
});

test('elsewhere: PATH folders in order, no extensions, only executable files (real files)', () => {
  const root = tempDir('warroom-resolve-');
  const [first, second] = [join(root, 'one'), join(root, 'two')];
  mkdirSync(first);
  mkdirSync(second);
  writeFileSync(join(first, 'deploy'), '#!/bin/sh\n');
  writeFileSync(join(second, 'deploy'), '#!/bin/sh\n');
  chmodSync(join(second, 'deploy'), 0o755);
  mkdirSync(join(first, 'tool'));
  const lookup = { platform: 'linux' as const, env: { PATH: `${first}:${second}`, PATHEXT: '.EXE' }, cwd: root };
  assert.deepEqual(commandCandidates('deploy', lookup), [join(first, 'deploy'), join(second, 'deploy')]);
  assert.equal(findCommand('deploy', lookup), join(second, 'deploy'), 'the non-executable first one is skipped');
  assert.equal(findCommand('tool', lookup), undefined, 'a folder is not a command');
  assert.equal(findCommand('./two/deploy', lookup), join(root, 'two/deploy'));
});
