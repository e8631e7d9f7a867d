/**
 * The sandbox's flag endpoint (GET/PUT /flags/<name>), as a flag service's API would be:
 * the state before, the change, the state after. Errors name the sandbox and the flag.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';

/** The flag the sandbox's v2 hides its new pricing cache behind. */
export const SANDBOX_FLAG = 'new-pricing-cache';

export async function flipSandboxFlag(
  sandboxDir: string,
  flag: string | undefined,
  enabled: boolean,
): Promise<{ name: string; before: boolean; after: boolean }> {
  const name = flag ?? SANDBOX_FLAG;
  let port: string;
  try {
    port = (await readFile(join(sandboxDir, 'service.port'), 'utf8')).trim();
  } catch {
    throw new WarRoomError('refused', `The sandbox service in ${sandboxDir} is not running: start it, then switch flag ${name} off again.`, [
      { field: 'remedy' },
    ]);
  }
  const call = (method: 'GET' | 'PUT', body?: string) =>
    new Promise<{ status: number; json: { enabled?: unknown; before?: unknown } }>((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: Number(port), path: `/flags/${name}`, method, timeout: 5_000 }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as { enabled?: unknown } });
          } catch {
            reject(new Error(`answered HTTP ${response.statusCode} without JSON`));
          }
        });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 5 s')));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  try {
    const before = await call('GET');
    const after = await call('PUT', JSON.stringify({ enabled }));
    if (after.status !== 200 || typeof after.json.enabled !== 'boolean') throw new Error(`answered HTTP ${after.status}`);
    return { name, before: before.json.enabled === true, after: after.json.enabled };
  } catch (error) {
    throw new WarRoomError('io', `The sandbox's flag endpoint for ${name} (port ${port}): ${(error as Error).message}`, [{ field: 'remedy' }]);
  }
}
