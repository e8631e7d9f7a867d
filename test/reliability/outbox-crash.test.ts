import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Release } from '../../main/core/release/release';
import { createReleaseEvents, type ReleaseDefinition } from '../../contract/domain/release/release-meta';
import { messageIdOf } from '../../main/core/comms/channel-senders';
import { startSmtpReceiver, startWebhookReceiver } from '../support/comms-receivers';
import { tempDir } from '../support/temp-dir';
import { seededRandom } from '../../main/core/support/seeded-random';

// The 50 kills by default (WARROOM_OUTBOX_KILLS sets another number).
const kills = Number(process.env['WARROOM_OUTBOX_KILLS'] ?? 50);
const seed = Number(process.env['WARROOM_CRASH_SEED'] ?? Date.now() % 1_000_000);
const MESSAGES = 40;
const child = new URL('./fixtures/outbox-child.ts', import.meta.url).pathname;

interface Run {
  readonly approved: string[];
  readonly done: boolean;
}

/** Start the child; kill it `killAfterMs` after it is ready (null: let it finish). */
function runChild(dir: string, webhookUrl: string, smtpPort: number, killAfterMs: number | null): Promise<Run> {
  const env = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const process_ = spawn(process.execPath, ['--import', 'tsx', child, dir, String(MESSAGES), webhookUrl, String(smtpPort)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const approved: string[] = [];
  let done = false;
  let output = '';
  let errors = '';
  process_.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    process_.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const lines = output.split('\n');
      output = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready' && killAfterMs !== null) setTimeout(() => process_.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('approved ')) approved.push(line.slice('approved '.length));
        else if (line === 'done') done = true;
      }
    });
    process_.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ approved, done });
      else reject(new Error(`the outbox process exited with ${code}: ${errors}`));
    });
  });
}

test(
  `SIGKILL the sending process ${kills} times while channels fail: every approved update arrives exactly once by key, none is lost (seed ${seed})`,
  { timeout: 60_000 + kills * 10_000 },
  async () => {
    const random = seededRandom(seed);
    const hook = await startWebhookReceiver();
    const smtp = await startSmtpReceiver();
    hook.chaos = 0.3;
    smtp.chaos = 0.3;
    const dir = join(tempDir(), 'releases', 'crash');
    const release = await Release.create(
      dir,
      'crash',
      'dana',
      createReleaseEvents({ name: 'Crash', version: '1', mode: 'live', goLive: '2026-12-01T22:00:00Z', zone: 'UTC', description: '' } as ReleaseDefinition, []),
    );
    await release.close();
    const acknowledged = new Set<string>();
    try {
      for (let kill = 0; kill < kills; kill += 1) {
        const run = await runChild(dir, hook.url, smtp.port, Math.floor(random() * 1500));
        for (const key of run.approved) acknowledged.add(key);
      }
      // Calm channels for the last run, which must finish on its own.
      hook.chaos = 0;
      smtp.chaos = 0;
      const last = await runChild(dir, hook.url, smtp.port, null);
      for (const key of last.approved) acknowledged.add(key);
      assert.equal(last.done, true);

      const reopened = await Release.open(dir, 'crash');
      const keys = reopened.state.comms.messages.map((message) => message.key);
      assert.equal(keys.length, MESSAGES);
      for (const key of acknowledged) assert.ok(keys.includes(key), `${key} was acknowledged and is in the journal`);
      assert.deepEqual(
        reopened.state.comms.messages.filter((message) => Object.keys(message.delivered).length !== 2),
        [],
        'every delivery is journaled',
      );
      await reopened.close();

      assert.deepEqual([...hook.byKey.keys()].sort(), [...keys].sort(), 'each update arrived at the webhook, nothing else');
      assert.deepEqual([...smtp.byMessageId.keys()].sort(), keys.map((key) => messageIdOf(key, 'mail')).sort(), 'each update arrived by email, nothing else');
      for (const key of keys) {
        const body = hook.byKey.get(key) as { text: string };
        assert.match(body.text, new RegExp(`step ${key.split('-').at(-1)} done`), `${key} carries its own text`);
      }
      const webhookResends = hook.requests.filter((request) => request.accepted).length - hook.byKey.size;
      const mailResends = smtp.mails.length - smtp.byMessageId.size;
      console.log(
        `outbox crash: ${kills} kills (seed ${seed}), ${MESSAGES} updates x 2 channels delivered; resent after a kill and deduped by key: ${webhookResends} webhook, ${mailResends} email; ${hook.requests.filter((request) => !request.accepted).length} webhook failures answered`,
      );
    } finally {
      await hook.close();
      await smtp.close();
    }
  },
);
