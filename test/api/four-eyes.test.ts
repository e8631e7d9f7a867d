// Four-eyes: policy overrides and playbook approval steps that need N approvers happen
// only once N distinct people, never the one who asked, approved; each approval is
// journaled as the authenticated participant; roles that may not approve are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { formatActor, type ParticipantIdentity, type Role } from '../../contract/participants';
import type { PendingApproval } from '../../contract/requests/approval-requests';
import type { RunQuestion } from '../../contract/requests/playbook-requests';
import { bootServices } from '../../main/api/boot';
import type { CallContext, Services } from '../../main/api/services';
import { dispatch } from '../../main/api/dispatch';
import { checkApprover, countedApprovals, isApproved } from '../../main/core/approvals/four-eyes';
import { WarRoomError } from '../../contract/domain/errors';
import { tempDir } from '../support/temp-dir';

const host: CallContext = { actor: 'Dana Okafor', transport: 'test' };

async function call<T>(services: Services, name: string, input: unknown, context: CallContext = host): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A person invited for real with `role`, on the device `session`. */
async function invite(services: Services, slug: string, name: string, role: Role): Promise<(session: string) => CallContext> {
  services.hosting.origin = 'https://127.0.0.2:9443';
  const made = await call<{ participant: { id: string } }>(services, 'participant.invite', { slug, name, role, expiresIn: '1h' });
  return (session) => {
    const participant: ParticipantIdentity = { name, role, session, participantId: made.participant.id, release: slug, terminalTargets: [] };
    return { actor: formatActor(participant), participant, transport: 'test' };
  };
}

function journalOf(services: Services, slug: string): string {
  return readFileSync(join(services.workspace.dir, 'releases', slug, 'journal.jsonl'), 'utf8');
}

function nextQuestion(services: Services): Promise<RunQuestion> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((event) => {
      if (event.type === 'run.question' && event.payload.question) {
        off();
        resolve(event.payload.question);
      }
    });
  });
}

