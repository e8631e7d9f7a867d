import { mkdir, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { moveAside as moveFileAside, writeDurably } from '../support/durable-files';
import { WarRoomError, ioError, isErrno } from '../support/errors';
import { importIcs } from '../schedule/ics-import';
import { defaultFridayRule } from '../schedule/policy-checks';
import { validateBlackout } from '../schedule/schedule-commands';
import { blackoutSchema, fridayRuleSchema, zoneSchema } from '../schedule/schedule-schemas';
import type { Blackout, BlackoutScope, FridayRule } from '../schedule/schedule-schemas';
import { DurableJSONFile } from './durable-json-file';
import type { CalendarBlackout, CalendarImport, WorkspaceCalendarData } from './workspace-calendar-model';

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
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly db: Low<WorkspaceCalendarData>,
    readonly warnings: readonly string[],
  ) {}

  /** Open (or create) the calendar in `dir`; `zone` is the default zone of a new calendar. */
  static async open(dir: string, zone: string): Promise<WorkspaceCalendar> {
    const paths = calendarPaths(dir);
    try {
      await mkdir(paths.imports, { recursive: true });
    } catch (error) {
      throw ioError('create the calendar folder', dir, error);
    }
    const warnings: string[] = [];
    let data: WorkspaceCalendarData | null = null;
    let text: string | null = null;
    try {
      text = await readFile(paths.document, 'utf8');
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw ioError('read', paths.document, error);
    }
    if (text !== null) {
      let reason: string;
      try {
        const parsed = documentSchema.safeParse(JSON.parse(text));
        if (parsed.success) data = parsed.data;
        const issue = parsed.error?.issues[0];
        reason = `it is not a War Room calendar (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`;
      } catch (error) {
        reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
      }
      if (!data) warnings.push(await moveAside(paths.document, reason));
    }
    const validZone = zoneSchema.safeParse(zone).success ? zone : 'UTC';
    const db = new Low<WorkspaceCalendarData>(new DurableJSONFile<WorkspaceCalendarData>(paths.document), data ?? emptyCalendar(validZone));
    if (!data) {
      try {
        await db.write();
      } catch (error) {
        throw ioError('write', paths.document, error);
      }
    }
    return new WorkspaceCalendar(dir, db, warnings);
  }

  /** The calendar as last written to disk. */
  get data(): WorkspaceCalendarData {
    return this.db.data;
  }

  get file(): string {
    return calendarPaths(this.dir).document;
  }

  /** Every blackout, in the shape the policy checks take. */
  get blackouts(): readonly Blackout[] {
    return this.db.data.blackouts;
  }

  /** Hear of every change once it is on disk. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
   */
  importIcs(
    actor: string,
    input: { fileName: string; text: string; scope: BlackoutScope; zone?: string },
  ): Promise<{ record: CalendarImport; warnings: readonly { line: number; message: string }[] }> {
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
      return { data: { ...data, blackouts: [...kept, ...added], imports: [...data.imports, record] }, result: { record, warnings: imported.warnings } };
    });
  }

  private checkRoom(data: WorkspaceCalendarData, adding: number): void {
    if (data.blackouts.length + adding > CALENDAR_LIMITS.maxBlackouts) {
      throw new WarRoomError('refused', `The workspace calendar would hold more than ${CALENDAR_LIMITS.maxBlackouts} blackouts; remove old ones first.`, [
        { file: this.file },
      ]);
    }
  }

  /** Run one change at a time: compute the new document, write it durably, then publish it. */
  private change<T>(apply: (data: WorkspaceCalendarData, now: string) => Promise<{ data: WorkspaceCalendarData; result: T }>): Promise<T> {
    const run = this.queue.then(async () => {
      const before = this.db.data;
      const { data, result } = await apply(before, new Date().toISOString());
      this.db.data = data;
      try {
        await this.db.write();
      } catch (error) {
        this.db.data = before;
        throw ioError('write', this.file, error);
      }
      for (const listener of this.listeners) listener();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function emptyCalendar(zone: string): WorkspaceCalendarData {
  // "Never on Friday" on by default, as a warning: it is the rule most teams have, and a
  // warning informs every release without blocking a rehearsal at the go/no-go gate.
  return { format: 1, zone, fridayRule: { ...defaultFridayRule(zone), severity: 'warn' }, blackouts: [], imports: [] };
}

async function moveAside(path: string, reason: string): Promise<string> {
  const movedTo = await moveFileAside(path);
  return `${path} could not be read: ${reason}. It was moved to ${movedTo} and an empty calendar was started; re-import or re-enter the blackouts from it.`;
}
