import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { prepareReport, renderReport } from '../../../main/core/report/report-export';
import { exportBundle, importBundle } from '../../../main/core/report/bundle';
import { REPORT_SECTIONS } from '../../../main/core/report/report-format';
import { listFiles } from '../../../main/core/report/release-reader';
import { Release } from '../../../main/core/release/release';
import { launchChromium } from '../../support/chromium';
import { tempDir } from '../../support/temp-dir';
import { secretSamples } from '../redaction/secret-samples';
import { HOSTILE, scriptedSession } from './scripted-session';

const results = new URL('../../../test-results/', import.meta.url).pathname;
mkdirSync(results, { recursive: true });

test('every report section is present for the demo release after a scripted session', async () => {
  const { services, dir } = await scriptedSession();
  const prepared = await prepareReport(dir);
  const md = Buffer.from(await renderReport(prepared, 'md')).toString('utf8');
  const html = Buffer.from(await renderReport(prepared, 'html')).toString('utf8');
  for (const section of REPORT_SECTIONS) {
    assert.ok(md.includes(`## ${section.title}`), `markdown has ${section.title}`);
    assert.ok(html.includes(`<section id="${section.id}">`), `html has ${section.id}`);
  }
  const model = prepared.model;
  assert.equal(model.summary.outcome, 'released');
  assert.equal(model.polls[0]!.outcome, 'GO');
  assert.equal(model.polls[0]!.overrides.length, 1, 'the override is in the go/no-go record');
  assert.ok(html.includes('GATE OVERRIDDEN'));
  assert.ok(model.polls[0]!.votes.some((vote) => vote.dissent && vote.value === 'NO-GO'));
  assert.equal(model.checklist.items.filter((item) => item.status === 'done').length, 2);
  assert.equal(model.incidents[0]!.status, 'mitigated');
  assert.ok(model.incidents[0]!.mitigatedAt);
  assert.equal(model.actionItems[0]!.incidentId, 'INC-1');
  assert.ok(model.decisions.some((decision) => decision.text.startsWith('Proceed to 50%')));
  assert.equal(model.terminals[0]!.commands.at(-1)!.exitCode, 1);
  assert.equal(model.terminals[0]!.durationMs, 65_000);
  assert.match(md, /\*\*The recording is incomplete:\*\* Could not write the recording recordings\/s1\.cast: the disk is full/);
  assert.ok(html.includes('<strong>The recording is incomplete:</strong> Could not write the recording recordings/s1.cast'));
  assert.ok(model.risks.atGoNoGo && model.risks.atGoNoGo.total === 3);
  const run = model.runs[0]!;
  assert.equal(run.status, 'succeeded');
  assert.equal(run.steps[1]!.attempts, 2);
  assert.ok(run.steps[1]!.choices.some((choice) => choice.startsWith('retry by Dana Okafor (image pull flake)')));
  assert.ok(html.includes('Step timing of rollback'), 'the Gantt chart is drawn');
  assert.equal(model.rehearsalVsLive[0]!.playbook, 'rollback');
  assert.equal(model.verification.ok, true);
  assert.equal(model.verification.headHash.length, 64);
  assert.ok(html.includes(model.verification.headHash));
  await services.dispose();
});

test('the HTML has no script and no external URL; hostile strings stay inert in Chromium (no dialog, no request)', async () => {
  const { services, dir } = await scriptedSession();
  const html = Buffer.from(await renderReport(await prepareReport(dir), 'html')).toString('utf8');
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /(?:src|href)\s*=\s*["']?(?:https?:|\/\/|javascript:)/i);
  assert.doesNotMatch(html, /url\(/i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  const md = Buffer.from(await renderReport(await prepareReport(dir), 'md')).toString('utf8');
  assert.doesNotMatch(md, /\]\(javascript:/);
  assert.doesNotMatch(md, /<img|<\/script/);
  const file = join(tempDir(), 'report.html');
  writeFileSync(file, html);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== `file://${file}`) requests.push(request.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForTimeout(300);
    for (const link of await page.locator('a').all()) assert.match((await link.getAttribute('href')) ?? '', /^#[a-z-]+$/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests, []);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.locator('#incidents').textContent())!.includes('</script><script>alert(2)</script>'));
    const body = (await page.locator('body').textContent()) ?? '';
    for (const hostile of HOSTILE) assert.ok(body.includes(hostile), `shown as text: ${hostile}`);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: join(results, 'report-html.png'), fullPage: false });
    await page.locator('#runs').scrollIntoViewIfNeeded();
    await page.locator('#runs').screenshot({ path: join(results, 'report-html-runs.png') });
  } finally {
    await browser.close();
  }
  await services.dispose();
});

test('the PDF renders (pdftoppm to PNG)', async () => {
  const { services, dir } = await scriptedSession();
  const pdf = await renderReport(await prepareReport(dir), 'pdf');
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
  const file = join(tempDir(), 'report.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(results, 'report-pdf')]);
  const pages = readdirSync(results).filter((name) => name.startsWith('report-pdf') && name.endsWith('.png'));
  assert.ok(pages.length >= 1);
  assert.ok(statSync(join(results, pages[0]!)).size > 5000);
  await services.dispose();
});

test('secret samples split across notes, run output and terminal output leave no raw secret in any exported file', async () => {
  const lines = secretSamples.map((sample) => sample.line);
  const { services, dir, slug } = await scriptedSession(lines);
  const out = tempDir();
  const prepared = await prepareReport(dir);
  assert.ok(prepared.review.count >= secretSamples.length);
  for (const format of ['md', 'html'] as const) writeFileSync(join(out, `report.${format}`), await renderReport(prepared, format));
  await exportBundle(dir, slug, join(out, 'bundle.tar.gz'));
  const unpacked = join(out, 'unpacked');
  mkdirSync(unpacked);
  await tar.x({ file: join(out, 'bundle.tar.gz'), cwd: unpacked });
  const files = [join(out, 'report.md'), join(out, 'report.html'), ...(await listFiles(unpacked))];
  assert.ok(
    files.some((file) => file.endsWith('.cast')) && files.some((file) => file.endsWith('.log')) && files.some((file) => file.endsWith('journal.jsonl')),
  );
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const sample of secretSamples)
      if (text.includes(sample.secret) || text.includes(JSON.stringify(sample.secret).slice(1, -1))) leaks.push(`${sample.pattern} in ${file}`);
  }
  assert.deepEqual(leaks, []);
  await services.dispose();
});

