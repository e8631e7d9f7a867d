import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { reserveRecordingFile } from '../../main/pty/asciicast-writer';
import { RecordingThread, RecordingThreadTuning } from '../../main/pty/recording-thread';
import { tempFolder } from './pty-helpers';

test('a recording thread whose script fails to load fails the close at once, not after the disk timeout', (t) => {
  const folder = tempFolder('rec-thread');
  t.after(folder.remove);
  const thread = new RecordingThread(new URL('data:text/javascript,throw new Error("the recording script is broken")'));
  const lost: string[] = [];
  const id = thread.register({ onNotice: () => undefined, onThreadLost: (error) => lost.push(error.message) });
  const file = join(folder.path, 'x.cast');
  reserveRecordingFile(file);
  thread.post({ kind: 'open', id, options: { file }, size: { cols: 80, rows: 24 }, startMs: Date.now(), reserved: true });
  const started = Date.now();
  assert.throws(() => thread.call({ kind: 'close', id, atMs: Date.now() }, file), /The recording thread stopped/);
  assert.ok(Date.now() - started < RecordingThreadTuning.SyncCallTimeoutMs / 3, `took ${Date.now() - started} ms`);
  assert.equal(thread.alive, false);
  assert.equal(lost.length, 1, 'the open recordings are told');
});
