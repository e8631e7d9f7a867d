import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretRules } from '../../../main/core/redaction/rules/rule-table';
import { seededRandom } from '../../../main/core/redaction/rules/rule-kit';
import { redactText } from '../../../main/core/redaction/redact-text';
import { createStreamingRedactor } from '../../../main/core/redaction/streaming-redactor';

const SamplesPerRule = 12;

/** Split a text at random points (1 to 12 cuts), from a seeded source. */
function randomChunks(text: string, random: () => number): string[] {
  const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * (text.length + 1))).sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const cut of cuts) {
    chunks.push(text.slice(previous, cut));
    previous = cut;
  }
  chunks.push(text.slice(previous));
  return chunks;
}

function stream(chunks: readonly string[]): string {
  const redactor = createStreamingRedactor();
  return chunks.map((chunk) => redactor.push(chunk)).join('') + redactor.flush();
}

test('the table covers at least 150 credential kinds, each with a unique kebab-case id and keywords', () => {
  assert.ok(secretRules.length >= 150, `only ${secretRules.length} rules`);
  assert.equal(new Set(secretRules.map((rule) => rule.id)).size, secretRules.length, 'duplicate rule ids');
  for (const rule of secretRules) {
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
    assert.ok(rule.keywords.length > 0, `${rule.id} has no keyword: it would run on every text`);
    for (const keyword of rule.keywords) assert.equal(keyword, keyword.toLowerCase(), `${rule.id}: keyword ${keyword} is not lowercase`);
  }
});

test('the kinds the issue names are all in the table', () => {
  const ids = new Set(secretRules.map((rule) => rule.id));
  const required = [
    ...['gitlab-pat', 'gitlab-deploy-token', 'gitlab-runner-token', 'gitlab-runner-registration-token', 'gitlab-pipeline-trigger-token', 'gitlab-feed-token'],
    ...[
      'gitlab-incoming-mail-token',
      'gitlab-agent-token',
      'gitlab-cicd-job-token',
      'gitlab-scim-token',
      'gitlab-oauth-app-secret',
      'gitlab-feature-flag-token',
    ],
    ...[
      'gitlab-session-cookie',
      'openai-project-key',
      'openai-legacy-key',
      'anthropic-api-key',
      'stripe-secret-key',
      'stripe-restricted-key',
      'stripe-webhook-secret',
    ],
    ...[
      'twilio-api-key',
      'twilio-auth-token',
      'sendgrid-api-key',
      'google-api-key',
      'gcp-service-account-key-id',
      'azure-ad-client-secret',
      'azure-storage-account-key',
    ],
    ...['npm-token', 'pypi-token', 'dockerhub-pat', 'slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-config-token', 'slack-webhook-url'],
    ...['datadog-api-key', 'pagerduty-key', 'heroku-api-key', 'shopify-token', 'vault-service-token', 'digitalocean-pat', 'grafana-service-account-token'],
    ...['new-relic-user-key', 'jwt', 'kubernetes-bootstrap-token', 'private-key-block', 'url-credentials', 'jdbc-oracle-credentials', 'authorization-header'],
  ];
  for (const id of required) assert.ok(ids.has(id), `no rule ${id}`);
});

test('every rule masks generated samples of its format, alone and in one text, and a second pass changes nothing', () => {
  const random = seededRandom(20261124);
  for (const rule of secretRules) {
    for (let index = 0; index < SamplesPerRule; index += 1) {
      const sample = rule.sample(random);
      rule.regex.lastIndex = 0;
      const own = [...sample.line.matchAll(rule.regex)].some((match) => (match.groups?.['secret'] ?? match[0]).includes(sample.secret));
      assert.ok(own, `${rule.id} does not match its own sample ${JSON.stringify(sample.line)}`);
      assert.ok(
        rule.keywords.some((keyword) => sample.line.toLowerCase().includes(keyword)),
        `${rule.id}: none of its keywords is in ${JSON.stringify(sample.line)}`,
      );
      const once = redactText(sample.line).text;
      assert.ok(!once.includes(sample.secret), `${rule.id} leaked: ${JSON.stringify(once)}`);
      assert.equal(redactText(once).text, once, `${rule.id}: masking twice changed ${JSON.stringify(once)}`);
    }
  }
});

test('every rule leaves its false sample alone (a lookalike of its format)', () => {
  for (const rule of secretRules) {
    rule.regex.lastIndex = 0;
    assert.ok(!rule.regex.test(rule.notSecret), `${rule.id} matched ${JSON.stringify(rule.notSecret)}`);
  }
});

test('a sample of every rule, streamed in random chunk splits, never leaks', () => {
  const random = seededRandom(42);
  for (let round = 0; round < 6; round += 1) {
    const samples = secretRules.map((rule) => ({ id: rule.id, ...rule.sample(random) }));
    const text = samples.map((sample) => `$ ${sample.line}\r\nok\r\n`).join('');
    const out = stream(randomChunks(text, random));
    for (const sample of samples) assert.ok(!out.includes(sample.secret), `round ${round}: ${sample.id} leaked in ${JSON.stringify(sample.line)}`);
    assert.equal(out, redactText(text).text, `round ${round}: streamed and one-shot results differ`);
  }
});

test('every sample survives a cut at every point of its line', () => {
  const random = seededRandom(7);
  for (const rule of secretRules) {
    const sample = rule.sample(random);
    const text = `$ ${sample.line}\r\ndone\r\n`;
    for (let cut = 0; cut <= text.length; cut += Math.max(1, Math.floor(text.length / 40))) {
      const out = stream([text.slice(0, cut), text.slice(cut)]);
      assert.ok(!out.includes(sample.secret), `${rule.id} leaked when cut at ${cut}: ${JSON.stringify(out)}`);
    }
  }
});
