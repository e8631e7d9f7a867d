import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import { describeInterruption, markInterruptedRuns, resolveInterruption } from '../../../main/core/playbooks/run-commands';
import { findRun } from '../../../main/core/playbooks/run-state';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { applyCommand, fileJournal, replay } from './journal-helpers';
import { eventually, isAlive, temporaryFolder } from './process-helpers';

const playbookText = `name: crash and resume
steps:
  - name: Prepare
    run: touch prepared
  - name: Switch version
    run: |
      if [ -f crashed-once ]; then echo switched > switched; else touch crashed-once; echo $$ > step-pid; sleep 100; fi
  - name: Restart
    run: touch restarted
`;

test('after SIGKILL of the host mid-step, the run is interrupted at that step and resumes with rerun', async () => {
  const folder = temporaryFolder('resume');
  const playbookFile = join(folder, 'crash.yaml');
  const journalFile = join(folder, 'journal.jsonl');
  const logFile = join(folder, 'runs', 'crash-run.log');
  writeFileSync(playbookFile, playbookText);
  const fixture = new URL('./fixtures/host-runner.ts', import.meta.url).pathname;
  const host = spawn(process.execPath, ['--import', 'tsx', fixture, playbookFile, journalFile, logFile, folder], { stdio: 'ignore' });
  const exited = new Promise((resolve) => host.on('exit', resolve));
  await eventually(() => existsSync(join(folder, 'step-pid')) && readFileSync(join(folder, 'step-pid'), 'utf8').trim() !== '', 20_000);
  host.kill('SIGKILL');
  await exited;
  // The step's process group outlives its host (it is detached); end it as an operator would.
  const stepPid = Number(readFileSync(join(folder, 'step-pid'), 'utf8'));
  process.kill(-stepPid, 'SIGKILL');
  await eventually(() => !isAlive(stepPid));

  const journal = fileJournal(journalFile);
  let state = replay(journal.events());
  assert.equal(findRun(state, 'crash-run')?.status, 'running');
  assert.equal(findRun(state, 'crash-run')?.steps[1]?.status, 'running');

  state = await applyCommand(journal, state, markInterruptedRuns(state, { actor: 'system', now: new Date().toISOString() }));
  const interrupted = findRun(state, 'crash-run');
  assert.ok(interrupted);
  assert.equal(interrupted.status, 'interrupted');
  assert.equal(describeInterruption(interrupted), 'interrupted at step 2 (Switch version), outcome unknown');
  assert.deepEqual(interrupted.interruption?.options, ['rerun', 'mark-done', 'abort']);
  assert.throws(() => resolveInterruption(state, { runId: 'crash-run', action: 'mark-done' }, { actor: 'alice', now: '' }), /needs a note/);

  state = await applyCommand(
    journal,
    state,
    resolveInterruption(state, { runId: 'crash-run', action: 'rerun' }, { actor: 'alice', now: new Date().toISOString() }),
  );
  const runner = new PlaybookRunner(
    {
      playbook: parseYamlPlaybook(playbookText, playbookFile),
      runId: 'crash-run',
      mode: 'rehearsal',
      actor: 'host',
      logFile,
      record: journal.record,
      hooks: { decide: () => Promise.reject(new Error('no failure expected')) },
      resolveTarget: () => ({ name: 'sandbox', environmentClass: 'sandbox', env: {}, cwd: folder }),
    },
    state,
  );
  const run = await runner.resume();
  assert.equal(run.status, 'succeeded');
  assert.equal(run.steps[1]?.attempts, 2);
  assert.deepEqual(
    run.steps[1]?.decisions.map((decision) => [decision.decision, decision.by]),
    [['rerun', 'alice']],
  );
  assert.ok(existsSync(join(folder, 'switched')));
  assert.ok(existsSync(join(folder, 'restarted')));
  assert.equal(replay(journal.events()).runs[0]?.status, 'succeeded');
});

test('an interrupted step can be marked done with a note, or the run aborted', async () => {
  const folder = temporaryFolder('resume');
  const journal = fileJournal(join(folder, 'journal.jsonl'));
  const now = new Date().toISOString();
  await journal.record([
    {
      type: 'run.started',
      data: {
        runId: 'r',
        playbook: { name: 'p', file: 'p.yaml', format: 'yaml', sha256: '0' },
        mode: 'live',
        steps: [
          { id: 'a', name: 'A', kind: 'run', plannedMs: 1 },
          { id: 'b', name: 'B', kind: 'run', plannedMs: 1 },
        ],
        startAt: 0,
        logFile: 'x.log',
        by: 'host',
      },
    },
    { type: 'run.step-started', data: { runId: 'r', stepIndex: 0, attempt: 1, description: undefined } },
  ]);
  const base = replay(journal.events());
  const events = markInterruptedRuns(base, { actor: 'system', now });
  assert.equal(events.length, 1);
  const state = replay([{ ...events[0], actor: 'system', ts: now, seq: 3 } as never], base);
  const done = replay(
    resolveInterruption(state, { runId: 'r', action: 'mark-done', note: 'checked by hand: v1 is live' }, { actor: 'bob', now }).map((event, index) => ({
      ...event,
      actor: 'bob',
      ts: now,
      seq: 4 + index,
    })),
    state,
  );
  const step = findRun(done, 'r')?.steps[0];
  assert.equal(step?.status, 'succeeded');
  assert.equal(step?.markedDone, true);
  assert.equal(step?.confirmedBy, 'bob');
  assert.equal(findRun(done, 'r')?.status, 'running');

  const aborted = replay(
    resolveInterruption(state, { runId: 'r', action: 'abort', note: 'handing over' }, { actor: 'carol', now }).map((event, index) => ({
      ...event,
      actor: 'carol',
      ts: now,
      seq: 4 + index,
    })),
    state,
  );
  assert.equal(findRun(aborted, 'r')?.status, 'aborted');
  assert.equal(findRun(aborted, 'r')?.steps[0]?.status, 'aborted');
});
