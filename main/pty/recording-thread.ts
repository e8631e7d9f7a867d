import type { MessagePort } from 'node:worker_threads';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { WarRoomError } from '../../contract/domain/errors';
import type { RecorderCommand, RecorderNotice, RecorderReply } from './recording-protocol';

/** Tuning of the recording thread. */
export const RecordingThreadTuning = {
  /** Longest wait for the thread to finish and close a file (a hung network disk), then the call fails. */
  SyncCallTimeoutMs: 30_000,
  /** How often a waiting call checks that the thread still runs. */
  WaitSliceMs: 25,
} as const;

/** A recording's end of the thread: its notices, and the news that the thread is gone. */
export interface RecordingThreadClient {
  onNotice(notice: RecorderNotice): void;
  onThreadLost(error: WarRoomError): void;
}

type SyncCommand = Extract<RecorderCommand, { kind: 'close' }>;
type WithoutSignal<T> = T extends unknown ? Omit<T, 'signal'> : never;

/**
 * The one worker thread that records every terminal of the process (recording-worker.ts).
 *
 * Posting a command costs the main thread a copy of the text; the redaction, JSON
 * encoding, hashing and writing happen on the other core, so a flood of output is read,
 * shown and recorded in parallel. The worker is unref'd: it never keeps the app alive,
 * and every session closes its recording (synchronously) before the app exits.
 */
export class RecordingThread {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  /** Set to 1 by the thread itself when it ends or its script fails to load (readable while we block). */
  private readonly life = new Int32Array(new SharedArrayBuffer(4));
  private readonly clients = new Map<number, RecordingThreadClient>();
  private nextId = 1;
  private lostWith: WarRoomError | undefined;

  /** `script`: the recording script (tests start one that fails to load). */
  constructor(script: URL = workerUrl()) {
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    this.replies.unref();
    this.worker = new Worker(BOOT, { eval: true, workerData: { replies: port2, script: script.href, life: this.life }, transferList: [port2] });
    this.worker.on('message', (notice: RecorderNotice) => this.clients.get(notice.id)?.onNotice(notice));
    this.worker.on('error', (error) => this.lose(error.message));
    this.worker.on('exit', (code) => this.lose(`it exited with code ${code}`));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  /** False once the thread died: a new recording gets a new thread. */
  get alive(): boolean {
    return this.lostWith === undefined;
  }

  register(client: RecordingThreadClient): number {
    const id = this.nextId++;
    this.clients.set(id, client);
    return id;
  }

  unregister(id: number): void {
    this.clients.delete(id);
  }

  /** Queue a command (output, resize, marker, ping); handled in order after those before it. */
  post(command: RecorderCommand): void {
    if (this.lostWith === undefined) this.worker.postMessage(command);
  }

  /** Send `close` and wait for its answer (everything posted before it is handled first). */
  call(command: WithoutSignal<SyncCommand>, file: string): RecorderReply {
    if (this.lostWith !== undefined) throw this.lostWith;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    this.worker.postMessage({ ...command, signal } as SyncCommand);
    const deadline = Date.now() + RecordingThreadTuning.SyncCallTimeoutMs;
    for (;;) {
      // In slices: a thread that died (a script that failed to load) cannot tell us while we wait.
      waitForSignal(signal, Math.min(RecordingThreadTuning.WaitSliceMs, Math.max(0, deadline - Date.now())));
      // Answers of earlier calls that timed out may still be queued: take ours.
      for (let received = receiveMessageOnPort(this.replies); received !== undefined; received = receiveMessageOnPort(this.replies)) {
        const reply = received.message as RecorderReply;
        if (reply.id === command.id) return reply;
      }
      // The 'exit' and 'error' events cannot arrive while this thread waits: the flag can.
      if (Atomics.load(this.life, 0) === 1) this.lose('it stopped while a recording waited for it');
      if (this.lostWith !== undefined) throw this.lostWith;
      if (Date.now() >= deadline) {
        throw new WarRoomError(
          'io',
          `Could not ${command.kind} the recording ${file}: the disk did not answer within ${RecordingThreadTuning.SyncCallTimeoutMs / 1000} s.`,
          [{ file }],
        );
      }
    }
  }

  private lose(reason: string): void {
    if (this.lostWith !== undefined) return;
    this.lostWith = new WarRoomError(
      'io',
      `The recording thread stopped (${reason}); the open recordings end here and miss what was not yet written (up to a few MB of output).`,
    );
    for (const client of this.clients.values()) client.onThreadLost(this.lostWith);
    this.clients.clear();
  }
}

/**
 * The thread's first code, plain JavaScript: it loads the recording script and, when the
 * thread ends for any reason (a script that fails to load included), raises `life` so
 * that a call blocked in Atomics.wait learns it at once instead of timing out.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const ended = () => { Atomics.store(workerData.life, 0, 1); Atomics.notify(workerData.life, 0); };
process.on('exit', ended);
import(workerData.script).catch((error) => { ended(); throw error; });
`;

let canBlock = true;

/**
 * Wait until the thread sets `signal`, or `ms` pass. Atomics.wait where this thread may
 * block (Node's main thread); where the embedder forbids it (a browser-process main
 * thread can), a short spin instead: open and close take milliseconds.
 */
function waitForSignal(signal: Int32Array, ms: number): void {
  if (canBlock) {
    try {
      Atomics.wait(signal, 0, 0, ms);
      return;
    } catch {
      canBlock = false;
    }
  }
  const until = Date.now() + ms;
  while (Atomics.load(signal, 0) === 0 && Date.now() < until) {
    // spin: the answer is a few milliseconds away
  }
}

let shared: RecordingThread | undefined;

/** The process's recording thread, started on first use (and again if it died). */
export function recordingThread(): RecordingThread {
  if (shared === undefined || !shared.alive) shared = new RecordingThread();
  return shared;
}

/**
 * The worker's file: beside this module in the sources (tsx), beside the bundle once
 * built (dist/main/recording-worker.js). In a packaged app it is unpacked from the asar
 * archive (electron-builder.yml), because a worker cannot start from inside one.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  const url = new URL(here.endsWith('.ts') ? './recording-worker-from-source.mjs' : './recording-worker.js', here);
  return new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'));
}
