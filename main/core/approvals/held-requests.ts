/**
 * The requests four-eyes holds, kept beside the release so that a held override survives a
 * restart of the host (a crash, a SIGKILL) and is carried out by the approval that completes it.
 *
 * The journal is the truth of who asked, who approved and how it ended (approval.requested,
 * .approved, .refused, .carried-out, .failed); this file only keeps what the journal does
 * not: the request to carry out (its name and validated input, which may hold a run's
 * variables, so never journaled and never in a bundle). 0600, replaced atomically (temp file,
 * fsync, rename, fsync of the folder). An entry without its approval.requested event (a crash
 * between the two) is ignored; a decided request's entry is removed.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ioError } from '../../../contract/domain/errors';
import { readJsonDocument, replacePrivately } from '../support/durable-files';

export const HELD_REQUESTS_FILE = 'approvals-held.json';

const ACTIONS = ['schedule.override', 'run.start', 'terminal.open', 'release.update'] as const;

const fileSchema = z.strictObject({
  format: z.literal(1),
  held: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-f0-9]{8}$/),
        action: z.enum(ACTIONS),
        /** The request's input as its handler received it (validated again before it is carried out). */
        input: z.record(z.string(), z.unknown()),
      }),
    )
    .max(1_000),
});

export type HeldRequest = z.output<typeof fileSchema>['held'][number];

export class HeldRequests {
  private constructor(
    readonly file: string,
    private held: HeldRequest[],
  ) {}

  /** The release folder's held requests; a damaged file is a one-line `corrupt` error naming it. */
  static async open(releaseDir: string): Promise<HeldRequests> {
    const file = join(releaseDir, HELD_REQUESTS_FILE);
    const document = await readJsonDocument(file, fileSchema, 'the held approval requests', 'the requests it held must be asked again.');
    return new HeldRequests(file, document?.held ?? []);
  }

  get(id: string): HeldRequest | undefined {
    return this.held.find((entry) => entry.id === id);
  }

  async put(entry: HeldRequest): Promise<void> {
    await this.save([...this.held.filter((candidate) => candidate.id !== entry.id), entry]);
  }

  async remove(id: string): Promise<void> {
    if (!this.held.some((entry) => entry.id === id)) return;
    await this.save(this.held.filter((entry) => entry.id !== id));
  }

  /** Keep only these ids (the ones still pending in the journal). */
  async keepOnly(ids: ReadonlySet<string>): Promise<void> {
    if (this.held.every((entry) => ids.has(entry.id))) return;
    await this.save(this.held.filter((entry) => ids.has(entry.id)));
  }

  private async save(held: HeldRequest[]): Promise<void> {
    try {
      await replacePrivately(this.file, `${JSON.stringify({ format: 1, held }, null, 2)}\n`);
    } catch (error) {
      throw ioError('write the held approval requests', this.file, error);
    }
    this.held = held;
  }
}
