import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the playbook events; null for events of other areas. */
export function describePlaybookEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
