import type { JournalEvent } from '../../../../contract/models';
import type { ScheduleEvent } from '../../../../contract/domain/schedule/schedule-events';
import { SCHEDULE_EVENTS } from '../../../../contract/domain/schedule/schedule-event-types';
import { eventOfArea } from '../../../../contract/domain/journal/typed-events';
import type { EventDescription } from './event-description';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const local = (value: string): string => value.replace('T', ' ');
const weekday = (day: number): string => WEEKDAYS[day - 1] ?? '?';

/** Timeline lines for the schedule events; null for events of other areas; a line that does not read says what is wrong. */
export function describeScheduleEvent(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<ScheduleEvent>(journalEvent, SCHEDULE_EVENTS);
  if (event === null) return null;
  switch (event.type) {
    case SCHEDULE_EVENTS.windowSet: {
      const { start, end, zone, goLive } = event.data.window;
      return { kind: 'schedule', text: `Release window set: ${local(start)} → ${local(end)} ${zone}${goLive ? ` (go-live ${local(goLive)})` : ''}` };
    }
    case SCHEDULE_EVENTS.podsSet: {
      const { pods } = event.data;
      const list = pods.map((pod) => `${pod.name} (${pod.zone}, ${pod.hours.start}–${pod.hours.end})`).join(', ');
      return { kind: 'schedule', text: pods.length === 0 ? 'Pods cleared' : `Pods set: ${list}` };
    }
    case SCHEDULE_EVENTS.blackoutAdded:
      return { kind: 'schedule', text: `Blackout added for this release: ${event.data.blackout.title}` };
    case SCHEDULE_EVENTS.blackoutRemoved:
      return { kind: 'schedule', text: `Blackout removed from this release: ${event.data.id}` };
    case SCHEDULE_EVENTS.fridayRuleSet: {
      const { rule } = event.data;
      if (rule === null) return { kind: 'schedule', text: 'Friday rule: the workspace rule applies' };
      const from = `${weekday(rule.fromDay)} ${rule.fromTime}`;
      const until = `${weekday(rule.untilDay)} ${rule.untilTime}`;
      return {
        kind: 'schedule',
        text: rule.enabled
          ? `Friday rule for this release: no releases ${from} → ${until}${rule.zone === undefined ? '' : ` ${rule.zone}`} (${rule.severity})`
          : 'Friday rule turned off for this release',
      };
    }
    case SCHEDULE_EVENTS.overrideRecorded:
      return { kind: 'decision', text: `Schedule override (${event.data.rule}): ${event.data.message}. Reason: ${event.data.reason}` };
  }
}
