import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from './event-description';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Data = Record<string, unknown>;
const record = (value: unknown): Data => (typeof value === 'object' && value !== null ? (value as Data) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Timeline lines for the schedule events; null for events of other areas. */
export function describeScheduleEvent(event: JournalEvent): EventDescription | null {
  const data = record(event.data);
  switch (event.type) {
    case 'schedule.window-set': {
      const window = record(data.window);
      const start = text(window.start).replace('T', ' ');
      const end = text(window.end).replace('T', ' ');
      const goLive = text(window.goLive).replace('T', ' ');
      return { kind: 'schedule', text: `Release window set: ${start} → ${end} ${text(window.zone)}${goLive ? ` (go-live ${goLive})` : ''}` };
    }
    case 'schedule.pods-set': {
      const pods = Array.isArray(data.pods) ? data.pods.map(record) : [];
      const list = pods.map((pod) => `${text(pod.name)} (${text(pod.zone)}, ${text(record(pod.hours).start)}–${text(record(pod.hours).end)})`).join(', ');
      return { kind: 'schedule', text: pods.length === 0 ? 'Pods cleared' : `Pods set: ${list}` };
    }
    case 'schedule.blackout-added': {
      const blackout = record(data.blackout);
      return { kind: 'schedule', text: `Blackout added for this release: ${text(blackout.title)}` };
    }
    case 'schedule.blackout-removed':
      return { kind: 'schedule', text: `Blackout removed from this release: ${text(data.id)}` };
    case 'schedule.friday-rule-set': {
      const rule = data.rule === null ? null : record(data.rule);
      if (!rule) return { kind: 'schedule', text: 'Friday rule: the workspace rule applies' };
      const from = `${WEEKDAYS[Number(rule.fromDay) - 1] ?? '?'} ${text(rule.fromTime)}`;
      const until = `${WEEKDAYS[Number(rule.untilDay) - 1] ?? '?'} ${text(rule.untilTime)}`;
      return {
        kind: 'schedule',
        text: rule.enabled
          ? `Friday rule for this release: no releases ${from} → ${until} ${text(rule.zone)} (${text(rule.severity)})`
          : 'Friday rule turned off for this release',
      };
    }
    case 'schedule.override-recorded':
      return { kind: 'decision', text: `Schedule override (${text(data.rule)}): ${text(data.message)}. Reason: ${text(data.reason)}` };
    default:
      return null;
  }
}
