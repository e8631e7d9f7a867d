#!/usr/bin/env node
// Controls the demo's sandbox service, as a deploy tool controls a real one.
//   sandboxctl.mjs <status|start|stop|restart|switch VERSION|health|init> --dir DIR
// Exit codes: 0 ok, 1 the operation or the health check failed, 2 usage.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? args[dirIndex + 1] : process.env.WARROOM_SANDBOX;
const [command, argument] = args.filter((_, index) => index !== dirIndex && index !== dirIndex + 1);
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
  console.error('usage: sandboxctl.mjs <status|start|stop|restart|switch VERSION|health|init> --dir DIR');
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

function request(path) {
  const port = read('service.port');
  return new Promise((resolve) => {
    if (!port) return resolve({ status: 0, body: 'service not running (no port file)' });
    const req = get({ host: '127.0.0.1', port: Number(port), path, timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ status: 0, body: `unreachable: ${error.message}` }));
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
    writeFileSync(file('versions/v1.json'), JSON.stringify({ healthy: true, notes: 'checkout 4.1, the last good release' }));
    writeFileSync(file('versions/v2.json'), JSON.stringify({ healthy: false, failure: 'checkout p99 latency 2400 ms (SLO 300 ms)' }));
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
  default:
    usage();
}
