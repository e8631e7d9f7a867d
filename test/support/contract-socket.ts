import WebSocket from 'ws';
import type { RunningWarRoom } from './browser-mode';

/** The contract over the same WebSocket the page uses (its token, its origin): for what the test arranges, not what it checks. */
export async function contractSocket(app: RunningWarRoom) {
  const token = new URL(app.url).hash.match(/token=([^&]+)/)?.[1] ?? '';
  const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ws?token=${token}`, { origin: app.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; value?: unknown; error?: { message: string } } };
    if (typeof message.id === 'number' && message.result) waiting.get(message.id)?.(message.result);
  });
  return {
    async call<T>(name: string, input: unknown): Promise<T> {
      const id = nextId++;
      const result = await new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, name, input }));
      });
      if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
      return result.value as T;
    },
    close: () => ws.close(),
  };
}
