import type { FollowStatus } from '../../../contract/requests/follow-requests';

/** Below this the replica is called live (the follower asks its host every 2 s). */
export const LIVE_BELOW_MS = 5_000;

/** "live", "12 s stale" or "host never reached": how current a replica is, in plain words. */
export function describeStaleness(status: FollowStatus): string {
  if (status.staleMs === null) return 'host never reached';
  if (status.connected && status.staleMs < LIVE_BELOW_MS) return 'live';
  return `${Math.round(status.staleMs / 1000)} s stale`;
}
