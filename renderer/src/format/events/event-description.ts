import type { EventKind } from '../../../../contract/event-kinds';

/** How the timeline shows one journal event: its kind (for colour and filters) and one line of text. */
export interface EventDescription {
  readonly kind: EventKind;
  readonly text: string;
}
