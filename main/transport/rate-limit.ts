/**
 * A token bucket: `capacity` requests at once, refilled at `perSecond`. One per participant
 * (shared by all their tabs), so a hostile or runaway page cannot flood the host.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Take one token; false when the bucket is empty (the request is refused, not queued). */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Participants' budget: bursts of 200 requests (a page opening a view makes dozens), 50 a second sustained (a person clicking, a page loading a view). */
export const PARTICIPANT_RATE = { capacity: 200, perSecond: 50 } as const;
