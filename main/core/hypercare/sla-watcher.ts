import type { Release } from '../release/release';
import { recordBreaches } from './hypercare-commands';
import { nextSlaDeadline } from './sla-clock';
import type { SlaSettings } from '../../../contract/domain/hypercare/sla-settings';

const TUNING = {
  /** setTimeout cannot wait longer than 2^31-1 ms; a far deadline is looked at again after a day. */
  maxWaitMs: 24 * 3_600_000,
  /** A deadline is checked a little after it passes, so the clock has surely run out. */
  slackMs: 5,
} as const;

/**
 * Journals SLA breaches of one release when they happen, exactly once.
 *
 * It checks when the release opens (a breach that fell while the app was closed is
 * recorded at once, after a restart), after every change, and at the next deadline.
 * The command reads the pending state, so two checks racing never write a breach twice,
 * and a restart finds the breach in the replayed journal.
 */
export class SlaWatcher {
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private checking: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly release: Release,
    private readonly settings: () => SlaSettings,
    private readonly actor: string,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = (error) => console.error('warroom: SLA check failed', error),
  ) {
    this.unsubscribe = release.onChange((events) => {
      if (events.some((event) => event.type.startsWith('hypercare.'))) this.schedule();
    });
  }

  /** Check now and schedule the next check; resolves when this check's breaches are durable. */
  check(): Promise<void> {
    this.checking = this.checking.then(async () => {
      if (this.disposed) return;
      try {
        await this.release.execute(this.actor, (state, context) =>
          recordBreaches(state, this.settings(), { ...context, now: new Date(this.now()).toISOString() }),
        );
      } catch (error) {
        this.onError(error);
      }
      this.schedule();
    });
    return this.checking;
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    const next = nextSlaDeadline(this.release.state.hypercare, this.settings(), now);
    if (next === null) return;
    this.timer = setTimeout(() => void this.check(), Math.min(TUNING.maxWaitMs, next - now + TUNING.slackMs));
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }
}
