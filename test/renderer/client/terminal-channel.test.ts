// The renderer's end of a terminal data channel, in Node: a stand-in bridge whose ports
// hand frames to the test (the real codec on both sides), a stand-in terminal whose write
// callbacks the test runs (as xterm does once it has parsed), and requests the test answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TerminalChannelPort } from '../../../contract/bridge';
import type { TerminalAttachView } from '../../../contract/requests/terminal-requests';
import { decodeTerminalFrame, encodeTerminalFrame, type TerminalClientFrame, type TerminalServerFrame } from '../../../contract/terminal-frames';
import { TerminalTuning } from '../../../contract/terminal-tuning';
import { openTerminalChannel, type TerminalChannelOptions } from '../../../renderer/src/client/terminal-channel';

/** A server frame without its tag (the port adds it). */
type ServerFrameBody = TerminalServerFrame extends infer Frame
  ? Frame extends TerminalServerFrame
    ? Omit<Frame, 'sessionId' | 'attachmentId'>
    : never
  : never;

const sessionId = '0b6c7d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

class FakePort implements TerminalChannelPort {
  readonly sent: TerminalClientFrame[] = [];
  closed = false;
  private listener: ((frame: Uint8Array) => void) | null = null;
  private readonly early: Uint8Array[] = [];
  private closeListener: (() => void) | null = null;
  constructor(readonly attachmentId: string) {}
  send(frame: Uint8Array): void {
    const decoded = decodeTerminalFrame(frame);
    assert.ok(decoded && (decoded.kind === 'input' || decoded.kind === 'ack' || decoded.kind === 'resize'), 'a panel sends only client frames');
    this.sent.push(decoded);
  }
  onMessage(listener: (frame: Uint8Array) => void): void {
    this.listener = listener;
    for (const frame of this.early.splice(0)) listener(frame);
  }
  onClose(listener: () => void): void {
    this.closeListener = listener;
  }
  close(): void {
    this.closed = true;
  }
  /** Main sends a frame on this channel. */
  deliver(frame: ServerFrameBody): void {
    const bytes = encodeTerminalFrame({ ...frame, sessionId, attachmentId: this.attachmentId });
    if (this.listener) this.listener(bytes);
    else this.early.push(bytes);
  }
  /** The connection was lost. */
  lose(): void {
    this.closeListener?.();
  }
  input(): string {
    return this.sent.map((frame) => (frame.kind === 'input' ? frame.data : '')).join('');
  }
  acks(): number {
    return this.sent.reduce((sum, frame) => sum + (frame.kind === 'ack' ? frame.chars : 0), 0);
  }
}

class FakeTerminal {
  screen = '';
  resets = 0;
  readonly pending: (() => void)[] = [];
  write(data: string, callback?: () => void): void {
    this.screen += data;
    if (callback) this.pending.push(callback);
  }
  reset(): void {
    this.resets += 1;
    this.screen = '';
  }
  /** xterm parses the oldest write still pending. */
  parseOne(): void {
    this.pending.shift()?.();
  }
  /** xterm parses everything written so far. */
  parse(): void {
    for (const callback of this.pending.splice(0)) callback();
  }
}

function view(attachmentId: string, scrollback: string, offset: number, extra: Partial<TerminalAttachView['session']> = {}): TerminalAttachView {
  return {
    attachmentId,
    mode: 'control',
    scrollback,
    offset,
    session: { id: sessionId, targetId: 't', targetName: 't', environment: 'sandbox', cols: 80, rows: 24, startedAt: '2026-01-01T00:00:00Z', ...extra },
  };
}

function harness(options: Partial<TerminalChannelOptions> = {}) {
  const ports: FakePort[] = [];
  const attaches: { input: { attachmentId: string; mode: string }; resolve: (view: TerminalAttachView) => void; reject: (error: Error) => void }[] = [];
  const detached: string[] = [];
  const terminal = new FakeTerminal();
  const exits: unknown[] = [];
  const errors: string[] = [];
  let counter = 0;
  const channel = openTerminalChannel(
    {
      bridge: {
        openTerminalChannel: (session, attachmentId) => {
          assert.equal(session, sessionId);
          const port = new FakePort(attachmentId);
          ports.push(port);
          return port;
        },
      },
      requests: {
        attach: (input) => new Promise((resolve, reject) => attaches.push({ input, resolve, reject })),
        detach: async (input) => void detached.push(input.attachmentId),
      },
      newId: () => `attachment-${(counter += 1)}`,
    },
    { slug: 'rel', sessionId, mode: 'control', terminal, onExit: (exit) => exits.push(exit), onError: (error) => errors.push(error.message), ...options },
  );
  return { channel, ports, attaches, detached, terminal, exits, errors };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the channel is opened before the attach names it; output that arrives first waits, what the scrollback holds is skipped', async () => {
  const { ports, attaches, terminal } = harness();
  assert.equal(ports.length, 1, 'the port exists before the request');
  assert.equal(attaches[0]?.input.attachmentId, ports[0]!.attachmentId);
  // Output races ahead of the attach's answer: 'hello ' is in the scrollback, 'world' is new.
  ports[0]!.deliver({ kind: 'output', offset: 100, data: 'hello world' });
  assert.equal(terminal.screen, '', 'nothing is painted before the scrollback');
  attaches[0]!.resolve(view(ports[0]!.attachmentId, 'SCROLLBACK hello ', 106));
  await tick();
  assert.equal(terminal.screen, 'SCROLLBACK hello world');
  ports[0]!.deliver({ kind: 'output', offset: 90, data: 'old' });
  ports[0]!.deliver({ kind: 'output', offset: 111, data: '!' });
  assert.equal(terminal.screen, 'SCROLLBACK hello world!');
});

