// Ordinary terminal output of a release night, without secrets: kubectl, helm, terraform,
// git and journalctl lines with the things that look random (commit hashes, UUIDs, pod
// names, image digests, base64 config maps, trace ids). Generated from a seed so a
// false positive can be replayed.

import { randomOf, seededRandom } from '../../../main/core/redaction/rules/rule-kit';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const hex = (random: () => number, length: number) => randomOf('a-f0-9', length, random);
const uuid = (random: () => number) => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
const podSuffix = (random: () => number) => `${randomOf('bcdfghjklmnpqrstvwxz2456789', 10, random)}-${randomOf('bcdfghjklmnpqrstvwxz2456789', 5, random)}`;
const apps = ['checkout', 'orders', 'payments-api', 'cart', 'search', 'ingress-nginx-controller', 'coredns', 'redis-master', 'postgres-0', 'kafka-broker'];
const namespaces = ['prod', 'staging', 'kube-system', 'monitoring', 'payments', 'default'];
const words = ['deploy', 'rollout', 'canary', 'migration', 'retry', 'timeout', 'healthy', 'ready', 'scaling', 'draining'];
const time = (random: () => number) =>
  `2026-11-2${Math.floor(random() * 9)}T0${Math.floor(random() * 9)}:${String(Math.floor(random() * 60)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}Z`;

const kubectl: readonly ((random: () => number) => string)[] = [
  (r) => `${pick(r, apps)}-${podSuffix(r)}   1/1     Running   ${Math.floor(r() * 4)}          ${Math.floor(r() * 48)}h`,
  (_r) => `NAME                                READY   STATUS    RESTARTS   AGE`,
  (r) => `deployment.apps/${pick(r, apps)} image updated`,
  (r) => `    Image:          registry.example.com/${pick(r, apps)}@sha256:${hex(r, 64)}`,
  (r) => `    Image ID:       docker-pullable://registry.example.com/${pick(r, apps)}@sha256:${hex(r, 64)}`,
  (r) => `    Container ID:   containerd://${hex(r, 64)}`,
  (r) => `  uid: ${uuid(r)}`,
  (r) => `  resourceVersion: "${Math.floor(r() * 1e8)}"`,
  (r) => `  ca.crt: ${randomOf('A-Za-z0-9+/', 76, r)}`,
  (r) => `  config.json: ${Buffer.from(`{"feature":"${pick(r, words)}","limit":${Math.floor(r() * 100)}}`).toString('base64')}`,
  (r) => `  app.properties: ${randomOf('A-Za-z0-9+/', 60, r)}==`,
  (r) => `      secretName: ${pick(r, apps)}-tls`,
  (r) => `        - secretRef:\n            name: ${pick(r, apps)}-env`,
  (_r) => `  Type:  kubernetes.io/service-account-token`,
  (r) =>
    `Events:\n  Normal  Pulled     ${Math.floor(r() * 60)}s   kubelet  Successfully pulled image "registry.example.com/${pick(r, apps)}:v1.${Math.floor(r() * 40)}.${Math.floor(r() * 9)}" in 1.2s`,
  (r) =>
    `  Normal  Scheduled  ${Math.floor(r() * 60)}s   default-scheduler  Successfully assigned ${pick(r, namespaces)}/${pick(r, apps)}-${podSuffix(r)} to ip-10-0-${Math.floor(r() * 255)}-${Math.floor(r() * 255)}.ec2.internal`,
  (r) => `service/${pick(r, apps)}   ClusterIP   10.96.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}   <none>   443/TCP   ${Math.floor(r() * 90)}d`,
  (r) => `  Annotations:  kubectl.kubernetes.io/last-applied-configuration: {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${pick(r, apps)}"}}`,
  (r) => `  Mountable secrets:  ${pick(r, apps)}-token-${randomOf('a-z0-9', 5, r)}`,
  (r) => `  Tokens:              ${pick(r, apps)}-token-${randomOf('a-z0-9', 5, r)}`,
  (r) => `      - key: ${pick(r, ['app', 'tier', 'topology.kubernetes.io/zone'])}\n        operator: In`,
  (_r) => `authorization.k8s.io/v1 SubjectAccessReview allowed=true`,
];

