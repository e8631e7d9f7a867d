/**
 * Durations as people write them in playbooks: 30s, 5m, 1h, 1h30m, 500ms.
 *
 * Why not ISO 8601 (PT5M): runbooks are written at speed by engineers; "5m" is what they
 * type. A bare number is refused on purpose: "timeout: 30" could mean seconds or minutes.
 */
const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const durationPattern = /^(?:\d+(?:ms|h|m|s))+$/;
const partPattern = /(\d+)(ms|h|m|s)/g;

/** Parse "1h30m" into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!durationPattern.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(partPattern)) {
    total += Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Format milliseconds the way the parser reads them back (for dry runs and ETAs). */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms === 0) return '0s';
  if (ms < 1_000) return `${ms}ms`;
  const hours = Math.floor(ms / unitMs.h);
  const minutes = Math.floor((ms % unitMs.h) / unitMs.m);
  const seconds = Math.floor((ms % unitMs.m) / unitMs.s);
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].join('') || '0s';
}
