/**
 * The recording thread: redaction, asciicast encoding, hashing and writing of every
 * terminal recording of the process, off the main thread that reads the ptys and
 * serves the renderer. One RecordingSink per recording; see recording-protocol.ts.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import type { RecorderCommand, RecorderNotice, RecorderReply } from './recording-protocol';
import { serializeError } from './recording-protocol';
import { RecordingSink } from './recording-sink';
import { openReservedRecording } from './asciicast-writer';

const port = parentPort;
if (port === null) throw new Error('recording-worker.ts runs as a worker thread (see recording-thread.ts)');
const replies = (workerData as { readonly replies: MessagePort }).replies;
const sinks = new Map<number, RecordingSink>();

/**
 * Recording is background work with a bounded backlog (the pty pauses when it falls
 * behind): on a laptop whose cores are busy drawing a flood, it yields to the renderer
 * and to the thread that reads the ptys. Linux gives threads their own nice value
 * (/proc/thread-self names this one); elsewhere the thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, RecordingWorkerTuning.Niceness);
  } catch {
    // not Linux, or not allowed: the default priority
  }
}

const RecordingWorkerTuning = {
  /** Nice value of the recording thread (0 normal, 19 lowest). */
  Niceness: 10,
} as const;

function reply(signal: Int32Array, message: RecorderReply): void {
  replies.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function notify(message: RecorderNotice): void {
  port!.postMessage(message);
}

function handle(command: RecorderCommand): void {
  switch (command.kind) {
    case 'open':
      try {
        const sink = new RecordingSink(
          command.options,
          command.size,
          command.startMs,
          (error) => notify({ kind: 'error', id: command.id, error: serializeError(error) }),
          openReservedRecording(command.options.file),
        );
        sinks.set(command.id, sink);
      } catch (error) {
        // The header could not be written: the session is told; its close reports the recording as failed.
        notify({ kind: 'error', id: command.id, error: serializeError(error) });
      }
      return;
    case 'close': {
      const sink = sinks.get(command.id);
      sinks.delete(command.id);
      try {
        if (sink === undefined) throw new Error(`recording ${command.id} is not open`);
        reply(command.signal, { kind: 'closed', id: command.id, result: sink.close(command.atMs) });
      } catch (error) {
        reply(command.signal, { kind: 'failed', id: command.id, error: serializeError(error) });
      }
      return;
    }
    case 'ping':
      notify({ kind: 'caught-up', id: command.id, mark: command.mark });
      return;
    default:
      break;
  }
  const sink = sinks.get(command.id);
  if (sink === undefined) return;
  try {
    if (command.kind === 'output') sink.output(command.data, command.atMs);
    else if (command.kind === 'resize') sink.resize(command.cols, command.rows, command.atMs);
    else sink.marker(command.label, command.atMs);
  } catch (error) {
    // A full disk must not go unnoticed: the main thread reports it (the writer names the file).
    notify({ kind: 'error', id: command.id, error: serializeError(error) });
  }
}

lowerPriority();
port.on('message', handle);
