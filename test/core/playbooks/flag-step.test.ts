// The flag step against the real sandbox service's flag endpoint (GET/PUT /flags/<name>)
// and through commands: the state before and after is journaled (run.flag-flipped); a
// live run asks for confirmation first (a refusal leaves the flag alone) and, under the
// release's four-eyes rule, an approver other than the one who started the run; the
// playbook schema names file, line and field for a flag step written wrong.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import type { RunnerHooks } from '../../../main/core/playbooks/playbook-runner';
import { parseFlagState } from '../../../main/core/playbooks/flag-step';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import type { RunMode } from '../../../contract/domain/playbooks/run-events';
import { WarRoomError } from '../../../contract/domain/errors';
import { fileJournal, replay } from './journal-helpers';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { tempDir } from '../../support/temp-dir';

function flagPlaybook(flag: string): string {
  return `name: flag
target: sandbox
steps:
  - id: flag-off
    name: Switch the pricing cache off
${flag
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;
}

async function runFlag(text: string, mode: RunMode, hooks: Partial<RunnerHooks>, env: Record<string, string>, defaultApprovers?: number) {
  const folder = tempDir('warroom-flag-');
  const journal = fileJournal(join(folder, 'journal.jsonl'));
  const runner = new PlaybookRunner({
    playbook: parseYamlPlaybook(text, join(folder, 'flag.yaml')),
    runId: 'flag-run',
    mode,
    actor: 'Dana Okafor',
    logFile: join(folder, 'flag.log'),
    record: journal.record,
    hooks: { decide: async () => ({ decision: 'abort', by: 'Dana Okafor', reason: 'test ends here' }), ...hooks },
    resolveTarget: () => ({ name: 'sandbox', environmentClass: 'sandbox', env, cwd: folder }),
    ...(defaultApprovers === undefined ? {} : { defaultApprovers }),
  });
  const run = await runner.start();
  return { run, journal, log: readFileSync(join(folder, 'flag.log'), 'utf8'), folder };
}

const flipped = (events: readonly { type: string; data: unknown }[]) => events.filter((event) => event.type === 'run.flag-flipped').map((event) => event.data);

describe('flag step on the sandbox flag endpoint', () => {
  let sandbox: TestSandbox;
  before(() => {
    sandbox = startSandbox(25);
  });
  after(() => sandbox?.stop());
  const flagState = () => /sandbox_feature_flag\{flag="new-pricing-cache"\} (\d)/.exec(sandbox.ctl('metrics').out)?.[1];
  const setFlag = (on: boolean) => sandbox.ctl('flag', 'new-pricing-cache', on ? 'on' : 'off');
  const step = `flag:\n  name: new-pricing-cache\n  set: off\n  service: sandbox`;

  test('a rehearsal flips it without asking; before and after are journaled and replayed', async () => {
    setFlag(true);
    const asked: unknown[] = [];
    const { run, journal, log } = await runFlag(
      flagPlaybook(step),
      'rehearsal',
      { confirm: async (request) => (asked.push(request), { done: true, by: 'x' }) },
      {
        WARROOM_SANDBOX: sandbox.dir,
      },
    );
    assert.equal(run.status, 'succeeded', run.finishReason);
    assert.equal(asked.length, 0, 'a rehearsal does not ask');
    assert.equal(flagState(), '0');
    const [data] = flipped(journal.events()) as { flag: string; before: boolean; after: boolean; via: string; by: string }[];
    assert.deepEqual(
      { flag: data!.flag, before: data!.before, after: data!.after, by: data!.by },
      { flag: 'new-pricing-cache', before: true, after: false, by: 'Dana Okafor' },
    );
    assert.match(data!.via, /^the sandbox's flag endpoint \(port \d+\)$/);
    assert.match(log, /\[flag\] new-pricing-cache: on -> off/);
    const replayed = replay(journal.events()).runs[0]!.steps[0]!;
    assert.equal(replayed.flag?.before, true);
    assert.equal(replayed.flag?.after, false);
    assert.equal(replayed.note, 'flag new-pricing-cache: on -> off');
  });

  test('a live run asks for confirmation showing the state now; a refusal leaves the flag on and journals no flip', async () => {
    setFlag(true);
    const questions: string[] = [];
    const { run, journal } = await runFlag(
      flagPlaybook(step),
      'live',
      {
        confirm: async (request) => {
          questions.push(request.step.instructions);
          return { done: false, by: 'Mateus Silva', note: 'support is mid-call with the biggest customer' };
        },
      },
      { WARROOM_SANDBOX: sandbox.dir },
    );
    assert.equal(run.status, 'aborted');
    assert.deepEqual(questions, [
      "Switch feature flag new-pricing-cache off (it is on now) through the sandbox's flag endpoint (port " + sandbox.port() + ')?',
    ]);
    assert.equal(flagState(), '1', 'refused: the flag is untouched');
    assert.deepEqual(flipped(journal.events()), []);
    assert.match(run.steps[0]!.failure?.message ?? '', /Mateus Silva did not confirm the flip of new-pricing-cache: support is mid-call/);
  });

  test('live under four-eyes: confirmed, then approved by someone other than the one who started the run', async () => {
    setFlag(true);
    const approvals: { role: string; fourEyes: unknown }[] = [];
    const { run, journal } = await runFlag(
      flagPlaybook(step),
      'live',
      {
        confirm: async () => ({ done: true, by: 'Dana Okafor' }),
        approve: async (request) => {
          approvals.push({ role: request.role, fourEyes: request.fourEyes });
          // The requester's own approval never counts: the runner asks again.
          return approvals.length === 1 ? { approved: true, by: 'Dana Okafor' } : { approved: true, by: 'Priya Raman' };
        },
      },
      { WARROOM_SANDBOX: sandbox.dir },
      1,
    );
    assert.equal(run.status, 'succeeded', run.finishReason);
    assert.equal(approvals.length, 2);
    assert.equal(approvals[0]!.role, 'flag flip');
    assert.deepEqual(approvals[0]!.fourEyes, { requester: 'Dana Okafor', required: 1, approvedBy: [] });
    const events = journal.events();
    const approvalEvents = events.filter((event) => event.type === 'run.approval').map((event) => (event.data as { by: string }).by);
    assert.deepEqual(approvalEvents, ['Priya Raman']);
    const flipIndex = events.findIndex((event) => event.type === 'run.flag-flipped');
    assert.ok(flipIndex > events.findIndex((event) => event.type === 'run.approval'), 'flipped only after the approval');
    assert.equal(flagState(), '0');
  });

  test('a flag service that is not there fails the step naming it, and nothing is journaled as flipped', async () => {
    const { run, journal } = await runFlag(
      flagPlaybook(`flag:\n  name: new-pricing-cache\n  set: on\n  service: http://127.0.0.1:9/flags/new-pricing-cache`),
      'rehearsal',
      {},
      {},
    );
    assert.equal(run.status, 'aborted');
    assert.match(
      run.steps[0]!.failure?.message ?? '',
      /^step 1 \(Switch the pricing cache off\): Reading flag new-pricing-cache at http:\/\/127\.0\.0\.1:9\/flags\/new-pricing-cache: /,
    );
    assert.deepEqual(flipped(journal.events()), []);
  });
});

