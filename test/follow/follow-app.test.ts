// "Follow a war room…" from the app, through dispatch as the window calls it: preview,
// start (a verified catch-up, then live), stop (read-only, marked stopped, the follow-back
// credential revoked), and what it refuses: a participant, a release of one's own, a link
// the host does not accept (nothing is left behind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import type { CallContext, Services } from '../../main/api/services';
import { startHosting } from '../../main/transport/hosting';
import { stopFollowing } from '../../main/api/follow/follow-service';
import type { FollowPreview } from '../../contract/requests/follow-app-requests';
import type { FollowStatus } from '../../contract/requests/follow-requests';
import type { ParticipantView } from '../../contract/participants';
import { tempDir } from '../support/temp-dir';
import { eventually, workspaceWithRelease } from './war-room-process';

const window: CallContext = { actor: 'Bo', transport: 'ipc' };

async function call<T>(services: Services, name: string, input: unknown, context: CallContext = window): Promise<T> {
  const result = await dispatch(services, name, input, context);
  if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code}: ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

test(
  'follow from the app: preview, a verified live replica, stop; a participant, an own release and a refused link are refused',
  { timeout: 120_000 },
  async () => {
    const hostDir = tempDir('warroom-host-');
    const podDir = tempDir('warroom-pod-');
    const slug = await workspaceWithRelease(hostDir, 3);
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>War Room</title>');
    const host = await bootServices({ workspaceDir: hostDir, runtime: 'browser', seedDemo: false });
    const hosted = await startHosting({ services: host, workspaceDir: hostDir, staticDir, host: '127.0.0.1', port: 0, tls: false });
    const pod = await bootServices({ workspaceDir: podDir, runtime: 'browser', seedDemo: false });
    // The pod is reachable (as `warroom web` is): it mints a follow-back credential when it follows.
    pod.hosting.origin = 'http://127.0.0.1:9';
    try {
      const preview = await call<FollowPreview>(pod, 'follow.preview', { link: hosted.url });
      assert.equal(preview.origin, new URL(hosted.url).origin);
      assert.equal(preview.fingerprint, null);
      assert.deepEqual(
        preview.releases.map((release) => [release.slug, release.existsHere]),
        [[slug, 'no']],
      );

      // Refused: an invited participant; a link the host does not accept (nothing left behind).
      const participant: CallContext = {
        actor: 'Eve (release-manager · s1)',
        transport: 'websocket',
        participant: { name: 'Eve', role: 'release-manager', session: 's1', participantId: '0123456789abcdef', release: slug },
      };
      assert.notEqual(await codeOf(call(pod, 'follow.start', { link: hosted.url, slug }, participant)), 'ok');
      const wrong = hosted.url.replace(/#token=.*/, '#token=not-the-token');
      assert.equal(await codeOf(call(pod, 'follow.start', { link: wrong, slug })), 'refused');
      assert.deepEqual(existsSync(join(podDir, 'releases')) ? readdirSync(join(podDir, 'releases')) : [], [], 'a refused link leaves no folder');

      const started = await call<FollowStatus>(pod, 'follow.start', { link: hosted.url, slug });
      assert.equal(started.state, 'following');
      const listed = (await pod.workspace.list()).find((listing) => listing.slug === slug);
      assert.equal(listed?.following?.source, new URL(hosted.url).origin);
      const journal = (dir: string) => readFileSync(join(dir, 'releases', slug, 'journal.jsonl'));
      assert.ok(journal(podDir).equals(journal(hostDir)));
      // Live: a note on the host reaches the replica; the replica refuses changes.
      await call(host, 'note.add', { slug, kind: 'note', text: 'on the host' });
      await eventually(() => journal(podDir).equals(journal(hostDir)), 'the replica to follow live');
      assert.equal(await codeOf(call(pod, 'note.add', { slug, kind: 'note', text: 'here' })), 'refused');
      const credentials = () =>
        call<ParticipantView[]>(pod, 'participant.list', { slug }).then((list) => list.filter((participant) => participant.followOnly === true));
      assert.deepEqual(
        (await credentials()).map((credential) => credential.status),
        ['active'],
      );

      // Stop: still read-only, marked stopped, the credential revoked; no longer follows.
      const stopped = await call<FollowStatus>(pod, 'follow.stop', { slug });
      assert.equal(stopped.state, 'stopped');
      assert.match(stopped.message ?? '', /following stopped by/);
      assert.deepEqual(
        (await credentials()).map((credential) => credential.status),
        ['revoked'],
      );
      await call(host, 'note.add', { slug, kind: 'note', text: 'after the stop' });
      assert.equal(journal(podDir).equals(journal(hostDir)), false);
      assert.equal(await codeOf(call(pod, 'note.add', { slug, kind: 'note', text: 'here' })), 'refused');
      assert.equal((await pod.workspace.list()).find((listing) => listing.slug === slug)?.following?.state, 'stopped');

      // Following again resumes from the replica's head.
      await call<FollowStatus>(pod, 'follow.start', { link: hosted.url, slug });
      await eventually(() => journal(podDir).equals(journal(hostDir)), 'the replica to resume');

      // A release of the pod's own is never followed into (it would fork its chain).
      const own = (
        await pod.workspace.create(
          'Own release',
          'Bo',
          (await host.release(slug)).events(0, 2).map((event) => ({ type: event.type, data: event.data })) as never,
        )
      ).slug;
      assert.equal(await codeOf(call(pod, 'follow.start', { link: hosted.url, slug: own })), 'conflict');
    } finally {
      stopFollowing(pod);
      await pod.dispose();
      await hosted.stop();
      await host.dispose();
    }
  },
);
