// Terminals over the desktop transport (Electron IPC), driven through registerIpc with
// stand-ins for Electron's ipcMain and a window's WebContents (the Electron binary cannot
// be downloaded here): output reaches the window as events, an attached panel that does
// not acknowledge pauses the pty at the high watermark, its acknowledgements let output
// flow again, and a reload of the window (did-navigate) detaches its panels, so a panel
// that is gone never holds the session, which a new panel reattaches to.
import { EventEmitter } from 'node:events';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { bootServices } from '../../main/api/boot';
import { registerIpc } from '../../main/transport/ipc-main';
import { CHANNELS } from '../../contract/channels';
import type { WarRoomEvent } from '../../contract/events';
import { TerminalTuning } from '../../contract/terminal-tuning';
import { tempDir } from '../support/temp-dir';

const services = await bootServices({ workspaceDir: tempDir(), runtime: 'electron' });
after(() => services.dispose());
const [listing] = await services.workspace.list();
const slug = listing!.slug;

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type InvokeHandler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<Result>;

const received: WarRoomEvent[] = [];
const contents = Object.assign(new EventEmitter(), {
  id: 1,
  isDestroyed: () => false,
  send: (channel: string, event: WarRoomEvent) => {
    if (channel === CHANNELS.event) received.push(event);
  },
}) as unknown as WebContents;
let handler: InvokeHandler | undefined;
const dispose = registerIpc(
  { handle: (_channel: string, listener: InvokeHandler) => void (handler = listener), removeHandler: () => undefined } as never,
  services,
  () => true,
  () => [contents],
);
after(dispose);

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await handler!({ sender: contents } as IpcMainInvokeEvent, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/** Characters of `terminal.data` the window received for a session. */
function sent(sessionId: string): number {
  let chars = 0;
  for (const event of received) if (event.type === 'terminal.data' && event.payload.sessionId === sessionId) chars += event.payload.data.length;
  return chars;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('over IPC: a panel that does not acknowledge holds the pty at the watermark, acknowledging lets it flow, a reload lets go', async () => {
  const home = tempDir('warroom-home-');
  await call('target.save', {
    slug,
    target: { id: 'flood', name: 'flood', environment: 'sandbox', command: '/bin/sh', args: [], env: { HOME: home, PS1: '$ ' }, cwd: home },
  });
  const session = await call<{ id: string }>('terminal.open', { slug, targetId: 'flood', cols: 80, rows: 24 });
  const attached = await call<{ attachmentId: string; offset: number }>('terminal.attach', { slug, sessionId: session.id });
  const start = sent(session.id);
  await call('terminal.write', { slug, sessionId: session.id, data: 'yes\r' });
  await settle(1000);
  const held = sent(session.id) - start;
  // Paused once more than HighWatermark chars are unacknowledged: at most that plus the reads in flight.
  assert.ok(held > TerminalTuning.HighWatermarkChars, `output reached the window: ${held}`);
  assert.ok(held < TerminalTuning.HighWatermarkChars + 200_000, `the pty was paused near the watermark: ${held} chars sent without acknowledgement`);
  await settle(500);
  assert.ok(sent(session.id) - start - held < 70_000, 'and stays paused');

  // The panel catches up: output flows again, a window at a time.
  await call('terminal.acknowledge', { slug, sessionId: session.id, attachmentId: attached.attachmentId, chars: sent(session.id) - start });
  await settle(300);
  const resumed = sent(session.id) - start;
  assert.ok(resumed > held + TerminalTuning.HighWatermarkChars / 2, `acknowledging resumed the output: ${held} -> ${resumed}`);

  // The window reloads: its panel is gone, so nothing holds the session any more.
  contents.emit('did-navigate');
  await settle(500);
  const free = sent(session.id) - start;
  await settle(500);
  assert.ok(sent(session.id) - start - free > 3 * TerminalTuning.HighWatermarkChars, 'without a panel the output is no longer held');

  // The reloaded page reattaches with the recent output, and its Ctrl-C reaches the process.
  const again = await call<{ attachmentId: string; scrollback: string; offset: number }>('terminal.attach', { slug, sessionId: session.id });
  assert.ok(again.offset > attached.offset);
  assert.match(again.scrollback, /y\r\ny\r\n/);
  await call('terminal.write', { slug, sessionId: session.id, data: '\x03' });
  await call('terminal.acknowledge', { slug, sessionId: session.id, attachmentId: again.attachmentId, chars: 100_000_000 });
  await call('terminal.write', { slug, sessionId: session.id, data: 'exit 7\r' });
  const deadline = Date.now() + 10_000;
  while (!received.some((event) => event.type === 'terminal.exit' && event.payload.sessionId === session.id) && Date.now() < deadline) {
    await call('terminal.acknowledge', { slug, sessionId: session.id, attachmentId: again.attachmentId, chars: 100_000_000 });
    await settle(50);
  }
  const exit = received.find((event) => event.type === 'terminal.exit' && event.payload.sessionId === session.id);
  assert.equal(exit?.type === 'terminal.exit' ? exit.payload.exitCode : undefined, 7);
});
