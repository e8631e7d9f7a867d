import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the checklist events; null for events of other areas. */
export function describeChecklistEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