test('the tally: the requester never counts, the same person twice (two devices) counts once', () => {
  const tally = { requester: 'Dana Okafor', required: 2, approvedBy: ['Ana (release-manager · aaa)', 'ana (release-manager · bbb)', 'Dana Okafor'] };
  assert.equal(countedApprovals(tally), 1);
  assert.equal(isApproved(tally), false);
  assert.equal(isApproved({ ...tally, approvedBy: [...tally.approvedBy, 'Bo (operator · c)'] }), true);
  assert.throws(
    () => checkApprover(tally, 'Dana Okafor (release-manager · zz)', 'x'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'forbidden',
  );
  assert.throws(
    () => checkApprover({ ...tally, approvedBy: ['Ana (release-manager · aaa)'] }, ' ANA (release-manager · other)', 'x'),
    (error: unknown) => error instanceof WarRoomError && error.code === 'conflict',
  );
  assert.doesNotThrow(() => checkApprover({ ...tally, approvedBy: [] }, 'Bo (operator · c)', 'x'));
});

test('a schedule override on a release asking for 2 approvers waits for two other release managers; the requester, an operator and a repeat do not count', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const slug = (await services.workspace.list())[0]!.slug;
    const release = await services.release(slug);
    await call(services, 'release.update', { slug, changes: { approvers: 2 } });
    const start = DateTime.fromISO(release.state.meta!.goLive).setZone('Europe/Berlin');
    const end = start.plus({ hours: 1 });
    await call(services, 'calendar.addBlackout', {
      title: 'Payments freeze',
      scope: { kind: 'all' },
      rule: {
        kind: 'weekly',
        zone: 'Europe/Berlin',
        startDay: start.weekday,
        startTime: start.toFormat('HH:mm'),
        endDay: end.weekday,
        endTime: end.toFormat('HH:mm'),
      },
    });
    const finding = (await call<{ findings: { id: string; rule: string }[] }>(services, 'schedule.status', { slug })).findings.find(
      (f) => f.rule === 'blackout',
    )!;
    const ana = await invite(services, slug, 'Ana', 'release-manager');
    const bo = await invite(services, slug, 'Bo', 'release-manager');
    const oli = await invite(services, slug, 'Oli', 'operator');

    const held = await dispatch(services, 'schedule.override', { slug, findingId: finding.id, reason: 'Freeze owner agreed by phone at 09:10.' }, host);
    assert.equal(held.ok, false);
    assert.ok(!held.ok && held.error.code === 'refused' && /four-eyes/.test(held.error.message), JSON.stringify(held));
    assert.equal(release.state.schedule.overrides.length, 0, 'nothing is overridden while it waits');
    const [pending] = await call<PendingApproval[]>(services, 'approval.list', { slug }, oli('o1'));
    assert.ok(pending);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.required, 2);
    assert.equal(pending.requester, 'Dana Okafor');

    // The requester never counts; an operator may not approve overrides; neither changes the journal.
    const before = journalOf(services, slug);
    const own = await dispatch(services, 'approval.decide', { slug, id: pending.id, approved: true }, host);
    assert.equal(!own.ok && own.error.code, 'forbidden', JSON.stringify(own));
    const operator = await dispatch(services, 'approval.decide', { slug, id: pending.id, approved: true }, oli('o1'));
    assert.equal(!operator.ok && operator.error.code, 'forbidden', JSON.stringify(operator));
    assert.equal(journalOf(services, slug), before);

    const first = await call<PendingApproval>(services, 'approval.decide', { slug, id: pending.id, approved: true, note: 'seen the mail' }, ana('phone'));
    assert.equal(first.status, 'pending');
    assert.equal(first.approvals.length, 1);
    // Ana again, from her laptop: the same person counts once.
    const again = await dispatch(services, 'approval.decide', { slug, id: pending.id, approved: true }, ana('laptop'));
    assert.equal(!again.ok && again.error.code, 'conflict', JSON.stringify(again));
    assert.equal(release.state.schedule.overrides.length, 0);

    const done = await call<PendingApproval>(services, 'approval.decide', { slug, id: pending.id, approved: true }, bo('b1'));
    assert.equal(done.status, 'carried-out');
    assert.equal(release.state.schedule.overrides.length, 1);
    assert.equal(release.state.schedule.overrides[0]!.actor, 'Dana Okafor', 'the override is the requester’s');
    const events = release.events().filter((event) => event.type.startsWith('approval.') || event.type === 'schedule.override-recorded');
    assert.deepEqual(
      events.map((event) => [event.type, event.actor]),
      [
        ['approval.requested', 'Dana Okafor'],
        ['approval.approved', 'Ana (release-manager · phone)'],
        ['approval.approved', 'Bo (release-manager · b1)'],
        ['schedule.override-recorded', 'Dana Okafor'],
        ['approval.carried-out', 'Bo (release-manager · b1)'],
      ],
    );
    const late = await dispatch(services, 'approval.decide', { slug, id: pending.id, approved: true }, oli('o1'));
    assert.equal(late.ok, false);
  } finally {
    await services.dispose();
  }
});

