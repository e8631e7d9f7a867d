// Runbooks shaped like real ones from public projects (issue 19, items 6 and 7). Each fixture
// under fixtures/runbooks names the public file it reproduces; none is a copy.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseMarkdownRunbook } from '../../../main/core/playbooks/markdown-runbook-parser';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import type { Playbook, PlaybookStep } from '../../../contract/domain/playbooks/playbook-model';

const fixtures = join(import.meta.dirname, 'fixtures', 'runbooks');

function parseFixture(name: string): Playbook {
  return parseMarkdownRunbook(readFileSync(join(fixtures, name), 'utf8'), join(fixtures, name));
}

function commandOf(step: PlaybookStep | undefined): string | undefined {
  return step && (step.kind === 'run' || step.kind === 'check') ? step.command : undefined;
}

function outputOf(step: PlaybookStep | undefined): string | undefined {
  return step && (step.kind === 'run' || step.kind === 'check') ? step.expectedOutput : undefined;
}

function rejection(parse: () => unknown): WarRoomError {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof WarRoomError, `threw ${String(error)}`);
    return error;
  }
  assert.fail('accepted');
}

test('bash fences that are transcripts run the prompted commands; what they printed is expected output (prometheus-operator)', () => {
  const playbook = parseFixture('pv-filling-up-prometheus-operator.md');
  const runs = playbook.steps.filter((step) => step.kind === 'run');
  assert.deepEqual(
    runs.map((step) => commandOf(step)),
    [
      "kubectl get storageclass `kubectl -n shop get pvc data-0 -ojson | jq -r '.spec.storageClassName'`",
      'kubectl -n shop edit pvc data-0',
      'kubectl -n shop get pvc data-0',
    ],
  );
  assert.match(outputOf(runs[0]) ?? '', /^NAME +PROVISIONER[\s\S]*fast \(default\)/);
  assert.equal(outputOf(runs[1]), undefined);
  assert.ok(!runs.some((step) => /^\$|NAME {2}/m.test(commandOf(step) ?? '')), 'no prompt and no output is run');
});

test('sh, bash, shell, zsh and console fences are read the same way', () => {
  for (const language of ['sh', 'bash', 'shell', 'zsh', 'console']) {
    const text = `## Look\n\`\`\`${language}\n$ kubectl get pods \\\n    -n payments\nNAME   READY\napi-1  1/1\n$ kubectl get svc\n\`\`\`\n`;
    const [step] = parseMarkdownRunbook(text, `look-${language}.md`).steps;
    assert.equal(commandOf(step), 'set -e\nkubectl get pods -n payments\nkubectl get svc', language);
    assert.equal(outputOf(step), 'NAME   READY\napi-1  1/1', language);
  }
});

