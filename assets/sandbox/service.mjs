// The demo's sandbox service: a tiny HTTP service on loopback with a version that can
// be healthy (v1) or broken (v2), so that the rollback playbook has something real to
// roll back and health-check. Started and stopped by sandboxctl.mjs, never by hand.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: service.mjs <sandbox-dir>');
  process.exit(2);
}
const version = readFileSync(join(dir, 'current'), 'utf8').trim();
const manifest = JSON.parse(readFileSync(join(dir, 'versions', `${version}.json`), 'utf8'));
const startedAt = new Date().toISOString();

const server = createServer((request, response) => {
  const body = (status, value) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(value) + '\n');
  };
  if (request.url === '/health') {
    return manifest.healthy
      ? body(200, { status: 'ok', version, startedAt })
      : body(503, { status: 'degraded', version, startedAt, error: manifest.failure ?? 'unhealthy' });
  }
  if (request.url === '/version') return body(200, { version, startedAt });
  return body(404, { error: 'not found' });
});
server.listen(0, '127.0.0.1', () => {
  writeFileSync(join(dir, 'service.port'), String(server.address().port));
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