test('acknowledgements go on the channel from the write callback, in steps of CharCountAckSize', async () => {
  const { ports, attaches, terminal } = harness();
  attaches[0]!.resolve(view(ports[0]!.attachmentId, '', 0));
  await tick();
  const port = ports[0]!;
  const step = TerminalTuning.CharCountAckSize;
  port.deliver({ kind: 'output', offset: 0, data: 'x'.repeat(step - 1) });
  assert.equal(port.acks(), 0, 'not before xterm parsed it');
  terminal.parse();
  assert.equal(port.acks(), 0, 'below one step: no message yet');
  port.deliver({ kind: 'output', offset: step - 1, data: 'y'.repeat(step * 3) });
  terminal.parse();
  assert.equal(port.acks(), step * 4 - 1, 'everything parsed is acknowledged once the step is reached');
  assert.ok(port.sent.every((frame) => frame.kind !== 'ack' || frame.attachmentId === port.attachmentId));
});

test('a large batch goes to xterm in slices, acknowledged slice by slice while the rest is still being parsed', async () => {
  const { ports, attaches, terminal } = harness();
  attaches[0]!.resolve(view(ports[0]!.attachmentId, '', 0));
  await tick();
  const port = ports[0]!;
  const batch = 'z'.repeat(TerminalTuning.WriteSliceChars * 4);
  port.deliver({ kind: 'output', offset: 0, data: batch });
  assert.equal(terminal.pending.length, 4, 'four writes');
  terminal.parseOne();
  assert.equal(port.acks(), TerminalTuning.WriteSliceChars, 'the first slice is acknowledged before the others are parsed');
  terminal.parse();
  assert.equal(port.acks(), batch.length);
  assert.equal(terminal.screen, batch);
});

test('keystrokes and a resize given before the attach answers are sent after it, on the channel; a huge paste is split', async () => {
  const { channel, ports, attaches } = harness();
  assert.equal(channel.input('ls'), true);
  channel.resize(100, 30);
  assert.equal(ports[0]!.sent.length, 0, 'main binds the channel at attach: nothing is sent before');
  attaches[0]!.resolve(view(ports[0]!.attachmentId, '', 0));
  await tick();
  channel.input('\r');
  assert.equal(ports[0]!.input(), 'ls\r');
  assert.deepEqual(
    ports[0]!.sent.filter((frame) => frame.kind === 'resize').map((frame) => frame.kind === 'resize' && [frame.cols, frame.rows]),
    [[100, 30]],
  );
  const paste = 'p'.repeat(2_500_000);
  channel.input(paste);
  const inputs = ports[0]!.sent.filter((frame) => frame.kind === 'input');
  assert.equal(inputs.length, 2 + 3, 'a paste above the frame limit goes in several frames');
  assert.equal(ports[0]!.input(), `ls\r${paste}`);
});

test('a watch attachment never sends input or resizes', async () => {
  const { channel, ports, attaches } = harness({ mode: 'watch' });
  assert.equal(attaches[0]!.input.mode, 'watch');
  attaches[0]!.resolve({ ...view(ports[0]!.attachmentId, '', 0), mode: 'watch' });
  await tick();
  assert.equal(channel.input('rm -rf /\r'), false);
  channel.resize(100, 30);
  assert.deepEqual(ports[0]!.sent, []);
});

test('the exit is reported once xterm has parsed the last output; a skip is shown; dispose detaches and closes the port', async () => {
  const { channel, ports, attaches, terminal, exits, detached } = harness();
  attaches[0]!.resolve(view(ports[0]!.attachmentId, '', 0));
  await tick();
  ports[0]!.deliver({ kind: 'output', offset: 0, data: 'last words' });
  ports[0]!.deliver({ kind: 'skipped', chars: 12345 });
  ports[0]!.deliver({ kind: 'exit', exit: { exitCode: 3, endedBy: 'exited' } });
  assert.deepEqual(exits, [], 'not before the output is parsed');
  assert.match(terminal.screen, /12345 characters not shown/);
  terminal.parse();
  assert.deepEqual(exits, [{ exitCode: 3, endedBy: 'exited' }]);
  // After the end, a closed channel is not reattached.
  ports[0]!.lose();
  assert.equal(ports.length, 1);
  channel.dispose();
  channel.dispose();
  await tick();
  assert.deepEqual(detached, [ports[0]!.attachmentId]);
  assert.equal(ports[0]!.closed, true);
});

test('a lost channel of a running session attaches again with a fresh id and repaints; frames of the old one are ignored', async () => {
  const { ports, attaches, terminal } = harness();
  attaches[0]!.resolve(view(ports[0]!.attachmentId, 'first ', 0));
  await tick();
  ports[0]!.lose();
  assert.equal(ports.length, 2, 'a new channel');
  assert.notEqual(ports[1]!.attachmentId, ports[0]!.attachmentId);
  ports[0]!.deliver({ kind: 'output', offset: 6, data: 'stale' });
  attaches[1]!.resolve(view(ports[1]!.attachmentId, 'again ', 50));
  await tick();
  assert.equal(terminal.resets, 2);
  assert.equal(terminal.screen, 'again ');
});

test('an attach that fails closes the port and says why; disposing before the answer detaches once it comes', async () => {
  const failed = harness();
  failed.attaches[0]!.reject(new Error('Terminal session x is not open'));
  await tick();
  assert.deepEqual(failed.errors, ['Terminal session x is not open']);
  assert.equal(failed.ports[0]!.closed, true);

  const early = harness();
  early.channel.dispose();
  early.attaches[0]!.resolve(view(early.ports[0]!.attachmentId, 'late', 0));
  await tick();
  await tick();
  assert.equal(early.terminal.screen, '', 'nothing painted into a disposed panel');
  assert.deepEqual(early.detached, [early.ports[0]!.attachmentId]);
});
