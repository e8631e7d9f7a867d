// The shared war room in real Chromium: the host serves HTTPS on 127.0.0.2 with the
// workspace's own certificate (pinned by its public key), people join from their own
// browser contexts with personal links, a voter votes and the host's page shows it live,
// an observer's vote is refused and changes nothing, revoking cuts the observer's page,
// and the QR code in the Share dialog decodes to the link.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { serveWarRoom } from '../support/hosted-war-room';

const root = new URL('../../', import.meta.url).pathname;
const screenshots = join(root, 'test-results');
mkdirSync(screenshots, { recursive: true });
const room = await serveWarRoom('127.0.0.2', 'warroom-share-');
after(() => room.close());
const { cli, env, workspace, pageFor } = room;

const host = await pageFor(room.url);
const slug = 'checkout-4-2-demo-rehearsal';

test('the host invites a voter in the Share dialog: link with secret and fingerprint in the fragment, and a QR code that decodes to it', async () => {
  await host.getByTestId('share-button').click();
  await host.getByTestId('share-fingerprint').filter({ hasText: room.fingerprint }).waitFor();
  await host.getByTestId('invite-name').fill('Priya Raman');
  await host.getByTestId('invite-role').selectOption('voter');
  await host.getByTestId('invite-result').waitFor({ state: 'detached' });
  await host.getByRole('button', { name: 'Create invite link' }).click();
  const link = await host.getByTestId('invite-link').inputValue();
  const fragment = new URLSearchParams(new URL(link).hash.slice(1));
  assert.match(fragment.get('invite') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.equal(fragment.get('fp'), room.fingerprint);
  await host.screenshot({ path: join(screenshots, 'share-dialog.png') });
  const png = PNG.sync.read(await host.getByTestId('invite-qr').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.equal(decoded?.data, link);
  voterLink = link;
  await host.getByRole('button', { name: 'Close' }).click();
});

let voterLink = '';

test('the voter votes from their own page, only on their own ballot; the host sees it live', async () => {
  const voter = await pageFor(voterLink);
  await voter.getByTestId('whoami').filter({ hasText: 'Priya Raman (voter)' }).waitFor();
  await voter.getByTestId('tab-checklist').click();
  await voter.getByTestId('subtab-go-no-go').click();
  await voter.getByTestId('vote-for-priya-raman').waitFor();
  assert.equal(await voter.locator('[data-testid^="vote-for-"]').count(), 1, 'no ballot of someone else');
  await host.getByTestId('tab-checklist').click();
  await host.getByTestId('subtab-go-no-go').click();
  await host.getByTestId('room-table').waitFor();
  await voter.getByTestId('vote-for-priya-raman').click();
  await voter.getByTestId('vote-GO').check();
  await voter.getByTestId('vote-save').click();
  await voter
    .getByTestId('vote-save')
    .waitFor({ state: 'detached' })
    .catch(async (error: unknown) => {
      await voter.screenshot({ path: join(screenshots, 'share-voter-failed.png') });
      throw error;
    });
  await host
    .getByTestId('room-row')
    .filter({ hasText: 'Priya Raman' })
    .locator('.vote-badge.vote-GO')
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      await host.screenshot({ path: join(screenshots, 'share-host-failed.png') });
      await voter.screenshot({ path: join(screenshots, 'share-voter-failed.png') });
      throw error;
    });
  await voter.screenshot({ path: join(screenshots, 'share-voter.png') });
  await voter.context().close();
});

test('an observer (invited with `warroom invite` while the host runs) cannot vote: refused, nothing changes; revoking cuts their page', async () => {
  const invited = spawnSync(process.execPath, [cli, 'invite', slug, '--name', 'Olu', '--role', 'observer', '--workspace', workspace], {
    env,
    encoding: 'utf8',
  });
  assert.equal(invited.status, 0, invited.stderr);
  const link = /link: (\S+)/.exec(invited.stdout)?.[1];
  assert.ok(link, invited.stdout);
  const observer = await pageFor(link);
  await observer.getByTestId('whoami').filter({ hasText: 'Olu (observer)' }).waitFor();
  await observer.getByTestId('tab-checklist').click();
  await observer.getByTestId('subtab-go-no-go').click();
  await observer.getByTestId('room-table').waitFor();
  await observer.getByTestId('whoami').waitFor();
  assert.equal(await observer.locator('[data-testid^="vote-for-"]').count(), 0, 'no ballot buttons for an observer');
  assert.equal(await observer.getByTestId('share-button').count(), 0);
  // Straight at the contract, as a hostile page would: refused with a typed error.
  const secret = new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!;
  const reply = await observer.evaluate(
    (token) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`wss://${(globalThis as unknown as { location: { host: string } }).location.host}/ws?token=${encodeURIComponent(token)}`);
        ws.onopen = () =>
          ws.send(JSON.stringify({ id: 1, name: 'poll.vote', input: { slug: 'checkout-4-2-demo-rehearsal', participantId: 'lena-vogel', value: 'NO-GO' } }));
        ws.onmessage = (message) => {
          const parsed = JSON.parse(String(message.data)) as { id?: number; result?: { ok: boolean; error?: { code: string } } };
          if (parsed.id === 1) resolve(parsed.result?.ok ? 'accepted' : (parsed.result?.error?.code ?? '?'));
        };
      }),
    secret,
  );
  assert.equal(reply, 'forbidden');
  assert.equal(await host.getByTestId('room-row').filter({ hasText: 'Lena Vogel' }).filter({ hasText: 'NO-GO' }).count(), 0, 'nothing changed');

  await host.getByTestId('share-button').click();
  const row = host.getByTestId('participant-Olu');
  await row.getByTestId('participant-presence').filter({ hasText: 'online' }).waitFor();
  await row.getByRole('button', { name: 'Revoke' }).click();
  await observer.locator('.app[data-stale="true"]').waitFor({ timeout: 5000 });
  await row.getByText('revoked').waitFor();
  await host.screenshot({ path: join(screenshots, 'share-revoked.png') });
});
