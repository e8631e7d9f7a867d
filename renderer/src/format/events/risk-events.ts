import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from '../describe-event';

/** Timeline lines for the risk events; null for events of other areas. */
export function describeRiskEvent(_event: JournalEvent): EventDescription | null {
  return null;
}
