/**
 * Where an analysis gets its numbers: Prometheus's HTTP API, or the demo sandbox's own
 * /metrics when the war room is offline.
 *
 * Why errors are typed by what went wrong: a source that cannot be reached makes its
 * gates inconclusive (never passed), a query the source rejects is the playbook's fault
 * and must name the query and the source's own message, and an answer that is not what
 * the API documents is the source's fault. Every message names the source and the query.
 */
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSelector, parseTextFormat, selectSamples } from './prometheus-text';
import { SourceError } from './source-error';
import type { SourceFailure } from './source-error';

/** One series of an instant query: its labels and value. */
export interface InstantSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One series of a range query: its labels and [unix seconds, value] points. */
export interface RangeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [number, number])[];
}

export { SourceError } from './source-error';
export type { SourceFailure } from './source-error';

export interface MetricSource {
  /** "Prometheus at http://…" or "the sandbox's /metrics": for messages. */
  readonly label: string;
  instant(query: string, signal?: AbortSignal): Promise<InstantSample[]>;
  range(query: string, startSeconds: number, endSeconds: number, stepSeconds: number, signal?: AbortSignal): Promise<RangeSeries[]>;
}

export type PrometheusAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'none' };

export interface PrometheusOptions {
  readonly address: string;
  readonly auth?: PrometheusAuth;
  /** PEM file of the CA that signed Prometheus's certificate (https only). */
  readonly caFile?: string;
  readonly timeoutMs?: number;
}

const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());
const prometheusAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sampleValue })) }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })) }),
      z.object({ resultType: z.literal('scalar'), result: sampleValue }),
      z.object({ resultType: z.literal('string'), result: sampleValue }),
    ]),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

export const SourceTuning = {
  /** A gate's query answers in milliseconds; ten seconds means the source is in trouble. */
  timeoutMs: 10_000,
  /** An answer bigger than this is not a gate's query result. */
  maxBodyBytes: 8 * 1024 * 1024,
} as const;

/** Prometheus's HTTP API (/api/v1/query and /api/v1/query_range). */
export function prometheusSource(options: PrometheusOptions): MetricSource {
  const base = options.address.replace(/\/+$/, '');
  const label = `Prometheus at ${base}`;
  let ca: Promise<Buffer> | undefined;
  const call = async (path: string, params: Record<string, string>, query: string, signal?: AbortSignal): Promise<z.output<typeof prometheusAnswer>> => {
    let url: URL;
    try {
      url = new URL(`${base}${path}`);
    } catch {
      throw new SourceError('unreachable', `${label}: not a valid address (query ${query})`);
    }
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    if (options.caFile && url.protocol === 'https:') {
      ca ??= readFile(options.caFile);
      try {
        await ca;
      } catch (error) {
        ca = undefined;
        throw new SourceError('unreachable', `${label}: cannot read the CA file ${options.caFile}: ${(error as Error).message} (query ${query})`);
      }
    }
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'warroom-analysis' };
    if (options.auth?.kind === 'bearer') headers.authorization = `Bearer ${options.auth.token}`;
    if (options.auth?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
    const { status, body } = await send(url, headers, options.timeoutMs ?? SourceTuning.timeoutMs, ca ? await ca : undefined, signal).catch((error: Error) => {
      throw new SourceError('unreachable', `${label} is unreachable: ${error.message} (query ${query})`);
    });
    if (status === 401 || status === 403) throw new SourceError('unreachable', `${label} refused our credentials (HTTP ${status}) (query ${query})`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SourceError(
        status >= 500 || status === 0 ? 'unreachable' : 'invalid-response',
        `${label} answered HTTP ${status} without JSON (query ${query})`,
      );
    }
    const parsed = prometheusAnswer.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SourceError(
        'invalid-response',
        `${label} answered something the API does not document at ${issue?.path.join('.') || '(top)'}: ${issue?.message} (query ${query})`,
      );
    }
    if (parsed.data.status === 'error') {
      const failure: SourceFailure = parsed.data.errorType === 'bad_data' || status === 400 || status === 422 ? 'rejected' : 'unreachable';
      throw new SourceError(failure, `${label} rejected the query ${query}: ${parsed.data.errorType}: ${parsed.data.error}`);
    }
    return parsed.data;
  };
  const number = (text: string): number => Number(text);
  return {
    label,
    async instant(query, signal) {
      const answer = await call('/api/v1/query', { query }, query, signal);
      if (answer.status !== 'success') return [];
      const data = answer.data;
      if (data.resultType === 'vector') return data.result.map((sample) => ({ labels: sample.metric, value: number(sample.value[1]) }));
      if (data.resultType === 'scalar') return [{ labels: {}, value: number(data.result[1]) }];
      throw new SourceError('rejected', `${label}: the query ${query} gives a ${data.resultType}; a gate needs an instant vector or a scalar`);
    },
    async range(query, startSeconds, endSeconds, stepSeconds, signal) {
      const answer = await call(
        '/api/v1/query_range',
        { query, start: String(startSeconds), end: String(endSeconds), step: String(stepSeconds) },
        query,
        signal,
      );
      if (answer.status !== 'success') return [];
      const data = answer.data;
      if (data.resultType !== 'matrix') throw new SourceError('invalid-response', `${label}: a range query answered a ${data.resultType} (query ${query})`);
      return data.result.map((series) => ({ labels: series.metric, points: series.values.map(([at, value]) => [at, number(value)] as const) }));
    },
  };
}

/**
 * The demo sandbox's own metrics: GET /metrics of the service whose port is in
 * `<sandboxDir>/service.port`. It understands selectors only (`name{label="value"}`),
 * which is what the shipped canary playbook asks; it keeps no history.
 */
export function sandboxSource(sandboxDir: string, timeoutMs: number = SourceTuning.timeoutMs): MetricSource {
  const label = `the sandbox's /metrics (${sandboxDir})`;
  return {
    label,
    async instant(query, signal) {
      let selector;
      try {
        selector = parseSelector(query);
      } catch (error) {
        throw new SourceError(
          'rejected',
          `${label} cannot run the query ${query}: ${(error as Error).message}; offline, a gate can only select series like name{label="value"}`,
        );
      }
      let port: string;
      try {
        port = (await readFile(join(sandboxDir, 'service.port'), 'utf8')).trim();
      } catch {
        throw new SourceError('unreachable', `${label} is unreachable: the service is not running (no port file) (query ${query})`);
      }
      const { status, body } = await send(
        new URL(`http://127.0.0.1:${port}/metrics`),
        { 'user-agent': 'warroom-analysis' },
        timeoutMs,
        undefined,
        signal,
      ).catch((error: Error) => {
        throw new SourceError('unreachable', `${label} is unreachable: ${error.message} (query ${query})`);
      });
      if (status !== 200) throw new SourceError('unreachable', `${label} answered HTTP ${status} (query ${query})`);
      let samples;
      try {
        samples = parseTextFormat(body);
      } catch (error) {
        throw new SourceError('invalid-response', `${label}: ${(error as Error).message} (query ${query})`);
      }
      return selectSamples(samples, selector).map((sample) => ({ labels: sample.labels, value: sample.value }));
    },
    range(query) {
      return Promise.reject(new SourceError('rejected', `${label} keeps no history; the range query ${query} needs Prometheus`));
    },
  };
}

function send(
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
  ca: Buffer | undefined,
  signal: AbortSignal | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(
      url,
      { method: 'GET', headers, timeout: timeoutMs, signal, ...(secure && ca ? { ca } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > SourceTuning.maxBodyBytes) {
            request.destroy(new Error(`the answer is larger than ${SourceTuning.maxBodyBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}
