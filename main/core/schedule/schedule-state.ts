/**
 * The `schedule` slice of a release's state, and its reducer.
 *
 * Plain readonly JSON rebuilt from the journal: the window, the pods, the release's own
 * blackouts (the workspace calendar uses the same Blackout shape), the Friday rule and
 * the overrides with their written reasons. The reducer validates each event's data with
 * the area's schemas (parseScheduleEvent): the journal is ours, but a journal that does not fit is corrupt and
 * must say so rather than project a half-true state.
 */
export type {
  ScheduleState,
  ScheduleEventType,
  ScheduleEventData,
  ScheduleEvent,
  AppliedScheduleEvent,
} from '../../../contract/domain/schedule/schedule-events';
export { SCHEDULE_EVENTS, scheduleEventDataSchemas, parseScheduleEvent } from '../../../contract/domain/schedule/schedule-events';
import type { ScheduleState } from '../../../contract/domain/schedule/schedule-events';
import { SCHEDULE_EVENTS, parseScheduleEvent } from '../../../contract/domain/schedule/schedule-events';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';

/** A journal event as the framework hands it to reducers. */
export type JournalEvent = AppliedEvent;

/** An empty schedule: no window yet, no pods, no blackouts of its own. */
export function initialScheduleState(): ScheduleState {
  return { window: null, pods: [], blackouts: [], fridayRule: null, overrides: [] };
}

/** Apply one journal event to the schedule slice; events of other areas leave it unchanged. */
export function reduceSchedule(state: ScheduleState, journalEvent: JournalEvent): ScheduleState {
  const event = parseScheduleEvent(journalEvent);
  if (event === null) return state;
  switch (event.type) {
    case SCHEDULE_EVENTS.windowSet:
      return { ...state, window: event.data.window };
    case SCHEDULE_EVENTS.podsSet:
      return { ...state, pods: event.data.pods };
    case SCHEDULE_EVENTS.blackoutAdded: {
      const { blackout } = event.data;
      return { ...state, blackouts: [...state.blackouts.filter((entry) => entry.id !== blackout.id), blackout] };
    }
    case SCHEDULE_EVENTS.blackoutRemoved: {
      const { id } = event.data;
      return { ...state, blackouts: state.blackouts.filter((entry) => entry.id !== id) };
    }
    case SCHEDULE_EVENTS.fridayRuleSet:
      return { ...state, fridayRule: event.data.rule };
    case SCHEDULE_EVENTS.overrideRecorded:
      return { ...state, overrides: [...state.overrides, { ...event.data, actor: event.actor, at: event.ts }] };
  }
}
