import type { CommandContext, DomainEvent } from '../../../contract/domain/release/domain-event';
/**
 * Commands of the schedule area: validate a request against the current state and
 * return the events to journal.
 *
 * Pure: (state, input, ctx) => events. Each command parses its input with the schema the
 * contract layer also uses, checks it makes sense now (a window that ends before it
 * starts, a blackout id already taken, an override without a reason or of a finding that
 * does not exist) and throws a WarRoomError saying why; the framework journals the
 * events and applies them with reduceSchedule.
 */
import { WarRoomError } from '../../../contract/domain/errors';
import type { PolicyFinding } from './policy-checks';
import { resolveWindow } from './release-window';
import { parseRrule } from './wall-clock-recurrence';
import { resolveLocal, instantMs } from '../../../contract/domain/schedule/local-time';
import {
  addBlackoutInputSchema,
  recordOverrideInputSchema,
  removeBlackoutInputSchema,
  setFridayRuleInputSchema,
  setPodsInputSchema,
  setWindowInputSchema,
} from '../../../contract/domain/schedule/schedule-schemas';
import type { Blackout } from '../../../contract/domain/schedule/schedule-schemas';
import { SCHEDULE_EVENTS } from './schedule-state';
import type { ScheduleEvent, ScheduleState } from './schedule-state';

export type { CommandContext, DomainEvent };

function parseInput<T>(
  schema: {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  throw new WarRoomError('invalid-input', `${field === '' ? 'Input' : `'${field}'`}: ${issue?.message ?? 'invalid'}`, field === '' ? [] : [{ field }]);
}

/** Set (or move) the release window. Refuses a window that ends before it starts. */
export function setWindow(state: ScheduleState, input: unknown, _ctx: CommandContext): ScheduleEvent[] {
  const { window } = parseInput(setWindowInputSchema, input);
  resolveWindow(window);
  if (JSON.stringify(state.window) === JSON.stringify(window)) return [];
  return [{ type: SCHEDULE_EVENTS.windowSet, data: { window } }];
}

/** Set the pods that hold the release. Pod names must be unique. */
export function setPods(_state: ScheduleState, input: unknown, _ctx: CommandContext): ScheduleEvent[] {
  const { pods } = parseInput(setPodsInputSchema, input);
  const names = new Set<string>();
  for (const [index, pod] of pods.entries()) {
    if (names.has(pod.name))
      throw new WarRoomError('conflict', `Two pods are named '${pod.name}'; give each pod its own name`, [{ field: `pods.${index}.name` }]);
    names.add(pod.name);
    if (pod.hours.start === pod.hours.end) {
      throw new WarRoomError('invalid-input', `Pod '${pod.name}' starts and ends work at ${pod.hours.start}; a 24-hour pod is 00:00-24:00`, [
        { field: `pods.${index}.hours` },
      ]);
    }
  }
  return [{ type: SCHEDULE_EVENTS.podsSet, data: { pods } }];
}

/** Check a blackout's rule makes sense beyond its shape (ends after it starts, a valid RRULE). */
export function validateBlackout(blackout: Blackout): void {
  const rule = blackout.rule;
  if (rule.kind === 'once' && instantMs(resolveLocal(rule.end, rule.zone).instant) <= instantMs(resolveLocal(rule.start, rule.zone).instant)) {
    throw new WarRoomError('invalid-input', `Blackout '${blackout.title}' ends (${rule.end}) before it starts (${rule.start})`, [
      { field: 'blackout.rule.end' },
    ]);
  }
  if (rule.kind === 'rrule' && rule.durationMinutes + rule.exactMinutes <= 0) {
    throw new WarRoomError('invalid-input', `Blackout '${blackout.title}' has no length`, [{ field: 'blackout.rule.durationMinutes' }]);
  }
  if (rule.kind === 'rrule' && rule.rrule !== undefined) parseRrule(rule.rrule);
  if (rule.kind === 'weekly' && rule.from !== undefined && rule.until !== undefined && rule.until < rule.from) {
    throw new WarRoomError('invalid-input', `Blackout '${blackout.title}' repeats until ${rule.until}, before it starts (${rule.from})`, [
      { field: 'blackout.rule.until' },
    ]);
  }
}

/** Add a blackout; its id must be new. */
export function addBlackout(state: ScheduleState, input: unknown, _ctx: CommandContext): ScheduleEvent[] {
  const { blackout } = parseInput(addBlackoutInputSchema, input);
  if (state.blackouts.some((entry) => entry.id === blackout.id)) {
    throw new WarRoomError('conflict', `A blackout with id '${blackout.id}' already exists; remove it first or pick another id`, [{ field: 'blackout.id' }]);
  }
  validateBlackout(blackout);
  return [{ type: SCHEDULE_EVENTS.blackoutAdded, data: { blackout } }];
}

/** Remove a blackout by id. */
export function removeBlackout(state: ScheduleState, input: unknown, _ctx: CommandContext): ScheduleEvent[] {
  const { id } = parseInput(removeBlackoutInputSchema, input);
  if (!state.blackouts.some((entry) => entry.id === id)) throw new WarRoomError('not-found', `No blackout with id '${id}'`, [{ field: 'id' }]);
  return [{ type: SCHEDULE_EVENTS.blackoutRemoved, data: { id } }];
}

/** Set this release's Friday rule (null: the workspace's rule applies). */
export function setFridayRule(_state: ScheduleState, input: unknown, _ctx: CommandContext): ScheduleEvent[] {
  const { rule } = parseInput(setFridayRuleInputSchema, input);
  return [{ type: SCHEDULE_EVENTS.fridayRuleSet, data: { rule } }];
}

/**
 * Override a finding with a written reason. `findings` are the current findings (computed
 * by the caller with the workspace calendar and the other releases): an override must
 * name one of them, and an informational finding needs none.
 */
export function recordOverride(state: ScheduleState, input: unknown, _ctx: CommandContext, findings: readonly PolicyFinding[]): ScheduleEvent[] {
  const { findingId, reason } = parseInput(recordOverrideInputSchema, input);
  const finding = findings.find((entry) => entry.id === findingId);
  if (!finding)
    throw new WarRoomError('not-found', `No current schedule finding '${findingId}'; the schedule may have changed, check again`, [{ field: 'findingId' }]);
  if (finding.severity === 'info')
    throw new WarRoomError('refused', `'${finding.message}' is for information only and needs no override`, [{ field: 'findingId' }]);
  if (state.overrides.some((entry) => entry.findingId === findingId && entry.reason === reason)) return [];
  return [{ type: SCHEDULE_EVENTS.overrideRecorded, data: { findingId, rule: finding.rule, message: finding.message, reason } }];
}
