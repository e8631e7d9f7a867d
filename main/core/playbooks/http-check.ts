/**
 * One HTTP GET for a check step: status code and the start of the body.
 *
 * Why node:http directly: checks hit health endpoints (often on loopback during a
 * rehearsal); no proxy, no redirects followed (a redirect to a login page is a failure
 * worth seeing), and the body is capped because a regex only needs the start of it.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpOutcome {
  readonly status: number | undefined;
  readonly body: string;
  readonly error: string | undefined;
}

const limits = {
  /** A health body is small; more than this is not read (the regex sees the start). */
  maxBodyBytes: 64 * 1024,
} as const;

/** GET `url` once; never rejects (errors come back in `error`). */
export function httpGet(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      done({ status: undefined, body: '', error: `not a valid address: ${url}` });
      return;
    }
    const request = (parsed.protocol === 'https:' ? httpsRequest : httpRequest)(
      parsed,
      { method: 'GET', timeout: timeoutMs, signal, headers: { 'user-agent': 'warroom-check' } },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < limits.maxBodyBytes) chunks.push(chunk);
          size += chunk.byteLength;
        });
        response.on('end', () =>
          done({ status: response.statusCode, body: Buffer.concat(chunks).subarray(0, limits.maxBodyBytes).toString('utf8'), error: undefined }),
        );
        response.on('error', (error) => done({ status: response.statusCode, body: '', error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => done({ status: undefined, body: '', error: error.message }));
    request.end();
  });
}
