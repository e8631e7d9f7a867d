import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import type { RunnerHooks, RunnerOptions } from '../../../main/core/playbooks/playbook-runner';
import type { RunMode } from '../../../contract/domain/playbooks/run-events';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { fileJournal, replay } from './journal-helpers';
import { eventually, isAlive, temporaryFolder } from './process-helpers';

function setup(yaml: string, mode: RunMode, hooks: Partial<RunnerHooks> = {}, extra: Partial<RunnerOptions> = {}) {
  const folder = temporaryFolder('runner');
  const journal = fileJournal(join(folder, 'journal.jsonl'));
  const output: string[] = [];
  const playbook = parseYamlPlaybook(yaml, join(folder, 'playbook.yaml'));
  const runner = new PlaybookRunner({
    playbook,
    runId: 'run-1',
    mode,
    actor: 'host',
    logFile: join(folder, 'runs', 'run-1.log'),
    record: journal.record,
    hooks: {
      decide: () => Promise.reject(new Error('no decision expected')),
      onOutput: (_runId, _step, chunk) => output.push(chunk.toString()),
      ...hooks,
    },
    resolveTarget: (name) => ({ name: name ?? 'local', environmentClass: 'sandbox', env: { SANDBOX_DIR: folder }, cwd: folder }),
    ...extra,
  });
  return { folder, journal, output, runner, playbook };
}

/** The state as JSON, without the timestamps (the journal stamps its own). */
function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, item: unknown) => (['startedAt', 'endedAt', 'at'].includes(key) ? undefined : item));
}

test('a successful run journals every transition and hashes its log', async () => {
  const { folder, journal, output, runner } = setup(
    `name: all kinds
variables:
  COLOUR: {default: red}
steps:
  - name: Write
    run: printf '\\033[31m%s\\033[0m\\n' "$COLOUR" && echo "$COLOUR" > "$SANDBOX_DIR/colour"
  - check: {command: 'cat colour', output: '^red$'}
  - manual: Tell the channel
  - approval: {roles: [release-manager, qa]}
  - wait: 50ms
  - prompt: {variable: TICKET, question: Ticket?}
  - run: echo "ticket $TICKET" > ticket
`,
    'rehearsal',
    {
      confirm: async () => ({ done: true, by: 'alice', note: 'posted' }),
      approve: async ({ role }) => ({ approved: true, by: role === 'qa' ? 'bob' : 'carol' }),
      prompt: async () => ({ value: 'OPS-1', by: 'dave' }),
    },
  );
  const run = await runner.start();
  assert.equal(run.status, 'succeeded');
  assert.equal(run.mode, 'rehearsal');
  assert.deepEqual(
    run.steps.map((step) => step.status),
    Array(7).fill('succeeded'),
  );
  assert.equal(run.steps[2]?.confirmedBy, 'alice');
  assert.equal(run.steps[2]?.note, 'posted');
  assert.deepEqual(
    run.steps[3]?.approvals.map((approval) => [approval.role, approval.by]),
    [
      ['release-manager', 'carol'],
      ['qa', 'bob'],
    ],
  );
  assert.equal(readFileSync(join(folder, 'ticket'), 'utf8'), 'ticket OPS-1\n');
  assert.equal(run.steps[0]?.exitCode, 0);
  assert.ok((run.steps[0]?.durationMs ?? -1) >= 0);
  assert.ok(output.join('').includes('\u001b[31mred\u001b[0m'));
  const log = readFileSync(run.logFile);
  assert.ok(log.toString().includes('\u001b[31mred\u001b[0m'));
  assert.equal(run.logSha256, createHash('sha256').update(log).digest('hex'));
  const range = run.steps[0]?.log[0];
  assert.ok(
    range &&
      log
        .subarray(range.offset, range.offset + range.length)
        .toString()
        .includes('red'),
  );
  const types = journal.events().map((event) => event.type);
  assert.equal(types[0], 'run.started');
  assert.equal(types.at(-1), 'run.finished');
  assert.equal(types.filter((type) => type === 'run.step-started').length, 7);
  assert.deepEqual(withoutTimes(replay(journal.events()).runs[0]), withoutTimes(run), 'the journal replays to the same state');
});

