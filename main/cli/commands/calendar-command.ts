import { readFile, stat } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { WarRoomError } from '../../../contract/domain/errors';
import { expandBlackouts } from '../../core/schedule/blackout-calendar';
import type { BlackoutOccurrence } from '../../core/schedule/blackout-calendar';
import { importIcs } from '../../core/schedule/ics-import';
import type { IcsImportResult } from '../../core/schedule/ics-import';
import { isValidZone } from '../../../contract/domain/schedule/local-time';
import { CALENDAR_LIMITS } from '../../core/workspace/workspace-calendar';
import { EXIT, UsageError, parse, type CliCommand } from '../cli-support';

/** Bounds of `calendar expand`, so a typo in a year does not print a million lines. */
export const CALENDAR_EXPAND_LIMITS = {
  /** Longer than any freeze planning horizon; a longer range is almost always a typo (2062 for 2026). */
  maxRangeDays: 3_700,
  /** A blackout calendar yields hundreds of occurrences a year; beyond this the output is cut and says so. */
  maxOccurrences: 50_000,
} as const;

/**
 * `warroom calendar expand FILE --from DATE --to DATE [--zone ZONE] [--json]`: the instants an
 * .ics yields, in UTC and on the event's own clock, read by the same code as the import.
 *
 * Why: before importing a partner's freeze calendar, a release manager (or the partner, in
 * their CI) can see exactly which moments it will block, which it only informs about, and
 * which components it leaves out and why.
 */
export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: `warroom calendar expand FILE --from DATE --to DATE [--zone ZONE] [--json]
                                          Print the instants an .ics yields (UTC and local), as the import reads them`,
  run: calendar,
};

/** A mistake on the command line, said in one line (exit 2). */
class OneLineUsage extends Error {}

