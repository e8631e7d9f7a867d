/** The health board's remedies: journaled as decisions; "switch the feature off" flips the sandbox's flag. */
import type { telemetryRequests } from '../../../contract/requests/telemetry-requests';
import { REMEDIES, REMEDY_NOTE_PREFIX } from '../../../contract/health-board';
import { flipSandboxFlag } from '../../core/telemetry/sandbox-flags';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import { activeBake, decideBake, startBake, stopBake } from '../../core/telemetry/bake-commands';

export const telemetryHandlers: HandlerGroup<keyof typeof telemetryRequests> = {
  'telemetry.bake.start': async ({ slug, durationMs, intervalMs, criterionIds }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => startBake(state.bake, state.poll.criteria, { durationMs, intervalMs, criterionIds }, ctx));
    const bake = activeBake(release.state.bake) ?? release.state.bake.bakes[release.state.bake.bakes.length - 1];
    return { bakeId: bake?.id ?? '', endsAt: bake?.endsAt ?? '' };
  },
  'telemetry.bake.stop': async ({ slug, reason }, services, context) => {
    const release = await services.release(slug);
    const bakeId = activeBake(release.state.bake)?.id ?? '';
    await release.execute(context.actor, (state, ctx) => stopBake(state.bake, reason, ctx));
    return { bakeId };
  },
  'telemetry.bake.decide': async ({ slug, bakeId, decision, reason }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => decideBake(state.bake, state.incidents, { bakeId, decision, reason }, ctx));
    return { bakeId, incidentId: release.state.bake.bakes.find((bake) => bake.id === bakeId)?.incidentId ?? null };
  },
  'telemetry.remedy': async ({ slug, remedy, reason, flag }, services, context) => {
    const release = await services.release(slug);
    const label = REMEDIES.find((entry) => entry.id === remedy)?.label ?? remedy;
    let flipped: { name: string; before: boolean; after: boolean } | null = null;
    if (remedy === 'flag-off') {
      const sandbox = release.state.meta?.targets.find((target) => target.environment === 'sandbox' && target.env.WARROOM_SANDBOX);
      if (!sandbox) {
        throw new WarRoomError(
          'refused',
          'This release has no flag service War Room can reach: switch the flag off in your flag service (or with a flag-flip playbook step), then record "Fix forward" or "Roll back" here if it did not help.',
          [{ field: 'remedy' }],
        );
      }
      flipped = await flipSandboxFlag(sandbox.env.WARROOM_SANDBOX as string, flag, false);
    }
    const after =
      remedy === 'flag-off' && flipped
        ? ` (flag ${flipped.name}: ${flipped.before ? 'on' : 'off'} -> ${flipped.after ? 'on' : 'off'})`
        : remedy === 'roll-back'
          ? ' (run the rollback playbook from Playbooks)'
          : '';
    const note = `${REMEDY_NOTE_PREFIX}${label}: ${reason}${after}`;
    await release.execute(context.actor, () => [{ type: 'note.added', data: { kind: 'decision', text: note } }]);
    return { note, flag: flipped };
  },
};
