import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the terminal events; null for events of other areas. */
export function describeTerminalEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
