// Terminals over the desktop transport (Electron IPC), driven through registerIpc with
// stand-ins for Electron's ipcMain, a window's WebContents and MessagePortMain (the Electron
// binary cannot be downloaded here): each attached panel has its own port, sent before it
// attaches; output reaches that port only, an attached panel that does not acknowledge
// pauses the pty at the high watermark, its acknowledgements (on the port) let output flow
// again, and a reload of the window (did-navigate) ends its ports and detaches its panels,
// so a panel that is gone never holds the session, which a new panel reattaches to.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { bootServices } from '../../main/api/boot';
import { registerIpc } from '../../main/transport/ipc-main';
import { CHANNELS } from '../../contract/channels';
import type { WarRoomEvent } from '../../contract/events';
import { TerminalTuning } from '../../contract/terminal-tuning';
import { decodeTerminalFrame, encodeTerminalFrame, type TerminalClientFrame, type TerminalServerFrame } from '../../contract/terminal-frames';
import { tempDir } from '../support/temp-dir';

const services = await bootServices({ workspaceDir: tempDir(), runtime: 'electron' });
after(() => services.dispose());
const [listing] = await services.workspace.list();
const slug = listing!.slug;

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type InvokeHandler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<Result>;
type PortHandler = (event: IpcMainEvent, message: unknown) => void;

