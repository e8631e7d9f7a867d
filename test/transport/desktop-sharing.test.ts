// "Share this war room..." in the desktop app calls `desktopSharing` (main/transport/hosting.ts),
// the same hosting as `warroom web --listen`: HTTPS with the workspace's certificate on the
// chosen address, invites work while it shares, stop closes the port and invites are
// refused again; a busy port falls back to one the system picks. The Electron menu that
// calls it is not run here (no Electron binary in this environment).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { formatActor, type ParticipantIdentity } from '../../contract/participants';
import type { SharingStatus } from '../../contract/requests/hosting-requests';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { desktopShareAddress, desktopSharing } from '../../main/transport/hosting';
import { tempDir } from '../support/temp-dir';

const HOST = '127.0.0.2';
const staticDir = join(tempDir(), 'renderer');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');

const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'electron' });
after(() => services.dispose());
const slug = (await services.workspace.list())[0]!.slug;
const host = { actor: 'Dana Okafor', transport: 'ipc' } as const;

/** The SHA-256 fingerprint of the certificate served at host:port (as `AB:CD:...`), or the connection error's code. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: HOST, port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

test('share.start hosts over HTTPS with the workspace certificate, invites work; share.stop closes the port and invites are refused', async () => {
  let port = 0;
  const sharing = desktopSharing({ services, workspaceDir, staticDir, address: () => ({ host: HOST, port }) });
  services.hosting.control = sharing;
  try {
    const refusedBefore = await dispatch(services, 'participant.invite', { slug, name: 'Ana', role: 'voter' }, host);
    assert.equal(!refusedBefore.ok && refusedBefore.error.code, 'refused', 'not shared yet: no invites');

    const started = await dispatch(services, 'share.start', {}, host);
    assert.ok(started.ok, JSON.stringify(started));
    const status = started.value as SharingStatus;
    assert.match(status.origin ?? '', /^https:\/\/127\.0\.0\.2:\d+$/);
    assert.match(status.fingerprint ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(status.switchable, true);
    port = Number(new URL(status.origin!).port);
    assert.equal(await servedFingerprint(port), status.fingerprint, 'the served certificate is the one shown');
    // Starting twice is the same sharing.
    const again = await dispatch(services, 'share.start', {}, host);
    assert.equal(again.ok && (again.value as SharingStatus).origin, status.origin);

    const invited = await dispatch(services, 'participant.invite', { slug, name: 'Ana', role: 'release-manager' }, host);
    assert.ok(invited.ok, JSON.stringify(invited));
    const { link, participant } = invited.value as { link: string; participant: { id: string } };
    assert.ok(link.startsWith(`${status.origin}/#invite=`), link);

    // An invited release manager may not switch the host's sharing off.
    const ana: ParticipantIdentity = { name: 'Ana', role: 'release-manager', session: 's1', participantId: participant.id, release: slug };
    const byParticipant = await dispatch(services, 'share.stop', {}, { actor: formatActor(ana), participant: ana, transport: 'websocket' });
    assert.equal(!byParticipant.ok && byParticipant.error.code, 'forbidden', JSON.stringify(byParticipant));

    const stopped = await dispatch(services, 'share.stop', {}, host);
    assert.ok(stopped.ok && (stopped.value as SharingStatus).origin === null, JSON.stringify(stopped));
    assert.equal(await servedFingerprint(port), 'ECONNREFUSED', 'nothing listens after Stop sharing');
    const refusedAfter = await dispatch(services, 'participant.invite', { slug, name: 'Bo', role: 'voter' }, host);
    assert.equal(!refusedAfter.ok && refusedAfter.error.code, 'refused');
  } finally {
    await sharing.stop();
    delete services.hosting.control;
  }
});

test('a busy share port falls back to one the system picks', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, HOST, resolve));
  const busy = (blocker.address() as { port: number }).port;
  const sharing = desktopSharing({ services, workspaceDir, staticDir, address: () => ({ host: HOST, port: busy }) });
  try {
    const hosted = await sharing.start();
    const port = Number(new URL(hosted.origin).port);
    assert.notEqual(port, busy);
    assert.equal(await servedFingerprint(port), hosted.tls?.fingerprint);
  } finally {
    await sharing.stop();
    blocker.close();
  }
});

test('under `warroom web` (no switch) share.start says to use --listen; the desktop address comes from WARROOM_SHARE_LISTEN or the network', async () => {
  const result = await dispatch(services, 'share.start', {}, host);
  assert.equal(!result.ok && result.error.code, 'refused');
  assert.ok(!result.ok && /--listen/.test(result.error.message));
  assert.deepEqual(desktopShareAddress({ WARROOM_SHARE_LISTEN: '10.1.2.3:9443' }), { host: '10.1.2.3', port: 9443 });
  assert.deepEqual(desktopShareAddress({ WARROOM_SHARE_LISTEN: '[::1]:9443' }), { host: '::1', port: 9443 });
  assert.throws(() => desktopShareAddress({ WARROOM_SHARE_LISTEN: 'nope' }), /HOST:PORT/);
  assert.equal(desktopShareAddress({}).port, 8443);
});
