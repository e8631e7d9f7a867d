import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the report events; null for events of other areas. */
export function describeReportEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