test('a refusal with a reason ends a held override; nothing is overridden', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const slug = (await services.workspace.list())[0]!.slug;
    const release = await services.release(slug);
    await call(services, 'release.update', { slug, changes: { approvers: 1 } });
    const start = DateTime.fromISO(release.state.meta!.goLive).setZone('UTC');
    await call(services, 'calendar.addBlackout', {
      title: 'Freeze',
      scope: { kind: 'all' },
      rule: {
        kind: 'weekly',
        zone: 'UTC',
        startDay: start.weekday,
        startTime: start.toFormat('HH:mm'),
        endDay: start.plus({ hours: 1 }).weekday,
        endTime: start.plus({ hours: 1 }).toFormat('HH:mm'),
      },
    });
    const finding = (await call<{ findings: { id: string; rule: string }[] }>(services, 'schedule.status', { slug })).findings.find(
      (f) => f.rule === 'blackout',
    )!;
    const ana = await invite(services, slug, 'Ana', 'release-manager');
    await dispatch(services, 'schedule.override', { slug, findingId: finding.id, reason: 'We need this window badly today.' }, host);
    const [pending] = await call<PendingApproval[]>(services, 'approval.list', { slug });
    const noReason = await dispatch(services, 'approval.decide', { slug, id: pending!.id, approved: false }, ana('a'));
    assert.equal(!noReason.ok && noReason.error.code, 'invalid-input');
    const refused = await call<PendingApproval>(
      services,
      'approval.decide',
      { slug, id: pending!.id, approved: false, note: 'not without the freeze owner' },
      ana('a'),
    );
    assert.equal(refused.status, 'refused');
    assert.equal(release.state.schedule.overrides.length, 0);
    assert.equal(release.events().at(-1)!.type, 'approval.refused');
  } finally {
    await services.dispose();
  }
});

test('a playbook approval step with approvers: 2 needs two operators other than the one who started the run; a voter is refused', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const slug = (await services.workspace.list())[0]!.slug;
    const release = await services.release(slug);
    const text = 'name: gated\ntarget: sandbox\nsteps:\n  - name: Go ahead\n    approval: {roles: [SRE], approvers: 2}\n  - run: echo approved\n';
    await call(services, 'playbook.import', { slug, fileName: 'gated.yaml', text });
    const priya = await invite(services, slug, 'Priya', 'operator');
    const mateus = await invite(services, slug, 'Mateus', 'operator');
    const vera = await invite(services, slug, 'Vera', 'voter');
    let asked = nextQuestion(services);
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'gated.yaml', mode: 'rehearsal' });
    let question = await asked;
    assert.ok(question.kind === 'approve' && question.fourEyes?.required === 2 && question.fourEyes.requester === 'Dana Okafor', JSON.stringify(question));
    const approve = { slug, runId, stepIndex: 0, role: 'SRE', approved: true };

    const before = journalOf(services, slug);
    const own = await dispatch(services, 'run.approve', approve, host);
    assert.equal(!own.ok && own.error.code, 'forbidden', JSON.stringify(own));
    const voter = await dispatch(services, 'run.approve', approve, vera('v'));
    assert.equal(!voter.ok && voter.error.code, 'forbidden', JSON.stringify(voter));
    assert.equal(journalOf(services, slug), before);

    asked = nextQuestion(services);
    await call(services, 'run.approve', { ...approve, note: 'dashboards green' }, priya('p1'));
    question = await asked;
    assert.ok(question.kind === 'approve' && question.fourEyes?.approvedBy.length === 1, JSON.stringify(question));
    const twice = await dispatch(services, 'run.approve', approve, priya('p2'));
    assert.equal(!twice.ok && twice.error.code, 'conflict', JSON.stringify(twice));
    assert.equal(release.state.runs.runs[0]!.steps[0]!.status, 'running', 'one approval of two does not pass the step');

    await call(services, 'run.approve', approve, mateus('m1'));
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    assert.deepEqual(
      release
        .events()
        .filter((event) => event.type === 'run.approval')
        .map((event) => event.actor),
      ['Priya (operator · p1)', 'Mateus (operator · m1)'],
    );
  } finally {
    await services.dispose();
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('four-eyes cannot be switched off by one person: lowering the setting waits for the current number of approvers', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const slug = (await services.workspace.list())[0]!.slug;
    const release = await services.release(slug);
    await call(services, 'release.update', { slug, changes: { approvers: 1 } });
    const raised = await dispatch(services, 'release.update', { slug, changes: { approvers: 2 } }, host);
    assert.ok(raised.ok, 'raising it needs nobody');
    const lowered = await dispatch(services, 'release.update', { slug, changes: { approvers: 0 } }, host);
    assert.ok(!lowered.ok && lowered.error.code === 'refused', JSON.stringify(lowered));
    assert.equal(release.state.meta?.approvers, 2);
    const [pending] = await call<PendingApproval[]>(services, 'approval.list', { slug });
    assert.equal(pending?.action, 'release.update');
    const ana = await invite(services, slug, 'Ana', 'release-manager');
    const bo = await invite(services, slug, 'Bo', 'release-manager');
    await call(services, 'approval.decide', { slug, id: pending!.id, approved: true }, ana('a'));
    assert.equal(release.state.meta?.approvers, 2);
    const done = await call<PendingApproval>(services, 'approval.decide', { slug, id: pending!.id, approved: true }, bo('b'));
    assert.equal(done.status, 'carried-out');
    assert.equal(release.state.meta?.approvers, 0);
  } finally {
    await services.dispose();
  }
});