test('a failure is retried, then skipped with a reason; who decided is journaled', async () => {
  const asked: (string | undefined)[] = [];
  const answers = [
    { decision: 'retry' as const, by: 'alice' },
    { decision: 'skip' as const, by: 'alice' },
    { decision: 'skip' as const, reason: 'the cache is warm anyway', by: 'bob' },
  ];
  const { folder, journal, runner } = setup(
    `name: retry then skip
steps:
  - name: Warm the cache
    run: echo attempt >> attempts; exit 4
  - name: After
    run: touch after
`,
    'live',
    {
      decide: async ({ problem }) => {
        asked.push(problem);
        const answer = answers.shift();
        assert.ok(answer);
        return answer;
      },
    },
  );
  const run = await runner.start();
  assert.equal(run.status, 'succeeded');
  assert.equal(readFileSync(join(folder, 'attempts'), 'utf8'), 'attempt\nattempt\n');
  const [warm, after] = run.steps;
  assert.equal(warm?.status, 'skipped');
  assert.equal(warm?.attempts, 2);
  assert.equal(warm?.exitCode, 4);
  assert.equal(warm?.note, 'the cache is warm anyway');
  assert.deepEqual(
    warm?.decisions.map((decision) => [decision.decision, decision.by]),
    [
      ['retry', 'alice'],
      ['skip', 'bob'],
    ],
  );
  assert.equal(asked[0], undefined);
  assert.match(asked[2] ?? '', /needs a reason/);
  assert.equal(after?.status, 'succeeded');
  assert.ok(existsSync(join(folder, 'after')));
  const decisions = journal.events().filter((event) => event.type === 'run.decision');
  assert.equal(decisions.length, 2);
});

test("abort mid-step ends the step's process tree and records who aborted", async () => {
  const { folder, journal, runner } = setup(
    `name: abort
steps:
  - run: sleep 100 & echo $! > pid; wait
  - run: touch never
`,
    'live',
  );
  const running = runner.start();
  await eventually(() => existsSync(join(folder, 'pid')) && readFileSync(join(folder, 'pid'), 'utf8').trim() !== '');
  runner.abort('alice', 'wrong cluster');
  const run = await running;
  assert.equal(run.status, 'aborted');
  assert.equal(run.finishReason, 'wrong cluster');
  assert.equal(run.steps[0]?.failure?.reason, 'aborted');
  assert.equal(run.steps[0]?.status, 'aborted');
  assert.equal(run.steps[1]?.status, 'pending');
  const pid = Number(readFileSync(join(folder, 'pid'), 'utf8'));
  await eventually(() => !isAlive(pid));
  assert.equal(existsSync(join(folder, 'never')), false);
  const finished = journal.events().at(-1);
  assert.equal(finished?.type, 'run.finished');
  assert.equal((finished?.data as { by: string }).by, 'alice');
});

test('a timed-out step with on_failure: abort fails the run and shows the hint', async () => {
  const { runner } = setup(
    `name: timeout
steps:
  - run: sleep 100
    timeout: 200ms
    on_failure: abort
    failure_hint: Run the rollback playbook.
`,
    'live',
  );
  const run = await runner.start();
  assert.equal(run.status, 'failed');
  assert.equal(run.steps[0]?.failure?.reason, 'timeout');
  assert.match(run.finishReason ?? '', /Run the rollback playbook/);
});

test('a dry run executes nothing and describes each command with target and environment', async () => {
  const { folder, runner } = setup(
    `name: dry
target: prod
variables: {VERSION: v1, TOKEN: {default: hunter2, secret: true}}
steps:
  - run: touch side-effect
    env: {MODE: fast}
  - check: {command: 'exit 1'}
  - manual: never asked
  - wait: 1h
`,
    'dry-run',
    { confirm: () => Promise.reject(new Error('a dry run asks nobody')) },
  );
  const run = await runner.start();
  assert.equal(run.status, 'succeeded');
  assert.equal(existsSync(join(folder, 'side-effect')), false);
  const description = run.steps[0]?.description ?? '';
  assert.match(description, /^\[prod \(sandbox\)\]/);
  assert.ok(description.includes(`in ${folder}`));
  assert.match(description, /VERSION="v1"/);
  assert.match(description, /MODE="fast"/);
  assert.match(description, /TOKEN="\(secret\)"/);
  assert.doesNotMatch(description, /hunter2/);
  assert.ok(run.steps.every((step) => step.status === 'succeeded'));
  assert.doesNotMatch(readFileSync(run.logFile, 'utf8'), /hunter2/);
});

