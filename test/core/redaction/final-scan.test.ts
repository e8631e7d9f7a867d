import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch } from '../../../main/api/dispatch';
import { bootServices } from '../../../main/api/boot';
import { refuseUnmaskedSecrets, scanText } from '../../../main/core/redaction/final-scan';
import { allowedFindingsOf } from '../../../main/core/report/report-state';
import { redactText } from '../../../main/core/redaction/redact-text';
import { tempDir } from '../../support/temp-dir';
import type { WarRoomError } from '../../../contract/domain/errors';

const token = `glpat-${'Ab3dE6gH9jK2mN5pQ8sT'}`;

test('the final scan refuses a file that still matches a rule, naming the rule and the place, without the secret', async () => {
  const text = `# Report\n\nall good\nclone with ${token} then\n`;
  await assert.rejects(refuseUnmaskedSecrets([{ where: 'reports/report.md', text }]), (error: Error) => {
    assert.match(error.message, /^reports\/report\.md line 4, column 12 still matches the secret rule gitlab-pat after redaction/);
    assert.match(error.message, /allow finding [0-9a-f]{16} with a reason/);
    assert.ok(!error.message.includes(token), 'the refusal does not quote the secret');
    return true;
  });
  // Every file is scanned before the refusal, and each finding travels as a location with its rule and fingerprint (for the UI).
  await assert.rejects(
    refuseUnmaskedSecrets([
      { where: 'reports/report.md', text },
      { where: 'runs/a.log', text: `ok\n${token}\n` },
    ]),
    (error: WarRoomError) => {
      assert.deepEqual(
        error.locations.map((location) => [location.file, location.line, location.finding?.rule]),
        [
          ['reports/report.md', 4, 'gitlab-pat'],
          ['runs/a.log', 2, 'gitlab-pat'],
        ],
      );
      assert.ok(error.locations.every((location) => /^[0-9a-f]{16}$/.test(location.finding!.fingerprint)));
      assert.ok(!JSON.stringify(error.locations).includes(token), 'the locations do not carry the secret');
      return true;
    },
  );
  const [finding] = await scanText(text, 'reports/report.md');
  await refuseUnmaskedSecrets([{ where: 'reports/report.md', text }], new Set([finding!.fingerprint]));
  // The allowance is for that exact finding: the same rule with another token elsewhere is still refused.
  await assert.rejects(refuseUnmaskedSecrets([{ where: 'reports/report.md', text: text.replace('Ab3d', 'Zz9d') }], new Set([finding!.fingerprint])));
});

test('masked text, plain or Markdown-escaped, passes the final scan (ours and secretlint)', async () => {
  const masked = redactText(`postgres://app:S3cretPw0rd@db/x and ${token} and xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJ1234`).text;
  assert.deepEqual(await scanText(masked, 'a'), []);
  assert.deepEqual(
    await scanText(
      masked.replace(/\[|\]/g, (bracket) => `\\${bracket}`),
      'a.md',
    ),
    [],
  );
});

test('secretlint findings count too: what its preset knows is refused when our table does not mask it', async () => {
  const findings = await scanText(
    '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n',
    'k',
  );
  assert.ok(findings.some((finding) => finding.rule === 'private-key-block'));
});

test('allowing a finding is journaled with its reason, by the request report.finding-allow', async () => {
  const services = await bootServices({ workspaceDir: tempDir(), runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const context = { actor: 'Dana Okafor', transport: 'test' } as const;
  const bad = await dispatch(services, 'report.finding-allow', { slug: listing!.slug, fingerprint: 'nope', reason: 'x' }, context);
  assert.equal(bad.ok, false);
  const terse = await dispatch(services, 'report.finding-allow', { slug: listing!.slug, fingerprint: '0123456789abcdef', reason: '  too short  ' }, context);
  assert.equal(terse.ok, false, 'a reason under 10 characters (trimmed) is refused');
  assert.match((terse as { error: { message: string } }).error.message, /at least 10 characters/);
  const ok = await dispatch(
    services,
    'report.finding-allow',
    { slug: listing!.slug, fingerprint: '0123456789abcdef', reason: 'a public test key from the docs' },
    context,
  );
  assert.equal(ok.ok, true, JSON.stringify(ok));
  const release = await services.release(listing!.slug);
  assert.ok(allowedFindingsOf(release.state.report).has('0123456789abcdef'));
  const event = release.events(0).find((candidate) => candidate.type === 'redaction.finding-allowed');
  assert.deepEqual(event?.data, { fingerprint: '0123456789abcdef', reason: 'a public test key from the docs' });
  assert.equal(event?.actor, 'Dana Okafor');
  await services.dispose();
});

test("the final scan knows the workspace's literals and the release's patterns: a file that still holds one is refused", async () => {
  const literal = 'Blue-Whale-Customer-4711';
  const text = `# Run log\n\ncustomer ${literal} migrated\nticket INC-99812 closed\n`;
  await assert.rejects(refuseUnmaskedSecrets([{ where: 'runs/outside.log', text }], new Set(), { literals: [literal] }), (error: Error) => {
    assert.match(error.message, /^runs\/outside\.log line 3, column 10 still matches the secret rule literal/);
    assert.ok(!error.message.includes(literal), 'the refusal does not quote the literal');
    return true;
  });
  const patterns = [{ name: 'ticket-id', regex: /INC-\d{5}/g }];
  await assert.rejects(refuseUnmaskedSecrets([{ where: 'runs/outside.log', text: 'ticket INC-99812\n' }], new Set(), { patterns }), /ticket-id/);
});
