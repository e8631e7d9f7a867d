import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import { tempDir } from '../../support/temp-dir';

test('a risk marked occurred opens INC-n in the register, journaled with the risk and its plan B', async () => {
  const workspaceDir = tempDir();
  let services = await bootServices({ workspaceDir, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const context = { actor: 'Dana Okafor', transport: 'test' } as const;
  // An incident already in the register: the risk's incident takes the next number.
  const first = await dispatch(services, 'incident.open', { slug, title: 'Checkout 502s', severity: 'sev3', owner: 'Priya' }, context);
  assert.equal(first.ok, true, JSON.stringify(first));
  const moved = await dispatch(services, 'risk.transition', { slug, id: 'R-1', to: 'occurred', note: 'p99 at 420 ms on the canary' }, context);
  assert.equal(moved.ok, true, JSON.stringify(moved));
  const dir = (await services.release(slug)).dir;
  await services.dispose();

  // What the journal says survives a restart: the incident is rebuilt from it.
  services = await bootServices({ workspaceDir, runtime: 'browser', seedDemo: false });
  const incidents = (await services.release(slug)).state.incidents.incidents;
  const incident = incidents.find((candidate) => candidate.risk?.id === 'R-1');
  assert.ok(incident, `an incident linked to R-1 in ${JSON.stringify(incidents)}`);
  assert.equal(incident.id, 'INC-2');
  assert.equal(incident.title, 'R-1 occurred: v2 latency regression under checkout load');
  assert.equal(incident.severity, 'sev2', 'a high risk (L4 x I4 = 16) opens a sev2');
  assert.equal(incident.owner, 'Mateus Silva', "the risk's owner owns the incident");
  assert.equal(incident.status, 'open');
  assert.deepEqual(incident.risk, { id: 'R-1', plan: 'Roll back to v1 with the rollback playbook.', playbook: 'demo-rollback.yaml', step: null });
  assert.match(incident.summary, /Plan B: demo-rollback\.yaml/);
  const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: { id?: string } });
  const [occurred, opened] = journal.slice(-2);
  assert.equal(occurred!.type, 'risks.occurred');
  assert.equal(opened!.type, 'incident.opened');
  assert.equal(opened!.data.id, 'INC-2');
  assert.equal(opened!.actor, 'Dana Okafor');

  // Any other move of a risk opens nothing.
  const mitigating = await dispatch(services, 'risk.transition', { slug, id: 'R-2', to: 'mitigating' }, context);
  assert.equal(mitigating.ok, true);
  assert.equal((await services.release(slug)).state.incidents.incidents.length, 2);
  await services.dispose();
});
