/**
 * Feature flags over HTTP, as the sandbox's flag endpoint (GET/PUT /flags/<name>) and a
 * flag service's API for one flag answer: GET gives {"enabled": true|false}, PUT with
 * {"enabled": ...} sets it and answers the same. The state before, the change, the state
 * after. Errors name the flag and where it lives.
 */
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';

/** The flag the sandbox's v2 hides its new pricing cache behind. */
export const SANDBOX_FLAG = 'new-pricing-cache';

export const FlagTuning = {
  /** A flag service answers in milliseconds; the fast remedy must not hang on one that does not. */
  timeoutMs: 5_000,
  /** A flag's JSON is a few hundred bytes; anything this big is not a flag. */
  maxBodyBytes: 64 * 1024,
} as const;

/** A flag's HTTP resource and how to reach it. */
export interface FlagEndpoint {
  readonly url: string;
  /** For messages: "the sandbox's flag endpoint (port 4100)" or the address. */
  readonly label: string;
  readonly bearer?: string | undefined;
  readonly timeoutMs?: number;
}

/** The sandbox's endpoint for a flag, from its port file (refused with a way forward when it is not running). */
export async function sandboxFlagEndpoint(sandboxDir: string, flag: string, field = 'remedy'): Promise<FlagEndpoint> {
  let port: string;
  try {
    port = (await readFile(join(sandboxDir, 'service.port'), 'utf8')).trim();
  } catch {
    throw new WarRoomError('refused', `The sandbox service in ${sandboxDir} is not running: start it, then switch flag ${flag} again.`, [{ field }]);
  }
  return { url: `http://127.0.0.1:${port}/flags/${encodeURIComponent(flag)}`, label: `the sandbox's flag endpoint (port ${port})` };
}

function call(endpoint: FlagEndpoint, method: 'GET' | 'PUT', body?: string, signal?: AbortSignal): Promise<{ status: number; json: { enabled?: unknown } }> {
  return new Promise((resolve, reject) => {
    const url = new URL(endpoint.url);
    const timeoutMs = endpoint.timeoutMs ?? FlagTuning.timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'warroom-flag' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (endpoint.bearer !== undefined) headers.authorization = `Bearer ${endpoint.bearer}`;
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers, timeout: timeoutMs, signal }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length > FlagTuning.maxBodyBytes) outgoing.destroy(new Error(`answered more than ${FlagTuning.maxBodyBytes} bytes`));
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status === 401 || status === 403) return reject(new Error(`refused our credentials (HTTP ${status})`));
        try {
          resolve({ status, json: JSON.parse(text) as { enabled?: unknown } });
        } catch {
          reject(new Error(`answered HTTP ${status} without JSON`));
        }
      });
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The flag's state now. */
export async function readFlag(endpoint: FlagEndpoint, flag: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const answer = await call(endpoint, 'GET', undefined, signal);
    if (answer.status !== 200 || typeof answer.json.enabled !== 'boolean') throw new Error(`answered HTTP ${answer.status} without "enabled": true|false`);
    return answer.json.enabled;
  } catch (error) {
    throw new WarRoomError('io', `Reading flag ${flag} at ${endpoint.label}: ${(error as Error).message}`, [{ field: 'flag' }]);
  }
}

/** Set the flag; its state as the service answers after the change. */
export async function writeFlag(endpoint: FlagEndpoint, flag: string, enabled: boolean, signal?: AbortSignal): Promise<boolean> {
  try {
    const answer = await call(endpoint, 'PUT', JSON.stringify({ enabled }), signal);
    if (answer.status < 200 || answer.status > 299 || typeof answer.json.enabled !== 'boolean') throw new Error(`answered HTTP ${answer.status}`);
    return answer.json.enabled;
  } catch (error) {
    throw new WarRoomError('io', `Switching flag ${flag} ${enabled ? 'on' : 'off'} at ${endpoint.label}: ${(error as Error).message}`, [{ field: 'flag' }]);
  }
}

/** The health board's "switch the feature off" on the release's sandbox. */
export async function flipSandboxFlag(
  sandboxDir: string,
  flag: string | undefined,
  enabled: boolean,
): Promise<{ name: string; before: boolean; after: boolean }> {
  const name = flag ?? SANDBOX_FLAG;
  const endpoint = await sandboxFlagEndpoint(sandboxDir, name);
  try {
    const before = await readFlag(endpoint, name);
    const after = await writeFlag(endpoint, name, enabled);
    return { name, before, after };
  } catch (error) {
    throw new WarRoomError('io', (error as Error).message, [{ field: 'remedy' }]);
  }
}
