/**
 * The `schedule` slice of a release's state, and its reducer.
 *
 * Plain readonly JSON rebuilt from the journal: the window, the pods, the release's own
 * blackouts (the workspace calendar uses the same Blackout shape), the Friday rule and
 * the overrides with their written reasons. The reducer validates each event's data with
 * the area's schemas: the journal is ours, but a journal that does not fit is corrupt and
 * must say so rather than project a half-true state.
 */
import { WarRoomError } from '../../../contract/domain/errors';
export type { ScheduleState, ScheduleEventType, ScheduleEventData } from '../../../contract/domain/schedule/schedule-events';
export { SCHEDULE_EVENTS, scheduleEventDataSchemas } from '../../../contract/domain/schedule/schedule-events';
import type { ScheduleState, ScheduleEventType, ScheduleEventData } from '../../../contract/domain/schedule/schedule-events';
import { SCHEDULE_EVENTS, scheduleEventDataSchemas } from '../../../contract/domain/schedule/schedule-events';

/** A journal event as the framework hands it to reducers. */
export interface JournalEvent {
  readonly type: string;
  readonly data: unknown;
  readonly actor: string;
  readonly ts: string;
  readonly seq: number;
}

/** An empty schedule: no window yet, no pods, no blackouts of its own. */
export function initialScheduleState(): ScheduleState {
  return { window: null, pods: [], blackouts: [], fridayRule: null, overrides: [] };
}

function isScheduleEvent(type: string): type is ScheduleEventType {
  return Object.prototype.hasOwnProperty.call(scheduleEventDataSchemas, type);
}

function dataOf<T extends ScheduleEventType>(event: JournalEvent & { type: T }): ScheduleEventData<T> {
  const parsed = scheduleEventDataSchemas[event.type].safeParse(event.data);
  if (!parsed.success) {
    throw new WarRoomError(
      'corrupt',
      `Journal event #${event.seq} (${event.type}) does not have the expected data: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      [{ field: `seq ${event.seq}` }],
    );
  }
  return parsed.data as ScheduleEventData<T>;
}

/** Apply one journal event to the schedule slice; events of other areas leave it unchanged. */
export function reduceSchedule(state: ScheduleState, event: JournalEvent): ScheduleState {
  const type = event.type;
  if (!isScheduleEvent(type)) return state;
  switch (type) {
    case SCHEDULE_EVENTS.windowSet:
      return { ...state, window: dataOf({ ...event, type }).window };
    case SCHEDULE_EVENTS.podsSet:
      return { ...state, pods: dataOf({ ...event, type }).pods };
    case SCHEDULE_EVENTS.blackoutAdded: {
      const { blackout } = dataOf({ ...event, type });
      return { ...state, blackouts: [...state.blackouts.filter((entry) => entry.id !== blackout.id), blackout] };
    }
    case SCHEDULE_EVENTS.blackoutRemoved: {
      const { id } = dataOf({ ...event, type });
      return { ...state, blackouts: state.blackouts.filter((entry) => entry.id !== id) };
    }
    case SCHEDULE_EVENTS.fridayRuleSet:
      return { ...state, fridayRule: dataOf({ ...event, type }).rule };
    case SCHEDULE_EVENTS.overrideRecorded: {
      const data = dataOf({ ...event, type });
      return { ...state, overrides: [...state.overrides, { ...data, actor: event.actor, at: event.ts }] };
    }
  }
}
