import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from '../support/durable-files';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import { importIcs } from '../schedule/ics-import';
import type { IcsImportSummary, IcsImportWarning, IcsSkipped } from '../schedule/ics-import';
import { defaultFridayRule } from '../schedule/policy-checks';
import { validateBlackout } from '../schedule/schedule-commands';
import { blackoutSchema, fridayRuleSchema, zoneSchema } from '../../../contract/domain/schedule/schedule-schemas';
import type { Blackout, BlackoutScope, FridayRule } from '../../../contract/domain/schedule/schedule-schemas';
import { WorkspaceDocument } from './workspace-document';
import type { CalendarBlackout, CalendarImport, WorkspaceCalendarData } from '../../../contract/domain/workspace/workspace-calendar-model';

export type { CalendarBlackout, CalendarImport, WorkspaceCalendarData };

const calendarBlackoutSchema = blackoutSchema.extend({ addedBy: z.string(), addedAt: z.string() });
const importSchema = z.object({
  id: z.string(),
  file: z.string(),
  storedAs: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  blackouts: z.number().int(),
});
const documentSchema = z.object({
  format: z.literal(1),
  zone: zoneSchema,
  fridayRule: fridayRuleSchema.nullable(),
  blackouts: z.array(calendarBlackoutSchema),
  imports: z.array(importSchema),
});

export const CALENDAR_LIMITS = {
  /** The whole document is rewritten (and fsync'd) on every change: keep it a calendar, not an archive. */
  maxBlackouts: 20_000,
  /** An .ics larger than this is not a blackout calendar (a whole company calendar?): refuse before parsing. */
  maxIcsBytes: 5_000_000,
} as const;

/** The calendar's files, in one place. */
export function calendarPaths(dir: string) {
  return { dir, document: join(dir, 'calendar.json'), imports: join(dir, 'imports') } as const;
}

/**
 * The workspace calendar: blackouts that bind every release of the workspace, the
 * workspace's Friday rule, and the .ics files they were imported from.
 *
 * Stored as `<workspace>/calendar/calendar.json` with lowdb through a durable adapter:
 * each change is written to a temp file, fsync'd and renamed over (then the folder is
 * fsync'd), and only then does the change resolve, so nothing is shown as saved that is
 * not on disk. Unlike release.json this document is the source of truth (there is no
 * workspace journal); who changed what is kept on each entry (addedBy, addedAt), and the
 * release-level consequences (overrides) are journaled in the releases. An unreadable
 * document is moved aside, never overwritten, and the warning names both files.
 * Imported .ics files are kept verbatim under calendar/imports/.
 */
export class WorkspaceCalendar {
  private constructor(
    readonly dir: string,
    private readonly document: WorkspaceDocument<WorkspaceCalendarData>,
  ) {}

  /** Open (or create) the calendar in `dir`; `zone` is the default zone of a new calendar. */
  static async open(dir: string, zone: string): Promise<WorkspaceCalendar> {
    const paths = calendarPaths(dir);
    try {
      await mkdir(paths.imports, { recursive: true });
    } catch (error) {
      throw ioError('create the calendar folder', dir, error);
    }
    const validZone = zoneSchema.safeParse(zone).success ? zone : 'UTC';
    const document = await WorkspaceDocument.open<WorkspaceCalendarData>({
      file: paths.document,
      schema: documentSchema,
      empty: () => emptyCalendar(validZone),
      kind: 'a War Room calendar',
      recovery: 'an empty calendar was started; re-import or re-enter the blackouts from it',
    });
    return new WorkspaceCalendar(dir, document);
  }

  /** Problems met while opening (an unreadable calendar moved aside). */
  get warnings(): readonly string[] {
    return this.document.warnings;
  }

  /** The calendar as last written to disk. */
  get data(): WorkspaceCalendarData {
    return this.document.data;
  }

  get file(): string {
    return this.document.file;
  }

  /** Every blackout, in the shape the policy checks take. */
  get blackouts(): readonly Blackout[] {
    return this.document.data.blackouts;
  }

