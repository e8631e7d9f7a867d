import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { applyMasks, findSecrets, maskedPreview } from '../redaction/redact-text';
import { resolveRedactionPatterns, type PatternSet, type RedactionOptions } from '../redaction/redaction-patterns';
import { compileRedactionSettings, type RedactionSettings } from '../redaction/redaction-schemas';
import { createStreamingRedactor } from '../redaction/streaming-redactor';
export type { ReviewMatch } from '../../../contract/domain/report/report-model';
import type { ReviewMatch } from '../../../contract/domain/report/report-model';

/** Tuning of the review list. */
export const ReviewLimits = {
  /** Matches listed per review (the count goes on): a flood of one token must not swamp the UI. */
  maxListed: 2000,
} as const;

/** Collects review matches with a cap and a total count. */
export class MatchCollector {
  readonly matches: ReviewMatch[] = [];
  count = 0;
  add(match: ReviewMatch): void {
    this.count += 1;
    if (this.matches.length < ReviewLimits.maxListed) this.matches.push(match);
  }
}

/** The release's saved settings as redactor options (built-in patterns always apply). */
export function redactionOptionsOf(settings: RedactionSettings): RedactionOptions {
  return compileRedactionSettings(settings);
}

/**
 * A text redactor with the patterns resolved once (redactText resolves them per call).
 * Most strings of a journal hold no secret: the keyword pass of findSecrets rules them
 * out before any rule runs.
 */
export function textRedactor(options: RedactionOptions): (text: string, where: string | (() => string), collector: MatchCollector) => string {
  const patterns: PatternSet = resolveRedactionPatterns(options);
  return (text, where, collector) => {
    if (text.length === 0) return text;
    const ranges = findSecrets(text, patterns);
    if (ranges.length === 0) return text;
    const place = typeof where === 'function' ? where() : where;
    for (const range of ranges) collector.add({ pattern: range.pattern, where: place, preview: maskedPreview(text.slice(range.start, range.end)) });
    return applyMasks(text, ranges);
  };
}

/**
 * Mask every string inside a JSON value. `where` names the path for the review; it is
 * built only when a secret is found (a long night's journal holds ~100k strings, almost
 * none of them secret: building 100k path strings up front was most of the cost).
 */
export function redactJson(value: unknown, where: () => string, redact: (text: string, where: () => string) => string): unknown {
  const path: string[] = [];
  const at = () => where() + path.join('');
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node, at);
    if (Array.isArray(node)) {
      let out: unknown[] | null = null;
      for (let index = 0; index < node.length; index += 1) {
        path.push(`[${index}]`);
        const next = walk(node[index]);
        path.pop();
        if (next !== node[index]) (out ??= [...node])[index] = next;
      }
      return out ?? node;
    }
    if (node !== null && typeof node === 'object') {
      let out: Record<string, unknown> | null = null;
      let keysChanged = false;
      const entries: [string, unknown][] = [];
      for (const key in node) {
        if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
        const item = (node as Record<string, unknown>)[key];
        // A key is text too (a map of hosts to passwords, a recording's marker object).
        const maskedKey = redact(key, at);
        path.push('.', maskedKey);
        const next = walk(item);
        path.pop();
        path.pop();
        entries.push([maskedKey, next]);
        if (maskedKey !== key) keysChanged = true;
        if (next !== item) (out ??= { ...(node as Record<string, unknown>) })[key] = next;
      }
      if (keysChanged) return Object.fromEntries(entries);
      return out ?? node;
    }
    return node;
  };
  return walk(value);
}

/** Mask secrets in every event's actor and data. Unchanged events keep their identity (cheap to compare). */
export function redactEvents<T extends AppliedEvent>(events: readonly T[], options: RedactionOptions, collector: MatchCollector): T[] {
  const redact = textRedactor(options);
  return events.map((event) => {
    const where = () => `journal seq ${event.seq} (${event.type})`;
    const actor = redact(event.actor, () => `${where()} actor`, collector);
    const data = redactJson(
      event.data,
      () => `${where()} data`,
      (text, path) => redact(text, path, collector),
    );
    return actor === event.actor && data === event.data ? event : { ...event, actor, data };
  });
}

/**
 * Mask an asciicast recording: output events pass through one streaming redactor, so a
 * secret split across events is caught; other lines are masked as JSON.
 */
export function redactAsciicast(text: string, file: string, options: RedactionOptions, collector: MatchCollector): string {
  const redact = textRedactor(options);
  const stream = createStreamingRedactor(options);
  const lines = text.split('\n');
  const out: string[] = [];
  let lastTime = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      out.push(redact(line, () => `${file} line ${index + 1}`, collector));
      return;
    }
    if (Array.isArray(parsed) && parsed.length >= 3 && parsed[1] === 'o' && typeof parsed[2] === 'string') {
      lastTime = typeof parsed[0] === 'number' ? parsed[0] : lastTime;
      out.push(JSON.stringify([parsed[0], 'o', stream.push(parsed[2])]));
      return;
    }
    if (Array.isArray(parsed) && typeof parsed[0] === 'number') lastTime = parsed[0];
    out.push(
      JSON.stringify(
        redactJson(
          parsed,
          () => `${file} line ${index + 1}`,
          (value, path) => redact(value, path, collector),
        ),
      ),
    );
  });
  const tail = stream.flush();
  if (tail) out.push(JSON.stringify([lastTime, 'o', tail]));
  for (const match of stream.matches) collector.add({ pattern: match.pattern, where: `${file} output offset ${match.index}`, preview: match.preview });
  for (let extra = stream.matches.length; extra < stream.matchCount; extra += 1) collector.count += 1;
  return out.join('\n') + '\n';
}
