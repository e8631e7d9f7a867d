import { readFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { moveAside } from '../support/durable-files';
import { ioError, isErrno } from '../../../contract/domain/errors';
import { DurableJSONFile } from './durable-json-file';

/** How to open one workspace document. */
export interface WorkspaceDocumentOptions<Data> {
  readonly file: string;
  readonly schema: z.ZodType<Data>;
  /** The document of a new workspace (or after an unreadable one was moved aside). */
  readonly empty: () => Data;
  /** What it is, for the warning: "a War Room calendar". */
  readonly kind: string;
  /** What was started instead and what to do, for the warning: "an empty calendar was started; re-import...". */
  readonly recovery: string;
}

/**
 * A JSON document of the workspace that is its own source of truth (the calendar, the
 * target library): there is no workspace journal, so every change is written durably
 * (temp file, fsync, rename, fsync of the folder: DurableJSONFile) before it resolves,
 * changes run one at a time, and listeners hear of a change once it is on disk. An
 * unreadable document is moved aside, never overwritten, and the warning names both files.
 */
export class WorkspaceDocument<Data> {
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly db: Low<Data>,
    readonly warnings: readonly string[],
  ) {}

  static async open<Data>(options: WorkspaceDocumentOptions<Data>): Promise<WorkspaceDocument<Data>> {
    const warnings: string[] = [];
    let data: Data | null = null;
    let text: string | null = null;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw ioError('read', options.file, error);
    }
    if (text !== null) {
      let reason: string;
      try {
        const parsed = options.schema.safeParse(JSON.parse(text));
        if (parsed.success) data = parsed.data;
        const issue = parsed.error?.issues[0];
        reason = `it is not ${options.kind} (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`;
      } catch (error) {
        reason = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
      }
      if (data === null) {
        const movedTo = await moveAside(options.file);
        warnings.push(`${options.file} could not be read: ${reason}. It was moved to ${movedTo} and ${options.recovery}.`);
      }
    }
    const db = new Low<Data>(new DurableJSONFile<Data>(options.file), data ?? options.empty());
    if (data === null) {
      try {
        await db.write();
      } catch (error) {
        throw ioError('write', options.file, error);
      }
    }
    return new WorkspaceDocument(options.file, db, warnings);
  }

  /** The document as last written to disk. */
  get data(): Data {
    return this.db.data;
  }

  /** Hear of every change once it is on disk. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Run one change at a time: compute the new document, write it durably, then publish it. */
  change<T>(apply: (data: Data, now: string) => Promise<{ data: Data; result: T }> | { data: Data; result: T }): Promise<T> {
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
