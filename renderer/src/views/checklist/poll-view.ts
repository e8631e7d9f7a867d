import { useEffect, useState } from 'react';
import type { GoNoGoRoll, Participant, PollState, Vote, VoteValue, GoGates } from './poll-types';
import { client } from '../../client/warroom-client';

/**
 * What the go/no-go section shows, derived from the poll slice: the room in roll-call
 * order (required roles first, then advisory, as the main side's rollCall does), the
 * tally per criterion, and the gates asked from the main side whenever the release moves.
 */

export const VOTE_LABELS: Readonly<Record<VoteValue, string>> = { GO: 'GO', 'NO-GO': 'NO-GO', ABSTAIN: 'ABSTAIN' };

/** Participants in the order "poll the room" walks them: required roles first, roles in listed order. */
export function rollCallOrder(poll: Pick<PollState, 'participants' | 'votes'>): GoNoGoRoll[] {
  const roles = [...new Set(poll.participants.map((participant) => participant.role))];
  const entries = roles.map((role) => {
    const members = poll.participants.filter((participant) => participant.role === role);
    return { role, required: members.some((participant) => participant.required), members };
  });
  const ordered = [...entries.filter((entry) => entry.required), ...entries.filter((entry) => !entry.required)];
  return ordered.flatMap((entry) =>
    entry.members.map((participant: Participant) => ({ participant, role: entry.role, required: entry.required, vote: poll.votes[participant.id] ?? null })),
  );
}

/** GO / NO-GO / ABSTAIN counts for one criterion across the current votes. */
export function criterionTally(votes: Readonly<Record<string, Vote>>, criterionId: string): Record<VoteValue, number> {
  const tally: Record<VoteValue, number> = { GO: 0, 'NO-GO': 0, ABSTAIN: 0 };
  for (const vote of Object.values(votes)) {
    const value = vote.criteria.find((entry) => entry.criterionId === criterionId)?.value;
    if (value) tally[value] += 1;
  }
  return tally;
}

/** How often the metric gates of an open poll are measured again while the room looks at them. */
export const METRIC_GATE_REFRESH_MS = 10_000;

/** The GO gates as the main side evaluates them, refreshed at every journal change, and every `refreshMs` when given (live metric gates). */
export function useGoGates(slug: string, seq: number, refreshMs?: number): { gates: GoGates | null; error: string | null } {
  const [gates, setGates] = useState<GoGates | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (refreshMs === undefined) return undefined;
    const timer = window.setInterval(() => setTick((value) => value + 1), refreshMs);
    return () => window.clearInterval(timer);
  }, [refreshMs]);
  useEffect(() => {
    let cancelled = false;
    client.call('poll.gates', { slug }).then(
      (verdict) => {
        if (cancelled) return;
        setGates(verdict);
        setError(null);
      },
      (failure: Error) => {
        if (!cancelled) setError(failure.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [slug, seq, tick]);
  return { gates, error };
}