test('a bundle round-trips into a new release; a flipped byte or a missing file is refused naming the file', async () => {
  const { services, dir, slug } = await scriptedSession();
  const out = tempDir();
  const bundle = join(out, 'bundle.tar.gz');
  await exportBundle(dir, slug, bundle);
  const releases = join(tempDir(), 'releases');
  mkdirSync(join(releases, slug), { recursive: true });
  const imported = await importBundle(bundle, releases);
  assert.notEqual(imported.slug, slug, 'an existing release is never overwritten');
  const original = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').length;
  assert.equal(imported.events, original);
  const opened = await Release.open(imported.dir, imported.slug);
  assert.equal(opened.state.seq, original, 'the imported release opens and replays every event');
  assert.equal(opened.state.incidents.incidents[0]!.id, 'INC-1');
  await opened.close();
  assert.ok(existsSync(join(imported.dir, 'reports', 'report.html')));

  // A flipped byte inside one file (repacked, so the gzip is valid): refused naming that file.
  const unpacked = join(out, 'tampered');
  mkdirSync(unpacked);
  await tar.x({ file: bundle, cwd: unpacked });
  const target = join(unpacked, slug, 'recordings', 's1.cast');
  const bytes = readFileSync(target);
  bytes[10] = bytes[10]! ^ 0x01;
  writeFileSync(target, bytes);
  await tar.c({ gzip: true, file: join(out, 'tampered.tar.gz'), cwd: unpacked }, [slug]);
  await assert.rejects(importBundle(join(out, 'tampered.tar.gz'), releases), /recordings\/s1\.cast does not match its sha256/);

  // A flipped byte in the archive itself: refused naming the archive.
  const raw = readFileSync(bundle);
  raw[Math.floor(raw.length / 2)] = raw[Math.floor(raw.length / 2)]! ^ 0xff;
  writeFileSync(join(out, 'flipped.tar.gz'), raw);
  await assert.rejects(
    importBundle(join(out, 'flipped.tar.gz'), releases),
    (error: Error) => error.message.includes('flipped.tar.gz') || /does not match its sha256|does not verify/.test(error.message),
  );

  // An incomplete bundle (journal removed, manifest kept).
  const incomplete = join(out, 'incomplete');
  mkdirSync(incomplete);
  await tar.x({ file: bundle, cwd: incomplete });
  execFileSync('rm', [join(incomplete, slug, 'journal.jsonl')]);
  await tar.c({ gzip: true, file: join(out, 'incomplete.tar.gz'), cwd: incomplete }, [slug]);
  await assert.rejects(importBundle(join(out, 'incomplete.tar.gz'), releases), /journal\.jsonl is listed in SHA256SUMS but missing/);
  assert.deepEqual(
    readdirSync(releases).filter((name) => name.startsWith('.')),
    [],
    'no staging folder left behind',
  );
  await services.dispose();
});

test('the redaction review lists literals and patterns the operator adds (journaled), and exports mask them', async () => {
  const { dispatch } = await import('../../../main/api/dispatch');
  const { services, slug, dir } = await scriptedSession();
  const context = { actor: 'Dana Okafor', transport: 'test' } as const;
  const release = await services.release(slug);
  await release.execute('Dana Okafor', () => [
    { type: 'note.added', data: { kind: 'note', text: 'customer CUST-123456 called; internal host zebra-falcon-77 is slow' } },
  ]);
  const bad = await dispatch(services, 'report.redaction-save', { slug, settings: { literals: [], patterns: [{ name: 'broken', source: '(' }] } }, context);
  assert.equal(bad.ok, false);
  assert.match(JSON.stringify(bad), /Redaction pattern 'broken' is not a valid regular expression/);
  const saved = await dispatch(
    services,
    'report.redaction-save',
    { slug, settings: { literals: ['zebra-falcon-77'], patterns: [{ name: 'customer-id', source: 'CUST-[0-9]{6}' }] } },
    context,
  );
  assert.equal(saved.ok, true);
  const review = (saved as { ok: true; value: { matches: { pattern: string; where: string; preview: string }[] } }).value;
  assert.ok(review.matches.some((match) => match.pattern === 'customer-id' && /journal seq \d+ \(note\.added\) data\.text/.test(match.where)));
  assert.ok(review.matches.some((match) => match.pattern === 'literal'));
  assert.ok(review.matches.every((match) => !match.preview.includes('zebra-falcon-77') && !match.preview.includes('123456')));
  const exported = await dispatch(services, 'report.export', { slug, format: 'html' }, context);
  assert.equal(exported.ok, true);
  const file = (exported as { ok: true; value: { file: string } }).value.file;
  const html = readFileSync(file, 'utf8');
  assert.ok(!html.includes('zebra-falcon-77') && !html.includes('CUST-123456'));
  assert.ok(html.includes('[REDACTED:customer-id]'));
  assert.ok(file.startsWith(join(dir, 'reports')));
  const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
  assert.match(journal, /"type":"redaction\.settings-saved"/);
  assert.match(journal, /"type":"report\.exported"/);
  await services.dispose();
});
