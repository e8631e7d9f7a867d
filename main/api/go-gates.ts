import type { Release } from '../core/release/release';
import { evaluateGoGates, type GateVerdict } from '../core/go-no-go/poll-gates';
import type { GateBlocker } from '../../contract/domain/go-no-go/poll-model';
import { stateGates } from '../core/go-no-go/release-gates';
import { scheduleGateBlockers } from './schedule-context';
import { releaseDependencyBlockers } from './release-trains';
import type { Services } from './services';
import { readMetricGates } from './metric-gates';

/** The release-window policy findings that block a GO, phrased as gate blockers, and the releases it starts after that are not verified yet. */
export async function policyGateBlockers(services: Services, release: Release): Promise<GateBlocker[]> {
  const schedule: GateBlocker[] = (await scheduleGateBlockers(services, release)).map((finding) => ({
    kind: 'policy',
    source: `release window: ${finding.rule}`,
    message: finding.message,
  }));
  return [...schedule, ...(await releaseDependencyBlockers(services, release))];
}

/** The verdict on a GO right now: quorum blockers (never overridable) and the overridable ones, metric gates measured now. */
export async function evaluateReleaseGoGates(services: Services, release: Release): Promise<GateVerdict> {
  const [policy, metricGates] = await Promise.all([policyGateBlockers(services, release), readMetricGates(release.state, release.state.poll.criteria)]);
  return evaluateGoGates(release.state.poll, stateGates(release.state, policy, metricGates));
}