test('flag step through commands: `command` sets it, `read` prints the state before and after', async () => {
  const folder = tempDir('warroom-flagcmd-');
  const file = join(folder, 'flag.txt');
  writeFileSync(file, 'enabled\n');
  const { run, journal } = await runFlag(
    flagPlaybook(
      `flag:\n  name: checkout-v2\n  set: off\n  command: printf 'disabled\\n' > "$FLAG_FILE"\n  read: cat "$FLAG_FILE"\nenv:\n  FLAG_FILE: ${file}`,
    ),
    'rehearsal',
    {},
    {},
  );
  assert.equal(run.status, 'succeeded', run.finishReason);
  const [data] = flipped(journal.events()) as { before: boolean; after: boolean; via: string }[];
  assert.equal(data!.before, true);
  assert.equal(data!.after, false);
  assert.match(data!.via, /printf 'disabled\\n'/);
  assert.equal(readFileSync(file, 'utf8'), 'disabled\n');
  assert.equal(parseFlagState('flag checkout-v2 is OFF'), false);
  assert.equal(parseFlagState('nothing to say'), null);
});

test('flag steps written wrong: the schema names file, line, column and field', () => {
  const rejection = (flag: string): string => {
    try {
      parseYamlPlaybook(flagPlaybook(flag), 'remedy.yaml');
    } catch (error) {
      assert.ok(error instanceof WarRoomError);
      return `${error.message} [${error.locations.map((location) => `${location.file}:${location.field}`).join(', ')}]`;
    }
    assert.fail('parsed');
  };
  assert.match(
    rejection(`flag:\n  name: new-pricing-cache\n  set: maybe\n  service: sandbox`),
    /^playbook remedy\.yaml line 8, column 12: 'set' must be on or off \[remedy\.yaml:steps\[0\]\.flag\.set\]$/,
  );
  assert.match(
    rejection(`flag:\n  name: new-pricing-cache\n  set: off\n  service: sandbox\n  command: flagctl off`),
    /line 7, column 7: 'flag' needs exactly one of service or command \[remedy\.yaml:steps\[0\]\.flag\]/,
  );
  assert.match(rejection(`flag:\n  name: x\n  set: off\n  service: sandbox\n  read: flagctl get x`), /line 10, column 13: 'read' only applies with command/);
  assert.match(
    rejection(`flag:\n  name: x\n  set: off\n  service: ftp://flags`),
    /line 9, column 16: 'service' must be sandbox or the flag's http\(s\) address/,
  );
  assert.match(
    rejection(`flag:\n  name: x\n  set: off\n  service: sandbox\n  timout: 5s`),
    /line 10, column 7: 'timout' is not a known key \[remedy\.yaml:steps\[0\]\.flag\.timout\]/,
  );
  assert.match(
    rejection(`flag:\n  name: x\n  set: off\n  service: sandbox\nexit_codes: [1]`),
    /line 10, column 17: 'exit_codes' only applies to run and check steps/,
  );
  const parsed = parseYamlPlaybook(flagPlaybook(`flag:\n  name: x\n  set: on\n  service: sandbox\ntimeout: 3s`), 'ok.yaml').steps[0]!;
  assert.equal(parsed.kind, 'flag');
  if (parsed.kind === 'flag') assert.deepEqual([parsed.enabled, parsed.timeoutMs, parsed.name], [true, 3000, 'Switch the pricing cache off']);
});
