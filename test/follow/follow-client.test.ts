import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { WebSocketServer } from 'ws';
import { FollowConnection } from '../../main/api/follow/follow-client';
import { parseFollowLink } from '../../main/api/follow/follow-link';

test('links: a browser-mode token link, an invite with its fingerprint; an https link without a pin is refused', () => {
  const plain = parseFollowLink('http://127.0.0.1:4000/#token=abc');
  assert.equal(plain.websocketUrl, 'ws://127.0.0.1:4000/ws?token=abc');
  assert.equal(plain.origin, 'http://127.0.0.1:4000');
  const fp = 'AB:'.repeat(31) + 'AB';
  const invite = parseFollowLink(`https://10.0.0.5:4443/#invite=s3cret&fp=${fp}`);
  assert.equal(invite.websocketUrl, 'wss://10.0.0.5:4443/ws?token=s3cret');
  assert.equal(invite.fingerprint, 'ab'.repeat(32));
  assert.throws(() => parseFollowLink('https://10.0.0.5:4443/#invite=s3cret'), /does not trust a certificate it cannot pin/);
  assert.throws(() => parseFollowLink('https://10.0.0.5:4443/#invite=s3cret&fp=12'), /not a SHA-256 fingerprint/);
  assert.throws(() => parseFollowLink('http://127.0.0.1:4000/'), /no #token=/);
});

test('wss is pinned: the right fingerprint connects; another is refused before the secret is sent', { timeout: 60_000 }, async () => {
  const pems = await generate([{ name: 'commonName', value: 'warroom-host' }], { keySize: 2048, algorithm: 'sha256' });
  const fingerprint = new X509Certificate(pems.cert).fingerprint256;
  const upgrades: string[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    upgrades.push(request.url ?? '');
    wss.handleUpgrade(request, socket, head, (ws) =>
      ws.on('message', (raw) => ws.send(JSON.stringify({ id: JSON.parse(raw.toString()).id, result: { ok: true, value: [] } }))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const wrong = `${'00:'.repeat(31)}00`;
    await assert.rejects(FollowConnection.open(parseFollowLink(`https://127.0.0.1:${port}/#invite=secret-1&fp=${wrong}`)), /not the 0{64} the link pins/);
    assert.deepEqual(upgrades, [], 'nothing, and no secret, was sent to a certificate that is not pinned');
    const connection = await FollowConnection.open(parseFollowLink(`https://127.0.0.1:${port}/#invite=secret-2&fp=${fingerprint}`));
    assert.deepEqual(await connection.request('release.list', {}), []);
    assert.deepEqual(upgrades, ['/ws?token=secret-2']);
    connection.close();
  } finally {
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
