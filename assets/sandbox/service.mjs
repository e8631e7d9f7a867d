// The demo's sandbox service: a tiny HTTP service on loopback with a version that can
// be healthy (v1) or broken (v2), so that the rollback playbook has something real to
// roll back and health-check. Started and stopped by sandboxctl.mjs, never by hand.
//
// Canary: the service runs its stable version (the file `current`, read at start) and,
// when the file `canary` says so ({"version": "v2", "weight": 25}), a canary version side
// by side. Every request to /checkout goes to the canary with probability weight/100;
// the service also serves a steady synthetic load (SYNTHETIC_PER_SECOND requests a
// second) through the same split so that its metrics move without a load generator.
// Each version's manifest (versions/<v>.json) gives its error rate and latency; v2's
// errors come from its feature `new-pricing-cache`: turn the flag off (PUT /flags/...)
// and v2 behaves like v1.
//
// GET /metrics is Prometheus's text format (0.0.4), written here by hand: the service is
// a standalone script run from the app's unpacked assets, with no node_modules next to it.
//   sandbox_http_requests_total{version,code}         counter
//   sandbox_http_request_duration_seconds{version}    histogram
//   sandbox_error_ratio{version}                      gauge, last WINDOW_SECONDS
//   sandbox_latency_p99_seconds{version}              gauge, last WINDOW_SECONDS
//   sandbox_traffic_weight{version}                   gauge, percent of traffic
//   sandbox_feature_flag{flag}                        gauge, 1 on, 0 off
import { createServer } from 'node:http';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: service.mjs <sandbox-dir>');
  process.exit(2);
}
const version = readFileSync(join(dir, 'current'), 'utf8').trim();
const manifestOf = (name) => {
  const file = join(dir, 'versions', `${name}.json`);
  const manifest = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { healthy: false, failure: `unknown version ${name}` };
  // Sandboxes initialised before the canary existed have no error rate or latency: derive them.
  return {
    ...manifest,
    errorRate: manifest.errorRate ?? (manifest.healthy ? 0.005 : 0.15),
    latencyMs: manifest.latencyMs ?? (manifest.healthy ? { p50: 40, p99: 120 } : { p50: 180, p99: 2400 }),
    flag: manifest.flag,
  };
};
const manifest = manifestOf(version);
const startedAt = new Date().toISOString();

/** Requests a second of the synthetic load; enough for a stable ratio at a 5% canary. */
const SYNTHETIC_PER_SECOND = 400;
/** The gauges look back this far: short, so that a canary step shows within seconds. */
const WINDOW_SECONDS = 10;
const BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const readJson = (name, fallback) => {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch {
    return fallback;
  }
};
let canary = { version: null, weight: 0 };
let flags = {};
const refresh = () => {
  const value = readJson('canary', null);
  canary =
    value && typeof value.version === 'string' && Number.isFinite(value.weight)
      ? { version: value.version, weight: Math.max(0, Math.min(100, value.weight)) }
      : { version: null, weight: 0 };
  flags = readJson('flags.json', {});
};
refresh();

const versions = new Map();
const stats = (name) => {
  let entry = versions.get(name);
  if (!entry) {
    entry = { manifest: manifestOf(name), codes: new Map(), buckets: BUCKETS.map(() => 0), count: 0, sum: 0, window: [] };
    versions.set(name, entry);
  }
  return entry;
};
stats(version);

/** One request's fate on a version: its status and latency (seconds), from the manifest. */
function serve(name) {
  const entry = stats(name);
  const { errorRate, latencyMs, flag } = entry.manifest;
  const flagOff = flag && flags[flag] === false;
  // A version may degrade with its share of the traffic (v2's pricing cache: fine at 5%,
  // a miss storm at 25%): errorRatePerShare and latencyMs.p99PerShare add per 100%.
  const share = name === version ? 1 - (canary.version && canary.version !== version ? canary.weight / 100 : 0) : canary.weight / 100;
  const rate = flagOff ? 0.005 : errorRate + (entry.manifest.errorRatePerShare ?? 0) * share;
  const p50 = flagOff ? 40 : latencyMs.p50;
  const p99 = flagOff ? 120 : latencyMs.p99 + (latencyMs.p99PerShare ?? 0) * share;
  const status = Math.random() < rate ? 500 : 200;
  // 98% of requests near p50, 2% near p99: the 99th percentile lands on the slow ones.
  const base = Math.random() < 0.02 ? p99 : p50;
  const seconds = (base * (0.85 + Math.random() * 0.3)) / 1000;
  entry.codes.set(status, (entry.codes.get(status) ?? 0) + 1);
  entry.count += 1;
  entry.sum += seconds;
  BUCKETS.forEach((bound, index) => {
    if (seconds <= bound) entry.buckets[index] += 1;
  });
  const second = Math.floor(Date.now() / 1000);
  let slot = entry.window[entry.window.length - 1];
  if (!slot || slot.second !== second) {
    slot = { second, count: 0, errors: 0, latencies: [] };
    entry.window.push(slot);
    while (entry.window.length > 0 && entry.window[0].second <= second - WINDOW_SECONDS) entry.window.shift();
  }
  slot.count += 1;
  if (status >= 500) slot.errors += 1;
  slot.latencies.push(seconds);
  return { status, seconds };
}

const route = () => (canary.version && Math.random() * 100 < canary.weight ? canary.version : version);