const received: WarRoomEvent[] = [];
const contents = Object.assign(new EventEmitter(), {
  id: 1,
  isDestroyed: () => false,
  send: (channel: string, event: WarRoomEvent) => {
    if (channel === CHANNELS.event) received.push(event);
  },
}) as unknown as WebContents;
let handler: InvokeHandler | undefined;
let onPort: PortHandler | undefined;
let trusted = true;
const dispose = registerIpc(
  {
    handle: (_channel: string, listener: InvokeHandler) => void (handler = listener),
    removeHandler: () => undefined,
    on: (channel: string, listener: PortHandler) => void (channel === CHANNELS.terminalPort ? (onPort = listener) : undefined),
    removeListener: () => undefined,
  } as never,
  services,
  () => trusted,
  () => [contents],
);
after(dispose);

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await handler!({ sender: contents } as IpcMainInvokeEvent, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/** The window's end of one MessagePort pair: what main posted to it, and how the page sends and closes. */
class PagePort {
  readonly frames: TerminalServerFrame[] = [];
  closedByMain = false;
  /** The MessagePortMain stand-in main receives. */
  readonly main = Object.assign(new EventEmitter(), {
    start: () => undefined,
    postMessage: (bytes: Uint8Array) => {
      const frame = decodeTerminalFrame(bytes);
      assert.ok(frame && (frame.kind === 'output' || frame.kind === 'exit' || frame.kind === 'skipped'), 'main posts only panel frames');
      this.frames.push(frame);
    },
    close: () => {
      this.closedByMain = true;
    },
  });

  send(frame: TerminalClientFrame): void {
    this.main.emit('message', { data: encodeTerminalFrame(frame), ports: [] });
  }

  chars(): number {
    let chars = 0;
    for (const frame of this.frames) if (frame.kind === 'output') chars += frame.data.length;
    return chars;
  }
}

/** The preload's openTerminalChannel: a port sent with ipcRenderer.postMessage before the attach. */
function offerPort(sessionId: string, attachmentId: string): PagePort {
  const port = new PagePort();
  onPort!({ sender: contents, senderFrame: null, ports: [port.main] } as unknown as IpcMainEvent, { sessionId, attachmentId });
  return port;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openFlood(): Promise<string> {
  const home = tempDir('warroom-home-');
  await call('target.save', {
    slug,
    target: { id: 'flood', name: 'flood', environment: 'sandbox', command: '/bin/sh', args: [], env: { HOME: home, PS1: '$ ' }, cwd: home },
  });
  return (await call<{ id: string }>('terminal.open', { slug, targetId: 'flood', cols: 80, rows: 24 })).id;
}

test('over IPC: a panel that does not acknowledge holds the pty at the watermark, acknowledging lets it flow, a reload lets go', async () => {
  const sessionId = await openFlood();
  const attachmentId = randomUUID();
  const port = offerPort(sessionId, attachmentId);
  const attached = await call<{ attachmentId: string; offset: number }>('terminal.attach', { slug, sessionId, attachmentId });
  assert.equal(attached.attachmentId, attachmentId);
  const start = port.chars();
  port.send({ kind: 'input', sessionId, attachmentId, data: 'yes\r' });
  await settle(1000);
  const held = port.chars() - start;
  // Paused once more than HighWatermark chars are unacknowledged: at most that plus the reads in flight.
  assert.ok(held > TerminalTuning.HighWatermarkChars, `output reached the port: ${held}`);
  assert.ok(held < TerminalTuning.HighWatermarkChars + 200_000, `the pty was paused near the watermark: ${held} chars sent without acknowledgement`);
  await settle(500);
  assert.ok(port.chars() - start - held < 70_000, 'and stays paused');
  assert.ok(!received.some((event) => JSON.stringify(event).includes('y\\r\\ny')), 'terminal output never crosses the event channel');

  // The panel catches up: output flows again, a window at a time.
  port.send({ kind: 'ack', sessionId, attachmentId, chars: port.chars() - start });
  await settle(300);
  const resumed = port.chars() - start;
  assert.ok(resumed > held + TerminalTuning.HighWatermarkChars / 2, `acknowledging resumed the output: ${held} -> ${resumed}`);

  // The window reloads: its port ends and its panel is gone, so nothing holds the session any more.
  contents.emit('did-navigate');
  assert.ok(port.closedByMain, 'the reload closed the panel port');
  const terminals = await services.terminals(slug);
  const unheld = terminals.manager.list().find((info) => info.id === sessionId);
  assert.ok(unheld && unheld.exit === undefined);
  await settle(300);
  const after = port.chars();
  await settle(300);
  assert.equal(port.chars(), after, 'a closed port receives nothing');

  // The reloaded page reattaches with a new port and the recent output, and its Ctrl-C reaches the process.
  const againId = randomUUID();
  const again = offerPort(sessionId, againId);
  const view = await call<{ attachmentId: string; scrollback: string; offset: number }>('terminal.attach', { slug, sessionId, attachmentId: againId });
  assert.ok(view.offset > attached.offset);
  assert.match(view.scrollback, /y\r\ny\r\n/);
  again.send({ kind: 'input', sessionId, attachmentId: againId, data: '\x03' });
  again.send({ kind: 'ack', sessionId, attachmentId: againId, chars: 100_000_000 });
  again.send({ kind: 'input', sessionId, attachmentId: againId, data: 'exit 7\r' });
  const deadline = Date.now() + 10_000;
  while (!again.frames.some((frame) => frame.kind === 'exit') && Date.now() < deadline) {
    again.send({ kind: 'ack', sessionId, attachmentId: againId, chars: 100_000_000 });
    await settle(50);
  }
  const exit = again.frames.find((frame) => frame.kind === 'exit');
  assert.equal(exit?.kind === 'exit' ? exit.exit.exitCode : undefined, 7, 'the exit is said on the channel, after the output');
  assert.equal(again.frames.at(-1)?.kind, 'exit');
  assert.ok(again.closedByMain, 'the session end released the port');
});

test('over IPC: a port from an untrusted sender is closed and cannot be attached; a port names one session', async () => {
  const sessionId = await openFlood();
  trusted = false;
  const foreignId = randomUUID();
  const foreign = offerPort(sessionId, foreignId);
  trusted = true;
  assert.ok(foreign.closedByMain, 'the port of an untrusted frame was closed at once');
  await assert.rejects(call('terminal.attach', { slug, sessionId, attachmentId: foreignId }), /opened no terminal channel/);

  // A port offered for another session does not bind to this one.
  const otherId = randomUUID();
  offerPort(randomUUID(), otherId);
  await assert.rejects(call('terminal.attach', { slug, sessionId, attachmentId: otherId }), /opened no terminal channel/);

  // Malformed offers are refused: no port, two ports, a bad id.
  const bad = new PagePort();
  onPort!({ sender: contents, senderFrame: null, ports: [bad.main] } as unknown as IpcMainEvent, { sessionId: '../x', attachmentId: 'y' });
  assert.ok(bad.closedByMain);
  await call('terminal.close', { slug, sessionId });
});
