// Safety of playbook runs (issue 19, items 1-5): policy overrides for live runs, what a
// shipped playbook requires, abort after a failure, skipped steps in the outcome, and
// rollback durations only from complete rehearsals. Real services, files and processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { Services } from '../../main/api/services';
import type { RunQuestion } from '../../contract/requests/playbook-requests';
import type { WarRoomEvent } from '../../contract/events';
import { prepareReport, renderReport } from '../../main/core/report/report-export';
import { tempDir } from '../support/temp-dir';

const context = { actor: 'Dana Okafor', transport: 'test' } as const;

async function call<T>(services: Services, name: string, input: unknown, as: { readonly actor: string; readonly transport: 'test' } = context): Promise<T> {
  const result = await dispatch(services, name, input, as);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

export async function refused(services: Services, name: string, input: unknown): Promise<string> {
  const result = await dispatch(services, name, input, context);
  assert.equal(result.ok, false, `${name} should have been refused`);
  return result.ok ? '' : result.error.message;
}

function nextQuestion(services: Services, runId?: string): Promise<RunQuestion> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((event: WarRoomEvent) => {
      if (event.type === 'run.question' && (runId === undefined || event.payload.runId === runId) && event.payload.question) {
        off();
        resolve(event.payload.question);
      }
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function demo(): Promise<{ services: Services; slug: string; release: Awaited<ReturnType<Services['release']>> }> {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  return { services, slug, release: await services.release(slug) };
}

const FAILING = [
  'name: Flaky cleanup',
  'target: sandbox',
  'steps:',
  '  - run: echo one',
  '  - name: Purge the cache',
  '    run: exit 3',
  '  - run: echo three',
  '',
].join('\n');

test('a run whose failing step was skipped "succeeded with 1 skipped step" in the journal, the timeline and the report, with the reason', async () => {
  const { services, slug, release } = await demo();
  try {
    await call(services, 'playbook.import', { slug, fileName: 'flaky.yaml', text: FAILING });
    const asked = nextQuestion(services);
    const { runId } = await call<{ runId: string }>(services, 'run.start', { slug, playbookFile: 'flaky.yaml', mode: 'rehearsal' });
    const question = await asked;
    assert.equal(question.kind, 'decision');
    await call(services, 'run.decide', { slug, runId, stepIndex: 1, decision: 'skip', reason: 'the cache is empty on the sandbox' });
    await waitFor(() => release.state.runs.runs.find((run) => run.id === runId)?.status === 'succeeded');
    const finished = release.events().find((event) => event.type === 'run.finished');
    const data = finished?.data as { status: string; skippedSteps?: number; reason?: string };
    assert.equal(data.skippedSteps, 1);
    assert.match(data.reason ?? '', /step 2 \(Purge the cache\) skipped by Dana Okafor: the cache is empty on the sandbox/);

    await release.flush();
    const prepared = await prepareReport(release.dir);
    const markdown = Buffer.from(await renderReport(prepared, 'md')).toString('utf8');
    assert.match(markdown, /### Flaky cleanup \(rehearsal\): succeeded with 1 skipped step/);
    assert.match(markdown, /Step 2 \(Purge the cache\) was skipped by Dana Okafor: the cache is empty on the sandbox/);
    assert.match(markdown, /succeeded with 1 skipped step: step 2/, 'the report timeline says it too');
    const html = Buffer.from(await renderReport(prepared, 'html')).toString('utf8');
    assert.match(html, /succeeded with 1 skipped step<\/span>/);
    assert.match(html, /was skipped by Dana Okafor: the cache is empty on the sandbox/);
  } finally {
    await services.dispose();
  }
});