  /** Hear of every change once it is on disk. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.document.onChange(listener);
  }

  /** Add a blackout typed in by `actor`; the id is generated. */
  addBlackout(actor: string, input: { title: string; scope: BlackoutScope; rule: Blackout['rule'] }): Promise<CalendarBlackout> {
    return this.change(async (data, now) => {
      const parsed = blackoutSchema.safeParse({ ...input, id: `manual-${randomUUID().slice(0, 8)}`, source: { kind: 'manual' } });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new WarRoomError('invalid-input', `'blackout.${issue?.path.join('.') ?? ''}' ${issue?.message ?? 'is invalid'}`, [
          { field: `blackout.${issue?.path.join('.') ?? ''}` },
        ]);
      }
      validateBlackout(parsed.data);
      this.checkRoom(data, 1);
      const blackout: CalendarBlackout = { ...parsed.data, addedBy: actor, addedAt: now };
      return { data: { ...data, blackouts: [...data.blackouts, blackout] }, result: blackout };
    });
  }

  /** Remove one blackout by id. */
  removeBlackout(id: string): Promise<void> {
    return this.change(async (data) => {
      if (!data.blackouts.some((blackout) => blackout.id === id))
        throw new WarRoomError('not-found', `There is no blackout '${id}' in the workspace calendar (${this.file}).`, [{ field: 'id' }]);
      return { data: { ...data, blackouts: data.blackouts.filter((blackout) => blackout.id !== id) }, result: undefined };
    });
  }

  /** Set (or with null: remove) the workspace's Friday rule. */
  setFridayRule(rule: FridayRule | null): Promise<void> {
    return this.change(async (data) => ({ data: { ...data, fridayRule: rule }, result: undefined }));
  }

  /**
   * Import an .ics text: all or nothing. The text is parsed first (a bad file is refused
   * with its line and reason and nothing is written); then the file is kept under
   * imports/ and the blackouts are added in one durable write. Re-importing the same
   * calendar replaces the blackouts it brought last time (same UIDs), not duplicates them.
   * The answer lists what was not imported (with lines and reasons) and the import's summary.
   */
  importIcs(
    actor: string,
    input: { fileName: string; text: string; scope: BlackoutScope; zone?: string },
  ): Promise<{ record: CalendarImport; warnings: readonly IcsImportWarning[]; skipped: readonly IcsSkipped[]; summary: IcsImportSummary }> {
    return this.change(async (data, now) => {
      const fileName =
        basename(input.fileName)
          .replace(/[^\w.\- ]/g, '_')
          .slice(0, 120) || 'calendar.ics';
      if (Buffer.byteLength(input.text, 'utf8') > CALENDAR_LIMITS.maxIcsBytes) {
        throw new WarRoomError(
          'invalid-input',
          `${fileName} is larger than ${CALENDAR_LIMITS.maxIcsBytes / 1_000_000} MB; a blackout calendar is much smaller. Nothing was imported.`,
          [{ file: fileName }],
        );
      }
      const imported = importIcs(input.text, { file: fileName, scope: input.scope, defaultZone: input.zone ?? data.zone });
      const ids = new Set(imported.blackouts.map((blackout) => blackout.id));
      const kept = data.blackouts.filter((blackout) => !ids.has(blackout.id));
      this.checkRoom({ ...data, blackouts: kept }, imported.blackouts.length);
      const id = `${now.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 6)}`;
      const storedAs = join('imports', `${id}-${fileName.endsWith('.ics') ? fileName : `${fileName}.ics`}`);
      try {
        await writeDurably(join(this.dir, storedAs), input.text);
      } catch (error) {
        throw ioError('keep a copy of the imported calendar in', join(this.dir, storedAs), error);
      }
      const record: CalendarImport = { id, file: fileName, storedAs, importedAt: now, importedBy: actor, blackouts: imported.blackouts.length };
      const added = imported.blackouts.map((blackout) => ({
        ...blackout,
        source: { kind: 'ics' as const, file: storedAs, ...(blackout.source?.uid ? { uid: blackout.source.uid } : {}) },
        addedBy: actor,
        addedAt: now,
      }));
      return {
        data: { ...data, blackouts: [...kept, ...added], imports: [...data.imports, record] },
        result: { record, warnings: imported.warnings, skipped: imported.skipped, summary: imported.summary },
      };
    });
  }

  private checkRoom(data: WorkspaceCalendarData, adding: number): void {
    if (data.blackouts.length + adding > CALENDAR_LIMITS.maxBlackouts) {
      throw new WarRoomError('refused', `The workspace calendar would hold more than ${CALENDAR_LIMITS.maxBlackouts} blackouts; remove old ones first.`, [
        { file: this.file },
      ]);
    }
  }

  private change<T>(apply: (data: WorkspaceCalendarData, now: string) => Promise<{ data: WorkspaceCalendarData; result: T }>): Promise<T> {
    return this.document.change(apply);
  }
}

function emptyCalendar(zone: string): WorkspaceCalendarData {
  // "Never on Friday" on by default, as a warning: it is the rule most teams have, and a
  // warning informs every release without blocking a rehearsal at the go/no-go gate. Held in
  // each release's own zone: Friday afternoon in Berlin for a Berlin release, not in UTC (or
  // wherever the machine serving the workspace happens to be).
  return { format: 1, zone, fridayRule: { ...defaultFridayRule(), severity: 'warn' }, blackouts: [], imports: [] };
}
