// The report and the bundle say who did what with which role: a participant's actor
// splits into name and role · session; the host's own user is release-manager (host).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { formatActor } from '../../../contract/participants';
import { bootServices } from '../../../main/api/boot';
import { dispatch } from '../../../main/api/dispatch';
import { exportBundle } from '../../../main/core/report/bundle';
import { prepareReport, renderReport } from '../../../main/core/report/report-export';
import { actorColumns } from '../../../main/core/report/report-format';
import { listFiles } from '../../../main/core/report/release-reader';
import { tempDir } from '../../support/temp-dir';

test('actorColumns: a participant is name + role · session, a bare name the host release manager', () => {
  assert.deepEqual(actorColumns('Ana Lima (voter · 3f2a9c1d)'), { who: 'Ana Lima', role: 'voter · 3f2a9c1d' });
  assert.deepEqual(actorColumns('Dana Okafor'), { who: 'Dana Okafor', role: 'release-manager (host)' });
});

test('the timeline of the Markdown and HTML report, in the bundle too, has a Role column', async () => {
  const workspaceDir = tempDir();
  const services = await bootServices({ workspaceDir, runtime: 'browser' });
  const slug = (await services.workspace.list())[0]!.slug;
  const dir = (await services.release(slug)).dir;
  try {
    const participant = { name: 'Priya Raman', role: 'operator', session: 'c0ffee12', participantId: 'p1', release: slug } as const;
    // Through the release directly: the note is the participant's (dispatch would check a real invite).
    await (await services.release(slug)).execute(formatActor(participant), () => [{ type: 'note.added', data: { kind: 'note', text: 'canary looks fine' } }]);
    const byHost = await dispatch(services, 'note.add', { slug, text: 'host note' }, { actor: 'Dana Okafor', transport: 'test' });
    assert.ok(byHost.ok);
    await (await services.release(slug)).flush();
    const md = Buffer.from(await renderReport(await prepareReport(dir), 'md')).toString('utf8');
    assert.match(md, /\| Seq \| UTC \| Who \| Role \| Type \| What \|/);
    assert.match(md, /\| Priya Raman \| operator · c0ffee12 \| note\.added \|/);
    assert.match(md, /\| Dana Okafor \| release-manager \\\(host\\\) \| note\.added \|/, 'the host (Markdown escapes parentheses)');
    const html = Buffer.from(await renderReport(await prepareReport(dir), 'html')).toString('utf8');
    assert.match(html, /<th>Who<\/th><th>Role<\/th>/);
    assert.match(html, /<td>Priya Raman<\/td><td>operator · c0ffee12<\/td><td>note\.added<\/td>/);

    const out = tempDir();
    await exportBundle(dir, slug, join(out, 'bundle.tar.gz'));
    mkdirSync(join(out, 'unpacked'));
    await tar.x({ file: join(out, 'bundle.tar.gz'), cwd: join(out, 'unpacked') });
    const bundledReport = (await listFiles(join(out, 'unpacked'))).find((file) => file.endsWith(join('reports', 'report.md')));
    assert.ok(bundledReport, 'the bundle holds the Markdown report');
    const bundled = readFileSync(bundledReport, 'utf8');
    assert.match(bundled, /\| Priya Raman \| operator · c0ffee12 \| note\.added \|/);
  } finally {
    await services.dispose();
  }
});
