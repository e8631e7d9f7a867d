import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../../main/core/redaction/redact-text';
import { createStreamingRedactor } from '../../../main/core/redaction/streaming-redactor';

// Generated from documented formats (never real secrets).
const secret = 'Zq8vN3xK1mWp7Ry2Tb5';
const ghp = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8vN3xK1m';

/** Assert that a line loses `hidden` (and keeps each of `keep`), one shot and streamed split at every position. */
function masks(line: string, hidden: string, keep: readonly string[] = []): void {
  const out = redactText(line).text;
  assert.ok(!out.includes(hidden), `leaked: ${JSON.stringify(line)} -> ${JSON.stringify(out)}`);
  for (const word of keep) assert.ok(out.includes(word), `${JSON.stringify(word)} was masked too: ${JSON.stringify(out)}`);
  assert.equal(redactText(out).text, out, `masking twice changed ${JSON.stringify(out)}`);
  for (let cut = 1; cut < line.length; cut += 1) {
    const redactor = createStreamingRedactor();
    const streamed = redactor.push(line.slice(0, cut)) + redactor.push(line.slice(cut)) + redactor.flush();
    assert.ok(!streamed.includes(hidden), `leaked when cut at ${cut}: ${JSON.stringify(streamed)}`);
  }
}

test('a token coloured by ANSI escape codes (grep --color, a prompt, a highlighted diff) is masked', () => {
  masks(`\x1b[32m${ghp}\x1b[0m`, ghp.slice(4), ['\x1b[32m']);
  masks(`\x1b[01;31m\x1b[K${ghp}\x1b[m\x1b[K done`, ghp.slice(4), ['done']);
  // An escape in the middle of the token: what the terminal shows is the whole token.
  masks(`\x1b[1m${ghp.slice(0, 10)}\x1b[0m${ghp.slice(10)}`, ghp.slice(10));
  masks(`${ghp.slice(0, 10)}\x1b[1m${ghp.slice(10)}\x1b[0m`, ghp.slice(10));
  // Between a secret-named key and its value.
  masks(`\x1b[1mpassword\x1b[0m=${secret}`, secret);
  masks(`\x1b[34m"password"\x1b[0m: \x1b[32m"${secret}"\x1b[0m`, secret);
});

test('JSON inside a JSON string (kubectl last-applied-configuration, a log line) is masked', () => {
  masks(`{\\"password\\": \\"${secret}\\"}`, secret, ['password']);
  masks(`"{\\"api_key\\":\\"${secret}\\",\\"user\\":\\"app\\"}"`, secret, ['user', 'app']);
  masks(`kubectl.kubernetes.io/last-applied-configuration: {"data":{"DB_PASSWORD":"${secret}"}}`, secret);
});

test('short secret names (DB_PASS, mail.pass) and openssl pass: arguments are masked', () => {
  masks(`export DB_PASS=${secret}`, secret, ['DB_PASS=']);
  masks(`SMTP_PASS: ${secret}`, secret);
  masks(`mail.pass=${secret}`, secret);
  masks(`ansible-playbook site.yml --extra-vars "ansible_become_pass=${secret}"`, secret, ['site.yml']);
  masks(`openssl pkcs12 -export -passout pass:${secret} -out x.p12`, secret, ['-out x.p12']);
  // Not secrets: words that end in "pass".
  for (const line of ['bypass: true', 'compass=north', 'passes: 3', 'pass: true', 'Pass: 12']) assert.equal(redactText(line).text, line);
});

test('docker login -p and the password element of a settings.xml are masked', () => {
  masks(`docker login -u bot -p ${secret} registry.example.test`, secret, ['registry.example.test']);
  masks(`podman login --username bot -p ${secret} quay.example.test`, secret, ['quay.example.test']);
  masks(`<password>${secret}</password>`, secret, ['<password>', '</password>']);
  masks(`  <server><id>nexus</id><username>ci</username><password>${secret}</password></server>`, secret, ['<username>ci</username>']);
  masks(`<add key="ApiKey" value="${secret}" />`, secret, ['ApiKey']);
  assert.equal(redactText('<passwordPolicy>strict</passwordPolicy>').text, '<passwordPolicy>strict</passwordPolicy>');
});