// Paced by the clock, not by the timer: on a busy machine the timer fires late, and a
// tick then serves what was due since the last one, so a canary's window always holds
// about the same number of requests (a thin window makes its error ratio a coin toss).
const syntheticStart = Date.now();
let syntheticServed = 0;
const synthetic = setInterval(() => {
  refresh();
  const due = Math.floor(((Date.now() - syntheticStart) * SYNTHETIC_PER_SECOND) / 1000) - syntheticServed;
  // After a long stall (a suspended laptop) do not replay minutes of traffic at once.
  const now = Math.min(due, SYNTHETIC_PER_SECOND * 2);
  for (let index = 0; index < now; index += 1) serve(route());
  syntheticServed += due;
}, 100);

function metrics() {
  const lines = [];
  const family = (name, type, help) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  const now = Math.floor(Date.now() / 1000);
  family('sandbox_http_requests_total', 'counter', 'Requests served, by version and status code.');
  for (const [name, entry] of versions)
    for (const [code, count] of entry.codes) lines.push(`sandbox_http_requests_total{version="${name}",code="${code}"} ${count}`);
  family('sandbox_http_request_duration_seconds', 'histogram', 'Request latency, by version.');
  for (const [name, entry] of versions) {
    BUCKETS.forEach((bound, index) => lines.push(`sandbox_http_request_duration_seconds_bucket{version="${name}",le="${bound}"} ${entry.buckets[index]}`));
    lines.push(`sandbox_http_request_duration_seconds_bucket{version="${name}",le="+Inf"} ${entry.count}`);
    lines.push(`sandbox_http_request_duration_seconds_sum{version="${name}"} ${entry.sum}`);
    lines.push(`sandbox_http_request_duration_seconds_count{version="${name}"} ${entry.count}`);
  }
  const recent = (entry) => entry.window.filter((slot) => slot.second > now - WINDOW_SECONDS);
  family('sandbox_error_ratio', 'gauge', `Share of requests that failed (5xx) over the last ${WINDOW_SECONDS} s, by version.`);
  for (const [name, entry] of versions) {
    const slots = recent(entry);
    const count = slots.reduce((total, slot) => total + slot.count, 0);
    if (count > 0) lines.push(`sandbox_error_ratio{version="${name}"} ${slots.reduce((total, slot) => total + slot.errors, 0) / count}`);
  }
  family('sandbox_latency_p99_seconds', 'gauge', `99th percentile latency over the last ${WINDOW_SECONDS} s, by version.`);
  for (const [name, entry] of versions) {
    const latencies = recent(entry)
      .flatMap((slot) => slot.latencies)
      .sort((a, b) => a - b);
    if (latencies.length > 0)
      lines.push(`sandbox_latency_p99_seconds{version="${name}"} ${latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]}`);
  }
  family('sandbox_traffic_weight', 'gauge', 'Percent of traffic each version receives.');
  lines.push(`sandbox_traffic_weight{version="${version}"} ${canary.version && canary.version !== version ? 100 - canary.weight : 100}`);
  if (canary.version && canary.version !== version) lines.push(`sandbox_traffic_weight{version="${canary.version}"} ${canary.weight}`);
  family('sandbox_feature_flag', 'gauge', 'Feature flags: 1 on, 0 off.');
  const known = new Set([...Object.keys(flags), ...[...versions.values()].map((entry) => entry.manifest.flag).filter(Boolean)]);
  for (const flag of [...known].sort()) lines.push(`sandbox_feature_flag{flag="${flag}"} ${flags[flag] === false ? 0 : 1}`);
  return lines.join('\n') + '\n';
}

const server = createServer((request, response) => {
  const body = (status, value) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(value) + '\n');
  };
  const url = new URL(request.url ?? '/', 'http://sandbox');
  if (url.pathname === '/health') {
    return manifest.healthy
      ? body(200, { status: 'ok', version, startedAt })
      : body(503, { status: 'degraded', version, startedAt, error: manifest.failure ?? 'unhealthy' });
  }
  if (url.pathname === '/version') return body(200, { version, startedAt, canary });
  if (url.pathname === '/metrics') {
    response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    return response.end(metrics());
  }
  if (url.pathname === '/checkout') {
    const served = route();
    const { status, seconds } = serve(served);
    return body(status, { version: served, latencyMs: Math.round(seconds * 1000), ...(status >= 500 ? { error: 'pricing cache miss storm' } : {}) });
  }
  const flag = /^\/flags\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname)?.[1];
  if (flag && request.method === 'GET') return body(200, { flag, enabled: flags[flag] !== false });
  if (flag && request.method === 'PUT') {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      let enabled;
      try {
        enabled = JSON.parse(text).enabled;
      } catch {
        enabled = undefined;
      }
      if (typeof enabled !== 'boolean') return body(400, { error: 'send {"enabled": true|false}' });
      const before = flags[flag] !== false;
      flags = { ...readJson('flags.json', {}), [flag]: enabled };
      writeFileSync(join(dir, 'flags.json.tmp'), JSON.stringify(flags));
      renameSync(join(dir, 'flags.json.tmp'), join(dir, 'flags.json'));
      body(200, { flag, before, enabled });
    });
    return undefined;
  }
  return body(404, { error: 'not found' });
});
// The service keeps its port across restarts (the file `listen.port`), so that a scraper's
// config (Prometheus's static target) stays right after a rollback or a promotion.
const preferred = Number(readJson('listen.port', 0)) || 0;
const listen = (port) =>
  server.listen(port, '127.0.0.1', () => {
    writeFileSync(join(dir, 'listen.port'), String(server.address().port));
    writeFileSync(join(dir, 'service.port'), String(server.address().port));
  });
server.once('error', (error) => {
  if (error.code !== 'EADDRINUSE' || preferred === 0) throw error;
  listen(0);
});
listen(preferred);
const stop = () => {
  clearInterval(synthetic);
  server.close(() => process.exit(0));
  // A scraper (Prometheus) keeps its connection open: close it, or the service never exits.
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