async function calendar(args: readonly string[]): Promise<number> {
  try {
    return await expand(args);
  } catch (error) {
    if (error instanceof OneLineUsage || error instanceof UsageError) {
      process.stderr.write(`warroom: calendar: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** A date (2026-12-24: 00:00 in the zone; as --to, the end of that day) or an ISO date-time with an offset. */
function readBound(option: string, text: string, zone: string, endOfDay: boolean): DateTime {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) throw new OneLineUsage(`${option} '${text}' is not a real date (like 2026-12-24)`);
    return endOfDay ? day.plus({ days: 1 }) : day;
  }
  const moment = DateTime.fromISO(text, { zone, setZone: true });
  if (!moment.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    throw new OneLineUsage(`${option} '${text}' is not a date like 2026-12-24 or a date-time like 2026-12-24T18:00+01:00`);
  }
  return moment;
}

async function readIcs(file: string): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WarRoomError(
      'not-found',
      code === 'ENOENT' ? `${file} does not exist; give the path of an .ics file` : `${file} cannot be read (${code ?? String(error)})`,
    );
  }
  if (!info.isFile()) throw new WarRoomError('invalid-input', `${file} is not a regular file; give the path of an .ics file`);
  if (info.size > CALENDAR_LIMITS.maxIcsBytes) {
    throw new WarRoomError('invalid-input', `${file} is larger than ${CALENDAR_LIMITS.maxIcsBytes / 1_000_000} MB; a blackout calendar is much smaller`);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new WarRoomError('invalid-input', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function expand(args: readonly string[]): Promise<number> {
  const { positionals, values } = parse({
    args: [...args],
    options: { from: { type: 'string' }, to: { type: 'string' }, zone: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  const option = (name: 'from' | 'to' | 'zone'): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const [fromText, toText, zoneText] = [option('from'), option('to'), option('zone')];
  const [subcommand, file, ...extra] = positionals;
  if (subcommand !== 'expand')
    throw new OneLineUsage(
      `${subcommand === undefined ? 'no subcommand' : `unknown subcommand '${subcommand}'`}: use 'warroom calendar expand FILE --from DATE --to DATE'`,
    );
  if (file === undefined || extra.length > 0) throw new OneLineUsage('expand takes one .ics file');
  if (fromText === undefined || toText === undefined) throw new OneLineUsage('expand needs --from DATE and --to DATE (like --from 2026-12-01 --to 2026-12-31)');
  const zone = zoneText ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (!isValidZone(zone)) throw new OneLineUsage(`--zone '${zone}' is not an IANA time zone (like Europe/Berlin)`);
  const from = readBound('--from', fromText, zone, false);
  const to = readBound('--to', toText, zone, true);
  if (to <= from) throw new OneLineUsage(`--to ${toText} is not after --from ${fromText}`);
  if (to.diff(from, 'days').days > CALENDAR_EXPAND_LIMITS.maxRangeDays) {
    throw new OneLineUsage(`from ${fromText} to ${toText} is more than ${CALENDAR_EXPAND_LIMITS.maxRangeDays} days; expand a shorter range`);
  }

  const text = await readIcs(file);
  const result = importIcs(text, { file, scope: { kind: 'all' }, defaultZone: zone });
  const range = { start: from.toUTC().toISO()!, end: to.toUTC().toISO()! };
  const all = expandBlackouts(result.blackouts, range);
  const occurrences = all.slice(0, CALENDAR_EXPAND_LIMITS.maxOccurrences);
  const truncated = all.length > occurrences.length;
  const informational = new Set(result.blackouts.filter((blackout) => blackout.informational).map((blackout) => blackout.id));
  const uids = new Map(result.blackouts.map((blackout) => [blackout.id, blackout.source?.uid ?? null]));

  if (values.json === true) {
    const json = {
      file,
      zone,
      range,
      summary: result.summary,
      occurrences: occurrences.map((occurrence) => ({
        title: occurrence.title,
        uid: uids.get(occurrence.blackoutId) ?? null,
        blocks: !informational.has(occurrence.blackoutId),
        marker: occurrence.start === occurrence.end,
        start: occurrence.start,
        end: occurrence.end,
        zone: occurrence.zone,
        localStart: occurrence.localStart,
        localEnd: occurrence.localEnd,
        warnings: occurrence.warnings.map((warning) => warning.message),
      })),
      truncated,
      skipped: result.skipped,
      warnings: result.warnings,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(textReport(file, range, result, occurrences, informational, truncated));
  return EXIT.ok;
}

function utc(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'UTC' }).toFormat("yyyy-MM-dd HH:mm'Z'");
}

function textReport(
  file: string,
  range: { start: string; end: string },
  result: IcsImportResult,
  occurrences: readonly BlackoutOccurrence[],
  informational: ReadonlySet<string>,
  truncated: boolean,
): string {
  const { summary } = result;
  const lines = [
    `${file}: ${summary.events} event(s), ${summary.imported} imported (${summary.informational} information only, ${summary.markers} marker(s)), ${result.skipped.length} not imported`,
    `floating times and dates read in ${summary.floatingZone.zone} (${summary.floatingZone.source === 'X-WR-TIMEZONE' ? 'X-WR-TIMEZONE' : '--zone / system zone'})`,
    `${occurrences.length} occurrence(s) from ${utc(range.start)} to ${utc(range.end)}:`,
  ];
  for (const occurrence of occurrences) {
    const marker = occurrence.start === occurrence.end;
    const local = marker
      ? `${occurrence.localStart.replace('T', ' ')} ${occurrence.zone}`
      : `${occurrence.localStart.replace('T', ' ')} → ${occurrence.localEnd.replace('T', ' ')} ${occurrence.zone}`;
    const instants = marker ? utc(occurrence.start) : `${utc(occurrence.start)} → ${utc(occurrence.end)}`;
    const kind = informational.has(occurrence.blackoutId) ? 'info ' : marker ? 'mark ' : 'block';
    lines.push(`  ${kind}  ${instants}  (${local})  ${occurrence.title}`);
    for (const warning of occurrence.warnings) lines.push(`         ${warning.message}`);
  }
  if (truncated) lines.push(`  ... cut at ${CALENDAR_EXPAND_LIMITS.maxOccurrences} occurrences; expand a shorter range`);
  for (const entry of result.skipped)
    lines.push(`not imported: line ${entry.line} ${entry.component}${entry.title ? ` "${entry.title}"` : ''}: ${entry.reason}`);
  for (const warning of result.warnings) lines.push(`warning: line ${warning.line}: ${warning.message}`);
  return `${lines.join('\n')}\n`;
}