test('an AWS secret access key beside its key id (credentials.csv, aws configure list) is masked', () => {
  masks(`ci-user,AKIAIOSFODNN7EXAMPLQ,${awsSecret}`, awsSecret);
  masks(`AKIAIOSFODNN7EXAMPLQ ${awsSecret}`, awsSecret);
  masks(`ACCESSKEY\tAKIAIOSFODNN7EXAMPLQ\t2026-01-01T00:00:00Z\t${awsSecret}\tActive\tci-user`, awsSecret, ['Active']);
});

test('a base64 private key (a Kubernetes TLS secret, a kubeconfig) is masked, a base64 certificate is not', () => {
  for (const label of ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']) {
    const pem = `-----BEGIN ${label}-----\nMIIEowIBAAKCAQEA${secret}\n-----END ${label}-----\n`;
    const encoded = Buffer.from(pem).toString('base64');
    masks(`  tls.key: ${encoded}`, encoded.slice(40, 70), ['tls.key: ']);
    masks(`{"data":{"key.pem":"${encoded}"}}`, encoded.slice(40, 70), ['key.pem']);
  }
  const certificate = Buffer.from(`-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE${secret}\n-----END CERTIFICATE-----\n`).toString('base64');
  assert.equal(redactText(`  tls.crt: ${certificate}`).text, `  tls.crt: ${certificate}`);
});

test('kinds the table lacked: Tailscale keys, ngrok authtokens, presigned S3 and GCS URL signatures', () => {
  const body = 'kAbCdEf3CNTRL-aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3';
  masks(`tailscale up --authkey=tskey-auth-${body}`, body.slice(14));
  masks(`TS_API_KEY tskey-api-${body}`, body.slice(14));
  const ngrok = `2AbcD3eF5gH7iJ9kL1mN3_${'aB3dE5fG7hJ9kL1mN3pQ5rS7'}`;
  masks(`ngrok config add-authtoken ${ngrok}`, ngrok.slice(22), ['ngrok config add-authtoken']);
  const signature = 'a1b2c3d4'.repeat(8);
  masks(`https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Signature=${signature}`, signature, [
    'X-Amz-Date=20260101T000000Z',
  ]);
  masks(`https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${signature.repeat(8)}`, signature);
});

test('lookalikes of the new rules in ordinary output stay readable', () => {
  for (const line of [
    'Pass: 12  Fail: 0',
    'PASS: test_login (0.2s)',
    'first pass: ok',
    'pass-through: enabled',
    'docker login -u ci --password-stdin registry.example.test',
    '<token>${TOKEN}</token>',
    '<secret>{{ .Values.secret }}</secret>',
    '<passwordEncoder>bcrypt</passwordEncoder>',
    'openssl pkcs12 -passin env:P12_PASSWORD -passout file:/run/pw',
  ]) {
    assert.equal(redactText(line).text, line);
  }
  const commit = 'AKIAIOSFODNN7EXAMPLQ rotated in 0123456789abcdef0123456789abcdef01234567';
  assert.ok(redactText(commit).text.endsWith(' rotated in 0123456789abcdef0123456789abcdef01234567'), redactText(commit).text);
});

test('a literal typed in one Unicode form is masked in the other (macOS file names are NFD)', () => {
  const literal = 'Ünïcødé-Kündé'.normalize('NFC');
  const decomposed = literal.normalize('NFD');
  assert.notEqual(decomposed, literal);
  for (const [saved, seen] of [
    [literal, decomposed],
    [decomposed, literal],
  ] as const) {
    const line = `/Users/dana/${seen}/db.env copied`;
    assert.equal(redactText(line, { literals: [saved] }).text, '/Users/dana/[REDACTED:literal]/db.env copied');
    const redactor = createStreamingRedactor({ literals: [saved] });
    let out = '';
    for (const char of line) out += redactor.push(char);
    out += redactor.flush();
    assert.ok(!out.includes(seen), `streamed: ${out}`);
  }
});
