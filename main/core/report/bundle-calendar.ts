import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Release } from '../release/release';
import type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import { blackoutApplies } from '../schedule/blackout-calendar';
import { SCHEDULE_EVENTS } from '../schedule/schedule-state';
import { blackoutSchema, fridayRuleSchema } from '../../../contract/domain/schedule/schedule-schemas';
import type { Blackout } from '../../../contract/domain/schedule/schedule-schemas';
import { WarRoomError, isErrno } from '../../../contract/domain/errors';

/** The file in a bundle that carries the workspace blackouts that applied to the release. */
export const CALENDAR_SNAPSHOT = 'calendar-snapshot.json';

const snapshotSchema = z.object({
  format: z.literal(1),
  takenAt: z.string(),
  zone: z.string(),
  fridayRule: fridayRuleSchema.nullable(),
  blackouts: z.array(blackoutSchema).max(20_000),
});
export type CalendarSnapshot = z.infer<typeof snapshotSchema>;

/**
 * The workspace calendar's blackouts that bind this release (scope: all, one of its
 * targets, or one of its environment classes), with the workspace's Friday rule.
 *
 * Why: the blackouts live in the workspace, not in the release; a bundle handed to
 * another workspace used to lose the freezes the release was planned around. Read
 * without opening the calendar for writing (`<workspace>/calendar/calendar.json`, two
 * folders above the release); none when there is no calendar or it cannot be read.
 */
export async function calendarSnapshot(releaseDir: string, state: ReleaseState, now = new Date()): Promise<CalendarSnapshot | null> {
  const file = join(releaseDir, '..', '..', 'calendar', 'calendar.json');
  let document: { zone?: unknown; fridayRule?: unknown; blackouts?: unknown };
  try {
    document = JSON.parse(await readFile(file, 'utf8')) as typeof document;
  } catch (error) {
    if (isErrno(error, 'ENOENT') || error instanceof SyntaxError) return null;
    throw error;
  }
  const targets = state.meta?.targets ?? [];
  const scope = {
    services: targets.flatMap((target) => [target.id, target.name]),
    environmentClasses: targets.length === 0 ? (['production', 'staging', 'sandbox'] as const) : [...new Set(targets.map((target) => target.environment))],
  };
  const blackouts: Blackout[] = [];
  for (const entry of Array.isArray(document.blackouts) ? document.blackouts : []) {
    const parsed = blackoutSchema.safeParse(entry);
    if (parsed.success && blackoutApplies(parsed.data.scope, scope)) blackouts.push(parsed.data);
  }
  const rule = fridayRuleSchema.nullable().safeParse(document.fridayRule ?? null);
  return {
    format: 1,
    takenAt: now.toISOString(),
    zone: typeof document.zone === 'string' ? document.zone : 'UTC',
    fridayRule: rule.success ? rule.data : null,
    blackouts,
  };
}

/** A bundle's calendar snapshot, checked (none when the bundle has none); a malformed one is refused naming it. */
export async function readCalendarSnapshot(releaseDir: string, top: string): Promise<CalendarSnapshot | null> {
  let text: string;
  try {
    text = await readFile(join(releaseDir, CALENDAR_SNAPSHOT), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  try {
    return snapshotSchema.parse(JSON.parse(text));
  } catch {
    throw new WarRoomError('corrupt', `${top}/${CALENDAR_SNAPSHOT} is not a calendar snapshot War Room writes.`, [{ file: `${top}/${CALENDAR_SNAPSHOT}` }]);
  }
}

/**
 * After an import: the bundle's calendar snapshot becomes the imported release's own
 * blackouts (journaled as `schedule.blackout-added` by the importer), so its header,
 * findings and go/no-go gate check the freezes it was planned around in its new
 * workspace too. Returns how many were added.
 */
export async function applyCalendarSnapshot(releaseDir: string, slug: string, actor: string): Promise<number> {
  const snapshot = await readCalendarSnapshot(releaseDir, slug);
  if (!snapshot || snapshot.blackouts.length === 0) return 0;
  const release = await Release.open(releaseDir, slug);
  try {
    const events = await release.execute(actor, (state) => {
      const known = new Set(state.schedule.blackouts.map((blackout) => blackout.id));
      return snapshot.blackouts
        .map((blackout) => ({ ...blackout, id: `handover-${blackout.id}`.slice(0, 200) }))
        .filter((blackout) => !known.has(blackout.id))
        .map((blackout) => ({ type: SCHEDULE_EVENTS.blackoutAdded, data: { blackout } }));
    });
    return events.length;
  } finally {
    await release.close();
  }
}
