#!/usr/bin/env node
// Controls the demo's sandbox service, as a deploy tool controls a real one.
//   sandboxctl.mjs <status|start|stop|restart|switch VERSION|health|init> --dir DIR
//   sandboxctl.mjs canary VERSION PERCENT --dir DIR   send PERCENT (0-100) of the traffic to VERSION (live, no restart)
//   sandboxctl.mjs canary off --dir DIR               all traffic back to the stable version
//   sandboxctl.mjs promote --dir DIR                  the canary's version becomes the stable one (restarts)
//   sandboxctl.mjs flag NAME on|off --dir DIR         flip a feature flag through the service's flag endpoint
//   sandboxctl.mjs metrics --dir DIR                  print /metrics (Prometheus text format)
// Exit codes: 0 ok, 1 the operation or the health check failed, 2 usage.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? args[dirIndex + 1] : process.env.WARROOM_SANDBOX;
const [command, argument, extra] = args.filter((_, index) => index !== dirIndex && index !== dirIndex + 1);
if (!dir || !command) usage();

if (command !== 'init' && !existsSync(join(dir, 'current'))) {
  console.error(
    `no sandbox in ${dir}: add the sandbox target to this release (War Room, Playbooks view: "Add the sandbox target"), or run: sandboxctl.mjs init v2 --dir DIR`,
  );
  process.exit(1);
}

const file = (name) => join(dir, name);
const read = (name) => (existsSync(file(name)) ? readFileSync(file(name), 'utf8').trim() : '');

function usage() {
  console.error(
    'usage: sandboxctl.mjs <status|start|stop|restart|switch VERSION|health|init|canary VERSION PERCENT|canary off|promote|flag NAME on|off|metrics> --dir DIR',
  );
  process.exit(2);
}

function pid() {
  const value = Number(read('service.pid'));
  if (!Number.isInteger(value) || value <= 0) return null;
  try {
    process.kill(value, 0);
    return value;
  } catch {
    return null;
  }
}

function request(path, method = 'GET', payload = undefined) {
  const port = read('service.port');
  return new Promise((resolve) => {
    if (!port) return resolve({ status: 0, body: 'service not running (no port file)' });
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, method, timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ status: 0, body: `unreachable: ${error.message}` }));
    req.end(payload);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function start() {
  if (pid()) return console.log(`already running (pid ${pid()}, version ${read('current')})`);
  rmSync(file('service.port'), { force: true });
  const log = openSync(file('service.log'), 'a');
  const child = spawn(process.execPath, [join(here, 'service.mjs'), dir], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  writeFileSync(file('service.pid'), String(child.pid));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (read('service.port')) {
      const { status } = await request('/version');
      if (status === 200) return console.log(`started ${read('current')} (pid ${child.pid}, port ${read('service.port')})`);
    }
    await sleep(50);
  }
  console.error('the service did not come up within 5 s; see service.log');
  process.exit(1);
}

async function stop() {
  const running = pid();
  if (!running) {
    rmSync(file('service.pid'), { force: true });
    return console.log('not running');
  }
  process.kill(running, 'SIGTERM');
  for (let attempt = 0; attempt < 100 && pid(); attempt += 1) await sleep(50);
  if (pid()) process.kill(running, 'SIGKILL');
  rmSync(file('service.pid'), { force: true });
  rmSync(file('service.port'), { force: true });
  console.log(`stopped (pid ${running})`);
}

switch (command) {
  case 'init': {
    mkdirSync(file('versions'), { recursive: true });
    writeFileSync(
      file('versions/v1.json'),
      JSON.stringify({ healthy: true, notes: 'checkout 4.1, the last good release', errorRate: 0.005, latencyMs: { p50: 40, p99: 120 } }),
    );
    writeFileSync(
      file('versions/v2.json'),
      JSON.stringify({
        healthy: false,
        failure: 'checkout p99 latency 2400 ms (SLO 300 ms)',
        // Fine as a 5% canary, broken under load: its pricing cache storms from 25% on.
        errorRate: 0.005,
        errorRatePerShare: 0.5,
        latencyMs: { p50: 60, p99: 150, p99PerShare: 5000 },
        flag: 'new-pricing-cache',
      }),
    );
    writeFileSync(file('current'), argument ?? 'v2');
    console.log(`initialised ${dir} with v1 (good) and v2 (broken); current ${argument ?? 'v2'}`);
    break;
  }
  case 'status': {
    const running = pid();
    const { body } = running ? await request('/version') : { body: '' };
    console.log(running ? `running (pid ${running}): ${body}; configured version ${read('current')}` : `stopped; configured version ${read('current')}`);
    break;
  }
  case 'start':
    await start();
    break;
  case 'stop':
    await stop();
    break;
  case 'restart':
    await stop();
    await start();
    break;
  case 'switch': {
    if (!argument || !existsSync(file(`versions/${argument}.json`))) {
      console.error(`unknown version ${argument ?? '(none)'}; known: v1, v2`);
      process.exit(1);
    }
    writeFileSync(file('current'), argument);
    console.log(`switched configured version to ${argument} (restart to apply)`);
    break;
  }
  case 'health': {
    const { status, body } = await request('/health');
    console.log(`HTTP ${status} ${body}`);
    process.exit(status === 200 ? 0 : 1);
    break;
  }
  case 'canary': {
    if (argument === 'off') {
      rmSync(file('canary'), { force: true });
      console.log(`canary off: all traffic to ${read('current')}`);
      break;
    }
    const weight = Number(extra);
    if (!argument || !existsSync(file(`versions/${argument}.json`))) {
      console.error(`unknown version ${argument ?? '(none)'}; known: v1, v2`);
      process.exit(1);
    }
    if (extra === undefined || !Number.isFinite(weight) || weight < 0 || weight > 100) {
      console.error(`the canary's share must be a percent from 0 to 100, not ${extra ?? '(none)'}`);
      process.exit(2);
    }
    writeFileSync(file('canary.tmp'), JSON.stringify({ version: argument, weight }));
    renameSync(file('canary.tmp'), file('canary'));
    console.log(`canary ${argument} at ${weight}% (stable ${read('current')} at ${100 - weight}%)`);
    break;
  }
  case 'promote': {
    const value = existsSync(file('canary')) ? JSON.parse(read('canary')) : null;
    if (!value?.version) {
      console.error('no canary to promote');
      process.exit(1);
    }
    writeFileSync(file('current'), value.version);
    rmSync(file('canary'), { force: true });
    console.log(`promoted ${value.version} to stable`);
    if (pid()) {
      await stop();
      await start();
    }
    break;
  }
  case 'flag': {
    if (!argument || (extra !== 'on' && extra !== 'off')) usage();
    const before = await request(`/flags/${argument}`);
    const after = await request(`/flags/${argument}`, 'PUT', JSON.stringify({ enabled: extra === 'on' }));
    console.log(`flag ${argument}: before ${before.body}; after HTTP ${after.status} ${after.body}`);
    process.exit(after.status === 200 ? 0 : 1);
    break;
  }
  case 'metrics': {
    const { status, body } = await request('/metrics');
    console.log(body);
    process.exit(status === 200 ? 0 : 1);
    break;
  }
  default:
    usage();
}
