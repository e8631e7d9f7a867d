import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../../main/core/redaction/redact-text';
import { ordinaryOutput } from './ordinary-output';

const secret = 'Zq8vN3xK1mWp7Ry2';

/** The masked text of a line, and whether the secret (and only it) is gone. */
function masks(line: string, keep: readonly string[]): void {
  const out = redactText(line).text;
  assert.ok(!out.includes(secret), `leaked: ${JSON.stringify(line)} -> ${JSON.stringify(out)}`);
  for (const word of keep) assert.ok(out.includes(word), `${JSON.stringify(word)} was masked too: ${JSON.stringify(out)}`);
  assert.equal(redactText(out).text, out, `masking twice changed ${JSON.stringify(out)}`);
  assert.ok(!out.includes(']]'), `stray ]] in ${JSON.stringify(out)}`);
}

test('the value of an Authorization header is masked, not its scheme word', () => {
  masks(`Authorization: Bearer ${secret}`, ['Authorization: Bearer ']);
  masks(`curl -H "Authorization: Basic ${Buffer.from(`deploy:${secret}`).toString('base64')}" https://x.test`, ['Basic ']);
  masks(`-H 'authorization: token ${secret}'`, ['token ']);
  masks(`{"Authorization": "Bearer ${secret}"}`, ['Bearer ']);
  const basic = Buffer.from(`deploy:${secret}`).toString('base64');
  assert.ok(!redactText(`Authorization: Basic ${basic}`).text.includes(basic));
});

test('the secret-assignment family masks the value in every form', () => {
  masks(`stripeToken := "${secret}"`, ['stripeToken := ']);
  masks(`password: ${secret}`, ['password: ']);
  masks(`"api_key": "${secret}"`, ['"api_key": ']);
  masks(`--client-secret=${secret}`, ['--client-secret=']);
  masks(`--password ${secret} --host db`, ['--password ', '--host db']);
  masks(`export DB_PASSWORD=${secret}`, ['export DB_PASSWORD=']);
  masks(`DB_PASSWORD='${secret}'`, ['DB_PASSWORD=']);
  masks(`secret => "${secret}"`, ['secret => ']);
  masks(`mysql -u root -p${secret} orders`, ['mysql -u root -p', 'orders']);
  masks(`mysql -u root -p ${secret} orders`, ['mysql -u root -p']);
  masks(`mysqldump -uroot -p${secret} orders > dump.sql`, ['dump.sql']);
  masks(`PGPASSWORD=${secret} psql -h db -U app orders`, ['psql -h db -U app orders']);
  masks(`psql "host=db user=app password=${secret} dbname=orders"`, ['dbname=orders']);
  masks(`sshpass -p ${secret} ssh deploy@host`, ['ssh deploy@host']);
  masks(`redis-cli -h cache -a ${secret} ping`, ['ping']);
  masks(`curl -u admin:${secret} https://nexus.test/`, ['curl -u admin:']);
});

test('passwords in connection strings are masked, the user and host stay readable', () => {
  masks(`postgres://app:${secret}@db.internal:5432/orders`, ['postgres://app:', '@db.internal']);
  masks(`jdbc:postgresql://db:5432/orders?user=app&password=${secret}&ssl=true`, ['ssl=true']);
  masks(`jdbc:sqlserver://db:1433;databaseName=orders;user=sa;password=${secret};`, ['databaseName=orders']);
  masks(`jdbc:oracle:thin:scott/${secret}@db1:1521/ORCL`, ['scott/', '@db1']);
  masks(`redis://:${secret}@cache:6379/0`, ['@cache']);
  masks(`rediss://default:${secret}@cache:6380`, ['default:']);
  masks(`mongodb+srv://admin:${secret}@cluster0.example.net/test`, ['admin:', '@cluster0']);
  masks(`Server=db;Database=app;User Id=sa;Password=${secret};`, ['Database=app']);
});

test('a private key of every PEM type is masked whole', () => {
  for (const label of [
    'RSA PRIVATE KEY',
    'DSA PRIVATE KEY',
    'EC PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
  ]) {
    masks(`-----BEGIN ${label}-----\nMIIEvQ${secret}AgEAMA0G\n-----END ${label}-----\nafter`, ['after']);
  }
  masks(`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56w${secret}AAAA\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\nafter`, ['after']);
  masks(`PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAAI${secret}QQ\nPrivate-MAC: 0f3e9a\nafter`, ['after']);
  // A Google service-account JSON: the key (JSON-escaped PEM) and its id.
  const json = `{"type": "service_account", "private_key_id": "${'a1'.repeat(20)}", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE${secret}\\n-----END PRIVATE KEY-----\\n", "client_email": "sa@p.iam.gserviceaccount.com"}`;
  const out = redactText(json).text;
  assert.ok(!out.includes(secret) && !out.includes('a1'.repeat(20)), out);
  assert.ok(out.includes('client_email'), out);
});

test('ordinary kubectl, helm, terraform, git and journalctl output: at most 1 masked token per 1,000 lines', () => {
  for (const seed of [1, 2, 3]) {
    const lines = ordinaryOutput(10_000, seed);
    const result = redactText(lines.join('\n'));
    const allowed = Math.floor(lines.length / 1000);
    const shown = result.matches.slice(0, 5).map((match) => `${match.pattern} ${match.preview}`);
    assert.ok(result.matches.length <= allowed, `seed ${seed}: ${result.matches.length} masked in ${lines.length} lines: ${shown.join(', ')}`);
  }
});
