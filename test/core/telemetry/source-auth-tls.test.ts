// Prometheus over TLS (a CA file) with basic auth (its own web config), and a bearer token
// through an auth proxy in front of it: the credentials come from the run's (secret)
// variables and never reach the journal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { PlaybookRunner } from '../../../main/core/playbooks/playbook-runner';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { prometheusSource } from '../../../main/core/telemetry/sources';
import { fileJournal } from '../playbooks/journal-helpers';
import { prometheusMissing, startPrometheus } from '../../support/prometheus';
import type { RunningPrometheus } from '../../support/prometheus';
import { startSandbox } from '../../support/sandbox';
import type { TestSandbox } from '../../support/sandbox';
import { tempDir } from '../../support/temp-dir';

const missing = prometheusMissing();
/** bcrypt of "gate-password" (Prometheus's web config stores hashes only). */
const HASH = '$2b$12$ZikngWSPRB98yB0v55tG1utC1FBE263qnleeg6nMCbx2KKqOBelXC';

describe('Prometheus with TLS and credentials', { skip: missing }, () => {
  let sandbox: TestSandbox;
  let prometheus: RunningPrometheus;
  let plain: RunningPrometheus;
  let proxy: Server;
  let proxyAddress = '';
  let caFile = '';
  before(async () => {
    const dir = tempDir('warroom-tls-');
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    writeFileSync(
      join(dir, 'web.yml'),
      `tls_server_config:\n  cert_file: ${caFile}\n  key_file: ${join(dir, 'key.pem')}\nbasic_auth_users:\n  warroom: '${HASH}'\n`,
    );
    sandbox = startSandbox(25);
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`], webConfig: join(dir, 'web.yml') });
    plain = await startPrometheus({ targets: [`127.0.0.1:${sandbox.port()}`] });
    await plain.waitFor('sandbox_error_ratio{version="v2"}');
    // An auth proxy (as oauth2-proxy would be) in front of the plain Prometheus: bearer only.
    proxy = createServer((incoming, outgoing) => {
      if (incoming.headers.authorization !== 'Bearer s3cret-token') {
        outgoing.writeHead(401).end('unauthorized');
        return;
      }
      const forward = request({ host: '127.0.0.1', port: plain.port, path: incoming.url, method: 'GET' }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forward.end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyAddress = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  after(async () => {
    proxy?.close();
    await prometheus?.stop();
    await plain?.stop();
    sandbox?.stop();
  });

  test('TLS with a CA file and basic auth: answers; without the CA or with a wrong password it is unreachable, never a value', async () => {
    const good = prometheusSource({ address: prometheus.address, caFile, auth: { kind: 'basic', username: 'warroom', password: 'gate-password' } });
    for (let tries = 0; ; tries += 1) {
      const samples = await good.instant('up');
      if (samples.length > 0) break;
      assert.ok(tries < 60, 'the TLS Prometheus scraped within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await assert.rejects(
      prometheusSource({ address: prometheus.address, auth: { kind: 'basic', username: 'warroom', password: 'gate-password' } }).instant('up'),
      /Prometheus at https:\/\/127\.0\.0\.1:\d+ is unreachable: .*(self.signed|certificate).*\(query up\)/,
    );
    await assert.rejects(
      prometheusSource({ address: prometheus.address, caFile, auth: { kind: 'basic', username: 'warroom', password: 'wrong' } }).instant('up'),
      /refused our credentials \(HTTP 401\) \(query up\)/,
    );
  });

  test('a bearer token from a secret variable reaches the source and never the journal', async () => {
    const folder = tempDir('warroom-bearer-');
    const journal = fileJournal(join(folder, 'journal.jsonl'));
    const text = `name: bearer gate
variables:
  PROM_TOKEN:
    secret: true
steps:
  - id: gate
    analysis:
      source: ${proxyAddress}
      query: sandbox_traffic_weight{version="v2"}
      successCondition: result[0] == 25
      auth:
        bearer: PROM_TOKEN
      interval: 200ms
      count: 2
`;
    const runner = new PlaybookRunner({
      playbook: parseYamlPlaybook(text, join(folder, 'gate.yaml')),
      runId: 'bearer-run',
      mode: 'rehearsal',
      actor: 'host',
      logFile: join(folder, 'gate.log'),
      record: journal.record,
      hooks: { decide: async () => ({ decision: 'abort', by: 'host', reason: 'unexpected' }) },
      resolveTarget: () => ({ name: 'local', environmentClass: 'local', env: {}, cwd: folder }),
    });
    const run = await runner.start({ variables: [{ name: 'PROM_TOKEN', value: 's3cret-token' }] });
    assert.equal(run.status, 'succeeded', run.steps[0]?.failure?.message);
    assert.equal(run.steps[0]?.measurements?.length, 2);
    assert.doesNotMatch(readFileSync(join(folder, 'journal.jsonl'), 'utf8'), /s3cret-token/);
    await assert.rejects(
      prometheusSource({ address: proxyAddress, auth: { kind: 'bearer', token: 'wrong' } }).instant('up'),
      /refused our credentials \(HTTP 401\)/,
    );
  });
});
