export type { OutboxEntry } from '../../../contract/domain/comms/comms-model';
import type { OutboxEntry } from '../../../contract/domain/comms/comms-model';
import type { Release } from '../release/release';
import { COMMS_EVENTS, pendingDeliveries, type PendingDelivery } from '../../../contract/domain/comms/comms-model';
import type { Channel } from '../../../contract/domain/comms/comms-schemas';
import type { Sender } from './channel-senders';
import { renderStatusPage } from './status-page';

/** Tuning of the outbox; each value says why. */
export const OUTBOX_TUNING = {
  /** First retry after a failure; doubles each time (a channel down for a minute is retried a handful of times, not hundreds). */
  baseBackoffMs: 500,
  /** The longest wait between two attempts: an outage of hours is still retried every two minutes. */
  maxBackoffMs: 120_000,
  /** Deliveries in flight at once: enough to keep a slow webhook from holding up the rest, few enough to stay polite. */
  maxInFlight: 8,
} as const;

interface Attempts {
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
}

/**
 * The durable outbox of one release: sends every approved message to every channel
 * until the channel accepts it, then journals the delivery.
 *
 * What is waiting is derived from the journal (approved minus delivered), so a restart
 * resumes exactly where the last process stopped. A crash after a channel accepted a
 * message and before the delivery was journaled sends it again, with the same
 * idempotency key: a receiver that dedups by key sees it once. Failures are retried with
 * exponential backoff and jitter, honouring Retry-After.
 */
export class Outbox {
  private readonly attempts = new Map<string, Attempts>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly unsubscribe: () => void;
  private readonly settled = new Set<() => void>();

  constructor(
    private readonly release: Release,
    private readonly options: {
      readonly channels: () => readonly Channel[];
      readonly send: Sender;
      readonly actor: string;
      readonly now?: () => number;
      readonly random?: () => number;
      readonly onError?: (error: unknown) => void;
    },
  ) {
    this.unsubscribe = release.onChange((events) => {
      if (events.some((event) => event.type === COMMS_EVENTS.approved)) this.pump();
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Start (or nudge) sending: everything due goes out, up to the in-flight limit. */
  pump(): void {
    if (this.disposed) return;
    const now = this.now();
    const pending = pendingDeliveries(this.release.state.comms);
    if (pending.length === 0) this.notifySettled();
    let nextWake: number | null = null;
    for (const delivery of pending) {
      const id = idOf(delivery);
      if (this.inFlight.has(id)) continue;
      const attempt = this.attempts.get(id);
      if (attempt && attempt.nextAttemptAt > now) {
        nextWake = nextWake === null ? attempt.nextAttemptAt : Math.min(nextWake, attempt.nextAttemptAt);
        continue;
      }
      if (this.inFlight.size >= OUTBOX_TUNING.maxInFlight) break;
      this.inFlight.add(id);
      void this.deliver(delivery, id);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (nextWake !== null) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, nextWake - now));
      this.timer.unref();
    }
  }

  private async deliver(delivery: PendingDelivery, id: string): Promise<void> {
    const channel = this.options.channels().find((candidate) => candidate.id === delivery.content.channel);
    try {
      const result = channel
        ? await this.options.send(
            channel,
            { key: delivery.message.key, subject: delivery.content.subject, text: delivery.content.text },
            { releaseDir: this.release.dir, renderStatusPage: () => renderStatusPage(this.release.state, channel.id, new Date(this.now()).toISOString()) },
          )
        : { ok: false as const, error: `channel ${delivery.content.channel} is no longer configured in this workspace` };
      if (this.disposed) return;
      if (result.ok) {
        await this.release.execute(this.options.actor, (state) => {
          const message = state.comms.messages.find((candidate) => candidate.id === delivery.message.id);
          if (!message || message.delivered[delivery.content.channel]) return [];
          return [{ type: COMMS_EVENTS.delivered, data: { id: message.id, channel: delivery.content.channel, response: result.response.slice(0, 500) } }];
        });
        this.attempts.delete(id);
      } else {
        const previous = this.attempts.get(id);
        const attempts = (previous?.attempts ?? 0) + 1;
        const ceiling = Math.min(OUTBOX_TUNING.maxBackoffMs, OUTBOX_TUNING.baseBackoffMs * 2 ** (attempts - 1));
        // Equal jitter: half the delay fixed, half random, so many messages to one channel do not retry in lockstep.
        const backoff = ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
        this.attempts.set(id, { attempts, lastError: result.error, nextAttemptAt: this.now() + Math.max(backoff, result.retryAfterMs ?? 0) });
      }
    } catch (error) {
      (this.options.onError ?? ((cause: unknown) => console.error('warroom: outbox', cause)))(error);
      this.attempts.set(id, {
        attempts: (this.attempts.get(id)?.attempts ?? 0) + 1,
        lastError: String(error),
        nextAttemptAt: this.now() + OUTBOX_TUNING.maxBackoffMs,
      });
    } finally {
      this.inFlight.delete(id);
      this.pump();
    }
  }

  /** What is waiting and why, oldest first. */
  entries(): OutboxEntry[] {
    return pendingDeliveries(this.release.state.comms).map((delivery) => {
      const id = idOf(delivery);
      const attempt = this.attempts.get(id);
      return {
        message: delivery.message.id,
        key: delivery.message.key,
        channel: delivery.content.channel,
        subject: delivery.content.subject,
        attempts: attempt?.attempts ?? 0,
        lastError: attempt?.lastError ?? null,
        nextAttemptAt: attempt && !this.inFlight.has(id) ? new Date(attempt.nextAttemptAt).toISOString() : null,
        inFlight: this.inFlight.has(id),
      };
    });
  }

  /** Resolves when nothing is waiting (for tests and the benchmark). */
  drained(): Promise<void> {
    if (pendingDeliveries(this.release.state.comms).length === 0 && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settled.add(resolve));
  }

  private notifySettled(): void {
    if (this.inFlight.size > 0) return;
    for (const resolve of this.settled) resolve();
    this.settled.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.notifySettled();
  }
}

function idOf(delivery: PendingDelivery): string {
  return `${delivery.message.id}/${delivery.content.channel}`;
}