test('a live run and a production terminal over the schedule policy are held too, and carried out as the requester’s once approved', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  try {
    const slug = (await services.workspace.list())[0]!.slug;
    const release = await services.release(slug);
    const now = DateTime.now().setZone('Europe/Berlin');
    const local = (moment: DateTime) => moment.toFormat("yyyy-LL-dd'T'HH:mm");
    await release.execute('tester', () => [
      {
        type: 'schedule.blackout-added',
        data: {
          blackout: {
            id: 'freeze',
            title: 'Freeze',
            scope: { kind: 'all' },
            rule: { kind: 'once', start: local(now.minus({ hours: 1 })), end: local(now.plus({ hours: 3 })), zone: 'Europe/Berlin' },
            source: { kind: 'ics', file: 'freeze.ics' },
          },
        },
      },
    ]);
    await call(services, 'release.update', { slug, changes: { approvers: 1 } });
    await call(services, 'playbook.import', { slug, fileName: 'quick.yaml', text: 'name: Quick\ntarget: sandbox\nsteps:\n  - run: echo hi\n' });
    await call(services, 'target.save', { slug, target: { id: 'prod-eu', name: 'prod-eu', environment: 'production', command: '/bin/sh', args: [], env: {} } });
    const ana = await invite(services, slug, 'Ana', 'release-manager');

    const run = await dispatch(
      services,
      'run.start',
      { slug, playbookFile: 'quick.yaml', mode: 'live', override: { reason: 'payment outage, cannot wait' } },
      host,
    );
    assert.ok(!run.ok && /four-eyes/.test(run.error.message), JSON.stringify(run));
    const terminal = await dispatch(services, 'terminal.open', { slug, targetId: 'prod-eu', override: { reason: 'hotfix for the outage' } }, host);
    assert.ok(!terminal.ok && /four-eyes/.test(terminal.error.message), JSON.stringify(terminal));
    assert.equal(release.state.runs.runs.length, 0, 'no run before the approval');
    assert.equal((await services.terminals(slug)).list().length, 0, 'no terminal before the approval');

    const pending = await call<PendingApproval[]>(services, 'approval.list', { slug });
    assert.deepEqual(pending.map((item) => item.action).sort(), ['run.start', 'terminal.open']);
    for (const item of pending) {
      const done = await call<PendingApproval>(services, 'approval.decide', { slug, id: item.id, approved: true }, ana('a'));
      assert.equal(done.status, 'carried-out', JSON.stringify(done));
    }
    assert.equal(release.state.runs.runs[0]?.startedBy, 'Dana Okafor');
    assert.equal(release.state.runs.runs[0]?.policyOverride?.reason, 'payment outage, cannot wait');
    const sessions = (await services.terminals(slug)).list();
    assert.deepEqual(
      sessions.map((session) => session.targetId),
      ['prod-eu'],
    );
    assert.equal(release.events().find((event) => event.type === 'terminal.policy-overridden')?.actor, 'Dana Okafor');
    await waitFor(() => release.state.runs.runs[0]?.status === 'succeeded');
    for (const session of sessions) await call(services, 'terminal.close', { slug, sessionId: session.id });
  } finally {
    await services.dispose();
  }
});