test('a console session of root prompts (#) runs its commands; in bash fences # stays a comment', () => {
  const root = parseMarkdownRunbook('## Restart\n```console\n# systemctl restart nginx\n# systemctl is-active nginx\nactive\n```\n', 'r.md');
  assert.equal(commandOf(root.steps[0]), 'set -e\nsystemctl restart nginx\nsystemctl is-active nginx');
  assert.equal(outputOf(root.steps[0]), 'active');
  const script = parseFixture('runbook-template-docent.md');
  const restart = script.steps.find((step) => step.name === 'Step 1: Restart the workers');
  assert.match(commandOf(restart) ?? '', /^# Restart every worker of the pool\nsystemctl restart 'queue-worker@\*'/);
  assert.equal(outputOf(restart), undefined);
});

test('a console session with blank lines, continuations, a here-document and a multi-line quote (openshift, gitlab)', () => {
  const openshift = parseFixture('pv-filling-up-openshift.md');
  const diagnosis = openshift.steps.find((step) => step.name === 'Diagnosis');
  assert.equal(
    commandOf(diagnosis),
    [
      'set -e',
      "PVC_NAME='<claim from the alert>'",
      "NAMESPACE='<namespace from the alert>'",
      'oc -n $NAMESPACE describe pvc $PVC_NAME',
      'POD_NAME=\'<the "Used By:" field above>\'',
      'oc -n $NAMESPACE rsh $POD_NAME',
      'df -h',
    ].join('\n'),
  );
  assert.ok(!openshift.steps.some((step) => /kubelet_volume_stats/.test(commandOf(step) ?? '')), 'a ```text fence is not run');
  const gitlab = parseFixture('scale-down-replica-gitlab.md');
  const stop = gitlab.steps.find((step) => step.name === 'Step 3 - Stop the service');
  assert.equal(commandOf(stop), 'set -e\nsudo systemctl stop patroni --no-block\ncat <<EOF | sudo tee /etc/motd\nreplica removed\nEOF\ngitlab-patronictl list');
  assert.match(outputOf(stop) ?? '', /^replica removed\n\+ Cluster: main/);
  const drain = gitlab.steps.find((step) => step.name === 'Step 2 - Drain the replica');
  assert.match(commandOf(drain) ?? '', /^gitlab-psql -qtc "SELECT count\(\*\) FROM pg_stat_activity\nWHERE/);
});

test('GitLab runbooks: the first H1 with subsections is the title even when "# Execution" follows', () => {
  const playbook = parseFixture('scale-down-replica-gitlab.md');
  assert.equal(playbook.name, 'Scale down a database replica');
  assert.ok(!playbook.steps.some((step) => step.name === 'Scale down a database replica'));
  assert.doesNotMatch(playbook.description, /<!--/);
});

test('a ```bash fence introduced as output is the expected output of the command before it, not a command (kubernetes docs)', () => {
  const playbook = parseFixture('default-storage-class-k8s.md');
  assert.deepEqual(
    playbook.steps.map((step) => commandOf(step)?.split(' ').slice(0, 3).join(' ')),
    ['kubectl get storageclass', 'kubectl patch storageclass', 'kubectl get storageclass'],
  );
  assert.match(outputOf(playbook.steps[0]) ?? '', /standard \(default\)/);
  assert.match(outputOf(playbook.steps[2]) ?? '', /gold \(default\)/);
  assert.deepEqual(
    playbook.warnings.map((warning) => [warning.line, /shows output/.test(warning.message)]),
    [
      [30, true],
      [50, true],
    ],
  );
});

test('a shell fence that mixes commands and output without prompts runs as written, with a warning (kubernetes docs)', () => {
  const playbook = parseFixture('dns-debugging-k8s.md');
  assert.equal(playbook.warnings.length, 1);
  assert.equal(playbook.warnings[0]?.line, 20);
  assert.match(playbook.warnings[0]?.message ?? '', /looks like printed output/);
});

test('YAML front matter names the playbook and is kept as metadata; the description is not "---"', () => {
  const prometheus = parseFixture('pv-filling-up-prometheus-operator.md');
  assert.equal(prometheus.name, 'Volume nearly full');
  assert.deepEqual(prometheus.metadata, { title: 'Volume nearly full', weight: 20 });
  assert.doesNotMatch(prometheus.description, /---|title:/);
  const kubernetes = parseFixture('default-storage-class-k8s.md');
  assert.equal(kubernetes.name, 'Change the default StorageClass');
  assert.equal(kubernetes.metadata.weight, 90);
  const docent = parseFixture('runbook-template-docent.md');
  assert.match(docent.description, /^Operational procedure for restarting the queue workers/);
  assert.deepEqual(docent.metadata.tags, ['runbook', 'operations', 'procedure']);
  assert.deepEqual(docent.metadata.variables, [{ name: 'procedure_name', description: 'Name of the procedure', required: true }]);
  // The body's --- are thematic breaks, not more front matter.
  assert.deepEqual(
    docent.steps.map((step) => step.name),
    ['Prerequisites', 'Step 1: Restart the workers', 'Step 2: Check the backlog'],
  );
});

test('line numbers after front matter are those of the file', () => {
  const playbook = parseFixture('pv-filling-up-prometheus-operator.md');
  const lines = readFileSync(join(fixtures, 'pv-filling-up-prometheus-operator.md'), 'utf8').split('\n');
  for (const step of playbook.steps) {
    const line = lines[step.position.line - 1] ?? '';
    assert.ok(step.kind === 'manual' ? line.startsWith('#') : line.trimStart().startsWith('```'), `${step.name} at ${step.position.line}: ${line}`);
  }
});

test('TOML front matter (+++) gives the title, dates as text and tables as records (Hugo)', () => {
  const playbook = parseFixture('hugo-toml-front-matter.md');
  assert.equal(playbook.name, 'Rotate the TLS certificate');
  assert.deepEqual(playbook.metadata, {
    title: 'Rotate the TLS certificate',
    date: '2018-02-20',
    lastmod: '2018-02-20',
    tags: ['tls', 'ops'],
    menu: { docs: { parent: 'operations', weight: 10 } },
  });
  assert.equal(commandOf(playbook.steps[0]), 'certbot renew --cert-name shop.example.com');
  assert.equal(playbook.steps[0]?.position.line, 22);
});

test('TOML between --- lines is accepted when the block is not YAML', () => {
  const playbook = parseMarkdownRunbook('---\ntitle = "Failover"\nweight = 3\n---\n\n## Promote\n```sh\npatronictl failover\n```\n', 'f.md');
  assert.equal(playbook.name, 'Failover');
  assert.deepEqual(playbook.metadata, { title: 'Failover', weight: 3 });
});

test('invalid front matter is refused at its line and column (TOML without quotes, YAML with an open quote)', () => {
  const toml = rejection(() => parseFixture('toml-front-matter-invalid.md'));
  assert.match(toml.message, /^playbook toml-front-matter-invalid\.md line 2, column 9: front matter is not valid TOML/);
  const yaml = rejection(() => parseMarkdownRunbook('---\ntitle: "Failover\nweight: 3\n---\n\n## Promote\n```sh\nls\n```\n', 'f.md'));
  assert.match(yaml.message, /line 2, column 8: is not valid YAML: the double quote opened here is never closed/);
});

test('a file opening with a thematic break is Markdown, not front matter', () => {
  const playbook = parseMarkdownRunbook('---\n\n# Failover\n\n---\n\n## Promote\n```sh\npatronictl failover\n```\n', 'f.md');
  assert.equal(playbook.name, 'Failover');
  assert.deepEqual(playbook.metadata, {});
});

test('a runbook cut off mid-paragraph imports with a warning at the line where it stops', () => {
  const playbook = parseFixture('cut-off-mid-paragraph.md');
  assert.equal(playbook.warnings.length, 1);
  assert.equal(playbook.warnings[0]?.line, 18);
  assert.match(playbook.warnings[0]?.message ?? '', /ends mid-sentence \("[^"]*write less by lowering"\): the file may be cut off/);
  // A finished runbook, and a last note of a word or two, are not warned about.
  assert.deepEqual(parseFixture('pv-filling-up-openshift.md').warnings, []);
  assert.deepEqual(parseFixture('pv-filling-up-prometheus-operator.md').warnings, []);
});

test('a runbook cut off inside a fence warns and does not run the cut command', () => {
  const playbook = parseFixture('cut-off-mid-fence.md');
  assert.deepEqual(
    playbook.warnings.map((warning) => [warning.line, warning.column]),
    [[17, 1]],
  );
  assert.match(playbook.warnings[0]?.message ?? '', /never closed \(the file may be cut off\); its commands are not run/);
  const cleanUp = playbook.steps.find((step) => step.name === 'Clean up');
  assert.equal(cleanUp?.kind, 'manual');
  assert.match(cleanUp?.instructions ?? '', /rm -rf \/var\/lib\/queue$/m);
  assert.equal(commandOf(playbook.steps[0]), 'systemctl status queue');
});

test('front matter that is never closed is a warning, and the file is read as Markdown', () => {
  const playbook = parseMarkdownRunbook('---\ntitle: Failover\n\n## Promote\n```sh\npatronictl failover\n```\n', 'f.md');
  assert.match(playbook.warnings[0]?.message ?? '', /front matter opened with --- is never closed/);
});

test('a YAML playbook with an unterminated quote names the line where the quote opens, not the end of the file', () => {
  const error = rejection(() => parseYamlPlaybook(readFileSync(join(fixtures, 'unterminated-quote.yaml'), 'utf8'), 'unterminated-quote.yaml'));
  assert.equal(error.message, 'playbook unterminated-quote.yaml line 9, column 10: is not valid YAML: the double quote opened here is never closed');
  assert.deepEqual(
    error.locations.map((location) => [location.line, location.column]),
    [[9, 10]],
  );
  const single = rejection(() => parseYamlPlaybook("name: x\nsteps:\n  - run: 'echo hi\n  - run: ls\n", 'p.yaml'));
  assert.match(single.message, /line 3, column 10: is not valid YAML: the single quote opened here/);
});

test('an Ansible playbook is refused with what a War Room playbook is', () => {
  const error = rejection(() => parseYamlPlaybook(readFileSync(join(fixtures, 'ansible-site.yaml'), 'utf8'), 'ansible-site.yaml'));
  assert.match(error.message, /line 4, column 1: must be a mapping with name and steps/);
});

test('YAML playbooks carry empty metadata and no warnings', () => {
  const playbook = parseYamlPlaybook('name: x\nsteps:\n  - run: ls\n', 'p.yaml');
  assert.deepEqual(playbook.metadata, {});
  assert.deepEqual(playbook.warnings, []);
});

test('a transcript stops at its first failing command, as its author did: the step fails with that exit code', () => {
  // `false` stands for a `kubectl` that cannot reach the cluster; the `echo` after it once made the step read "succeeded".
  const text = '## Check the cluster\n```console\n$ false\nNAME   READY\n$ echo done\ndone\n```\n';
  const command = commandOf(parseMarkdownRunbook(text, 'check.md').steps[0]) ?? '';
  const run = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.equal(run.stdout, '', 'the command after the failure did not run');
});
