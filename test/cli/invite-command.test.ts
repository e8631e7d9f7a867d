// `warroom invite` asks the running host named in workspace.access.json. A careless or
// hostile edit of that file must not make it send the host's token anywhere but the
// pinned host: a real CLI process against a real HTTPS server that records what reaches it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import { writeFileSync } from 'node:fs';
import { workspaceCertificate } from '../../main/transport/tls-certificate';
import { workspaceLockPaths } from '../../main/core/workspace/workspace-lock';
import { runWarRoom, startWarRoomProcess } from '../follow/war-room-process';
import { tempDir } from '../support/temp-dir';

const HOST = '127.0.0.4';
const impostor = await workspaceCertificate(tempDir(), HOST);
const other = await workspaceCertificate(tempDir(), HOST);
const reached: string[] = [];
const server = createServer({ cert: impostor.cert, key: impostor.key }, (request, response) => {
  reached.push(request.url ?? '');
  response.writeHead(404).end();
});
server.on('upgrade', (request, socket) => {
  reached.push(request.url ?? '');
  socket.destroy();
});
await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
const port = (server.address() as { port: number }).port;

async function inviteWith(access: unknown): Promise<{ code: number | null; stderr: string }> {
  const workspace = tempDir();
  writeFileSync(workspaceLockPaths(workspace).access, JSON.stringify(access), { mode: 0o600 });
  const { code, stderr } = await runWarRoom(['invite', 'some-release', '--name', 'Ana', '--role', 'voter', '--workspace', workspace]);
  return { code, stderr };
}

test('an access file whose https host has no fingerprint is refused before the token is sent', async () => {
  reached.length = 0;
  const result = await inviteWith({ pid: 1, since: '', url: `https://${HOST}:${port}/#token=host-token-never-sent`, fingerprint: null });
  assert.deepEqual(reached, [], 'nothing reached the server');
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /workspace\.access\.json names https:\/\/127\.0\.0\.4:\d+ without the certificate's fingerprint/);
});

test('an access file naming another certificate than the server shows is refused before the token is sent', async () => {
  reached.length = 0;
  const result = await inviteWith({ pid: 1, since: '', url: `https://${HOST}:${port}/#token=host-token-never-sent`, fingerprint: other.fingerprint });
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /presented a certificate with SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the link pins/);
  assert.deepEqual(reached, []);
});

test('plain HTTP off loopback is refused (the token would cross the network in the clear)', async () => {
  const result = await inviteWith({ pid: 1, since: '', url: 'http://10.255.255.1:8080/#token=host-token-never-sent', fingerprint: null });
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /plain HTTP off loopback would send the host's token in the clear/);
});

test('with the access file the host wrote, the invite is made by the running host over the pinned connection', async () => {
  const workspace = tempDir();
  const host = startWarRoomProcess(['web', '--listen', `${HOST}:0`, '--workspace', workspace]);
  try {
    await host.waitFor(/certificate SHA-256: (\S+)/);
    const slug = 'checkout-4-2-demo-rehearsal';
    const result = await runWarRoom(['invite', slug, '--name', 'Ana', '--role', 'voter', '--workspace', workspace]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`link: https://127\\.0\\.0\\.4:\\d+/#invite=[A-Za-z0-9_-]{43}&fp=`));
  } finally {
    await host.stop();
  }
});

test('`warroom invite --role comms` makes a comms invite (the role list follows contract/participants.ts), and an unknown role names the roles', async () => {
  const workspace = tempDir();
  const host = startWarRoomProcess(['web', '--listen', `${HOST}:0`, '--workspace', workspace]);
  try {
    await host.waitFor(/certificate SHA-256: (\S+)/);
    const slug = 'checkout-4-2-demo-rehearsal';
    const made = await runWarRoom(['invite', slug, '--name', 'Cora', '--role', 'comms', '--workspace', workspace]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, new RegExp(`^Invited Cora \\(comms\\) to ${slug} until `));
    const refused = await runWarRoom(['invite', slug, '--name', 'Cora', '--role', 'press', '--workspace', workspace]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /role/);
    assert.match(refused.stderr, /comms/, refused.stderr);
  } finally {
    await host.stop();
  }
});