test('variable values reach commands as strings, never as shell text', async () => {
  const { folder, runner } = setup(
    `name: injection
variables:
  VALUE: {prompt: Value?}
steps:
  - run: echo "$VALUE" > out; echo $VALUE >> out
`,
    'live',
  );
  const hostile = '$(touch pwned); touch pwned2 `touch pwned3`';
  const run = await runner.start({ variables: [{ name: 'VALUE', value: hostile }] });
  assert.equal(run.status, 'succeeded');
  assert.equal(existsSync(join(folder, 'pwned')), false);
  assert.equal(existsSync(join(folder, 'pwned2')), false);
  assert.equal(existsSync(join(folder, 'pwned3')), false);
  assert.equal(readFileSync(join(folder, 'out'), 'utf8'), `${hostile}\n${hostile}\n`);
});

test('HTTP checks retry until the service answers, and a failing check can continue', async () => {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(hits < 3 ? 503 : 200).end(hits < 3 ? 'starting' : 'status: ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { runner } = setup(
      `name: checks
steps:
  - check: {http: "http://127.0.0.1:${port}/health", retries: 5, interval: 50ms, status: [200], output: 'ok$'}
  - check: {http: "http://127.0.0.1:${port}/health", retries: 1, interval: 10ms, output: 'never'}
    on_failure: continue
  - check: {command: 'test -f flag || { touch flag; exit 1; }', retries: 2, interval: 10ms}
`,
      'live',
    );
    const run = await runner.start();
    assert.equal(run.status, 'succeeded');
    assert.equal(run.steps[0]?.status, 'succeeded');
    assert.equal(run.steps[0]?.httpStatus, 200);
    assert.equal(hits, 5);
    assert.equal(run.steps[1]?.status, 'failed');
    assert.match(run.steps[1]?.failure?.message ?? '', /does not match/);
    assert.deepEqual(
      run.steps[1]?.decisions.map((decision) => decision.decision),
      ['continue'],
    );
    assert.equal(run.steps[2]?.status, 'succeeded');
  } finally {
    server.close();
  }
});

test('a run can start at a chosen step; a missing variable refuses before anything is journaled', async () => {
  const { folder, runner } = setup('name: start\nsteps:\n  - run: touch one\n  - run: touch two\n', 'live');
  const run = await runner.start({ startAt: 1 });
  assert.equal(run.startAt, 1);
  assert.equal(run.steps[0]?.status, 'skipped');
  assert.equal(existsSync(join(folder, 'one')), false);
  assert.ok(existsSync(join(folder, 'two')));

  const refused = setup('name: needs\nvariables: {NAMESPACE: null}\nsteps:\n  - run: "true"\n', 'live');
  await assert.rejects(refused.runner.start(), /needs a value for NAMESPACE/);
  assert.equal(refused.journal.events().length, 0);
});

test('the shipped demo rollback dry-runs against the sandbox target', async () => {
  const folder = temporaryFolder('demo');
  const file = new URL('../../../assets/playbooks/demo-rollback.yaml', import.meta.url).pathname;
  const journal = fileJournal(join(folder, 'journal.jsonl'));
  const runner = new PlaybookRunner({
    playbook: parseYamlPlaybook(readFileSync(file, 'utf8'), file),
    runId: 'demo',
    mode: 'dry-run',
    actor: 'host',
    logFile: join(folder, 'demo.log'),
    record: journal.record,
    hooks: { decide: () => Promise.reject(new Error('a dry run never fails')) },
    resolveTarget: (name) => ({
      name: name ?? 'none',
      environmentClass: 'sandbox',
      env: { WARROOM_ASSETS: '/app/assets', WARROOM_SANDBOX: join(folder, 'sandbox') },
      cwd: folder,
    }),
  });
  const run = await runner.start();
  assert.equal(run.status, 'succeeded');
  assert.deepEqual(run.variables, [{ name: 'GOOD_VERSION', value: 'v1', secret: false }]);
  const switchStep = run.steps.find((step) => step.id === 'switch-version');
  assert.match(switchStep?.description ?? '', /^\[sandbox \(sandbox\)\]/);
  assert.match(switchStep?.description ?? '', /GOOD_VERSION="v1"/);
  assert.match(switchStep?.description ?? '', /WARROOM_ASSETS="\/app\/assets"/);
  assert.match(switchStep?.description ?? '', /sandboxctl\.mjs" switch "\$GOOD_VERSION"/);
  assert.equal(existsSync(join(folder, 'sandbox')), false);
});
