import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the schedule events; null for events of other areas. */
export function describeScheduleEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