const helm: readonly ((random: () => number) => string)[] = [
  (r) =>
    `NAME: ${pick(r, apps)}\nLAST DEPLOYED: Tue Nov 24 02:${String(Math.floor(r() * 60)).padStart(2, '0')}:11 2026\nNAMESPACE: ${pick(r, namespaces)}\nSTATUS: deployed\nREVISION: ${Math.floor(r() * 90)}`,
  (r) =>
    `${pick(r, apps)}\t${pick(r, namespaces)}\t${Math.floor(r() * 90)}\t2026-11-24 02:11:07.${Math.floor(r() * 1e6)} +0000 UTC\tdeployed\t${pick(r, apps)}-1.${Math.floor(r() * 30)}.0\t1.${Math.floor(r() * 30)}.0`,
  (r) => `Release "${pick(r, apps)}" has been upgraded. Happy Helming!`,
  (r) => `  digest: sha256:${hex(r, 64)}`,
  (r) => `Pulled: registry.example.com/charts/${pick(r, apps)}:1.${Math.floor(r() * 30)}.${Math.floor(r() * 9)}\nDigest: sha256:${hex(r, 64)}`,
  (r) => `  existingSecret: ${pick(r, apps)}-credentials\n  passwordKey: password`,
  (_r) => `  auth:\n    enabled: true\n    existingSecretPasswordKey: redis-password`,
];

const terraform: readonly ((random: () => number) => string)[] = [
  (r) => `aws_instance.${pick(r, words)}: Refreshing state... [id=i-${hex(r, 17)}]`,
  (r) => `aws_s3_bucket.logs: Modifications complete after 2s [id=${pick(r, apps)}-logs-${hex(r, 8)}]`,
  (r) =>
    `  # aws_security_group_rule.${pick(r, words)} will be updated in-place\n  ~ resource "aws_security_group_rule" "${pick(r, words)}" {\n        id = "sgrule-${Math.floor(r() * 1e10)}"`,
  (r) =>
    `      + arn                    = (known after apply)\n      + kms_key_id             = "arn:aws:kms:eu-west-1:${Math.floor(r() * 1e12)}:key/${uuid(r)}"`,
  (_r) => `      ~ password               = (sensitive value)`,
  (r) => `Plan: ${Math.floor(r() * 9)} to add, ${Math.floor(r() * 9)} to change, 0 to destroy.`,
  (r) => `module.vpc.aws_subnet.private[${Math.floor(r() * 3)}]: Creation complete after 1s [id=subnet-${hex(r, 17)}]`,
  (r) => `data.aws_iam_policy_document.assume: Read complete after 0s [id=${Math.floor(r() * 1e10)}]`,
  (r) => `google_project_iam_member.sa: Still creating... [${Math.floor(r() * 60)}s elapsed]`,
  (_r) => `      + access_key_id          = (known after apply)\n      + secret                 = (sensitive value)`,
];

const git: readonly ((random: () => number) => string)[] = [
  (r) =>
    `commit ${hex(r, 40)}\nAuthor: ${pick(r, ['Ana Lima', 'Kenji Sato', 'Marta Nowak'])} <${pick(r, ['ana', 'kenji', 'marta'])}@example.com>\nDate:   Tue Nov 24 01:${String(Math.floor(r() * 60)).padStart(2, '0')}:02 2026 +0100`,
  (r) => `${hex(r, 7)} ${pick(r, ['Fix', 'Add', 'Bump', 'Revert'])} ${pick(r, words)} in ${pick(r, apps)} (#${Math.floor(r() * 9000)})`,
  (r) => `Merge: ${hex(r, 7)} ${hex(r, 7)}`,
  (r) => `diff --git a/charts/${pick(r, apps)}/values.yaml b/charts/${pick(r, apps)}/values.yaml\nindex ${hex(r, 7)}..${hex(r, 7)} 100644`,
  (r) => `   ${hex(r, 7)}..${hex(r, 7)}  main -> origin/main`,
  (r) =>
    `From github.com:example/${pick(r, apps)}\n * [new tag]         v1.${Math.floor(r() * 40)}.${Math.floor(r() * 9)} -> v1.${Math.floor(r() * 40)}.${Math.floor(r() * 9)}`,
  (_r) => `Your branch is up to date with 'origin/release/2026-11'.`,
  (r) => `+  tokenTTL: ${Math.floor(r() * 60)}m\n-  tokenTTL: ${Math.floor(r() * 60)}m`,
  (r) => `    Signed-off-by: Kenji Sato <kenji@example.com>\n    Change-Id: I${hex(r, 40)}`,
];

