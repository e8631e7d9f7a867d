/**
 * The workspace's releases side by side (trains): windows, forecasts, what each starts
 * after and its conflicts, gathered from the services for the plan view; and what a
 * release's dependencies hold at its go/no-go gate.
 */
import type { Release } from '../core/release/release';
import type { GateBlocker } from '../../contract/domain/go-no-go/poll-model';
import type { ReleaseTrains, TrainRelease } from '../../contract/domain/plan/trains-views';
import { afterReleasesOf, releaseDependencyMessage, releaseVerification } from '../core/plan/release-trains';
import type { TrainMember } from '../core/plan/release-trains';
import { resolveWindow } from '../core/schedule/release-window';
import { effectiveWindow } from '../core/schedule/release-schedule';
import { planForecastOf } from './plan-context';
import { releaseScheduleFindings } from './schedule-context';
import type { CallContext, Services } from './services';

/** Schedule findings that are conflicts between releases or with the calendar (not the release's own clock notes). */
const CONFLICT_RULES = new Set(['target-overlap', 'blackout', 'friday-rule', 'outside-window']);

/** Every readable release of the workspace with a definition. */
async function openReleases(services: Services, only?: string): Promise<Release[]> {
  const releases: Release[] = [];
  for (const listing of await services.workspace.list()) {
    if (listing.error || (only !== undefined && listing.slug !== only)) continue;
    const release = await services.release(listing.slug).catch(() => null);
    if (release?.state.meta) releases.push(release);
  }
  return releases;
}

function memberOf(release: Release): TrainMember {
  return { slug: release.slug, name: release.state.meta!.name, afterReleases: afterReleasesOf(release.state.plan) };
}

/** The releases of the workspace, as the train rules see them (for setting a dependency). */
export async function trainMembers(services: Services): Promise<TrainMember[]> {
  return (await openReleases(services)).map(memberOf);
}

/**
 * The releases on one calendar. A participant sees only the release of their invite
 * (another release's name and window are not theirs to know), and the names of what it
 * starts after, as its go/no-go gate shows them.
 */
export async function releaseTrains(services: Services, context: CallContext): Promise<ReleaseTrains> {
  const now = new Date().toISOString();
  const all = await openReleases(services);
  const bySlug = new Map(all.map((release) => [release.slug, release]));
  const only = context.participant?.release;
  const visible = only === undefined ? all : all.filter((release) => release.slug === only);
  const releases: TrainRelease[] = [];
  for (const release of visible) {
    const state = release.state;
    const meta = state.meta!;
    let window: TrainRelease['window'] = null;
    try {
      const resolved = resolveWindow(effectiveWindow(meta, state.schedule).window);
      window = { start: resolved.start, end: resolved.end };
    } catch {
      // Shown in the release's own header.
    }
    const findings = await releaseScheduleFindings(services, release);
    releases.push({
      slug: release.slug,
      name: meta.name,
      version: meta.version,
      mode: meta.mode,
      zone: meta.zone,
      window,
      forecastFinish: planForecastOf(release, state, now).forecast?.projectedFinish ?? null,
      targets: meta.targets.map((target) => target.name),
      after: afterReleasesOf(state.plan).map((slug) => {
        const other = bySlug.get(slug);
        const verification = other ? releaseVerification(other.state) : { verified: false, why: 'the release is no longer in this workspace' };
        return { slug, name: other?.state.meta?.name ?? slug, ...verification };
      }),
      verification: releaseVerification(state),
      conflicts: findings
        .filter((finding) => CONFLICT_RULES.has(finding.rule))
        .map((finding) => ({
          rule: finding.rule,
          message: finding.message,
          start: finding.period.start,
          end: finding.period.end,
          blocking: finding.severity === 'block' && finding.override === undefined,
        })),
    });
  }
  releases.sort((a, b) => (a.window?.start ?? '').localeCompare(b.window?.start ?? '') || a.name.localeCompare(b.name));
  return { releases, computedAt: now };
}

/** What holds a GO of `release`: each release it starts after that is not verified yet (a gone one included). */
export async function releaseDependencyBlockers(services: Services, release: Release): Promise<GateBlocker[]> {
  const after = afterReleasesOf(release.state.plan);
  if (after.length === 0) return [];
  const self = release.state.meta?.name ?? release.slug;
  const blockers: GateBlocker[] = [];
  for (const slug of after) {
    const other = await services.release(slug).catch(() => null);
    const verification = other?.state.meta ? releaseVerification(other.state) : { verified: false, why: 'the release is no longer in this workspace' };
    if (verification.verified) continue;
    blockers.push({ kind: 'policy', source: 'release dependency', message: releaseDependencyMessage(self, other?.state.meta?.name ?? slug, verification) });
  }
  return blockers;
}
