import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the poll events; null for events of other areas. */
export function describePollEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