const journalctl: readonly ((random: () => number) => string)[] = [
  (r) =>
    `Nov 24 02:${String(Math.floor(r() * 60)).padStart(2, '0')}:11 ip-10-0-1-${Math.floor(r() * 255)} kubelet[${Math.floor(r() * 9999)}]: I1124 02:11:07.123456 ${Math.floor(r() * 9999)} kuberuntime_manager.go:${Math.floor(r() * 999)}] "Pod ${pick(r, apps)} sandbox changed, it will be killed and re-created" podUID="${uuid(r)}"`,
  (r) =>
    `Nov 24 02:11:${String(Math.floor(r() * 60)).padStart(2, '0')} bastion sshd[${Math.floor(r() * 99999)}]: Accepted publickey for deploy from 10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} port ${Math.floor(r() * 65535)} ssh2: ED25519 SHA256:${randomOf('A-Za-z0-9+/', 43, r)}`,
  (r) => `Nov 24 02:11:09 bastion sudo[${Math.floor(r() * 99999)}]: pam_unix(sudo:session): session opened for user root(uid=0) by deploy(uid=1000)`,
  (r) =>
    `Nov 24 02:11:09 bastion sshd[${Math.floor(r() * 99999)}]: Failed password for invalid user admin from 203.0.113.${Math.floor(r() * 255)} port ${Math.floor(r() * 65535)} ssh2`,
  (r) =>
    `Nov 24 02:11:10 db1 postgres[${Math.floor(r() * 99999)}]: [${Math.floor(r() * 9)}-1] LOG:  connection authorized: user=app database=orders application_name=${pick(r, apps)}`,
  (r) =>
    `Nov 24 02:11:10 node3 containerd[${Math.floor(r() * 9999)}]: time="${time(r)}" level=info msg="StartContainer for \\"${hex(r, 64)}\\" returns successfully"`,
  (r) => `Nov 24 02:11:12 node3 systemd[1]: Started ${pick(r, apps)}.service - ${pick(r, words)} worker.`,
  (r) =>
    `Nov 24 02:11:12 app1 ${pick(r, apps)}[${Math.floor(r() * 9999)}]: {"level":"info","ts":"${time(r)}","trace_id":"${hex(r, 32)}","span_id":"${hex(r, 16)}","msg":"${pick(r, words)}","latency_ms":${Math.floor(r() * 900)}}`,
  (r) => `Nov 24 02:11:13 app1 ${pick(r, apps)}[${Math.floor(r() * 9999)}]: GET /api/v1/orders/${uuid(r)} 200 ${Math.floor(r() * 900)}ms request_id=${uuid(r)}`,
  (r) => `Nov 24 02:11:14 vault1 vault[${Math.floor(r() * 9999)}]: [INFO]  expiration: revoked lease: lease_id=auth/kubernetes/login/${hex(r, 40)}`,
  (r) =>
    `Nov 24 02:11:15 app1 kernel: [${Math.floor(r() * 99999)}.${Math.floor(r() * 999999)}] IPv4: martian source 10.0.0.${Math.floor(r() * 255)} from 10.0.0.1, on dev eth0`,
  (r) =>
    `Nov 24 02:11:17 bastion sshd[${Math.floor(r() * 99999)}]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.${Math.floor(r() * 255)}`,
  (r) => `Nov 24 02:11:18 app1 ${pick(r, apps)}[${Math.floor(r() * 9999)}]: level=info msg="refreshing token" token_expiry=${time(r)} key_id=${hex(r, 16)}`,
  (r) => `$ kubectl -n ${pick(r, namespaces)} get secret ${pick(r, apps)}-db -o jsonpath='{.data.password}' | base64 -d | wc -c`,
  (r) => `gpg: key ${randomOf('A-F0-9', 16, r)}: public key "Release Signing <release@example.com>" imported`,
  (r) => `256 SHA256:${randomOf('A-Za-z0-9+/', 43, r)} deploy@bastion (ED25519)`,
  (r) => `Nov 24 02:11:16 app1 dockerd[${Math.floor(r() * 9999)}]: time="${time(r)}" level=warning msg="Your kernel does not support swap limit capabilities"`,
];

/** `count` lines (at least) of ordinary output, from all five tools in turn. */
export function ordinaryOutput(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const sources = [kubectl, helm, terraform, git, journalctl];
  const lines: string[] = [];
  while (lines.length < count) lines.push(...pick(random, pick(random, sources))(random).split('\n'));
  return lines;
}
