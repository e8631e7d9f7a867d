import type { EventKind } from '../../../../contract/event-kinds';
import type { AppliedEvent } from '../../../../contract/domain/release/domain-event';

/** How the timeline shows one journal event: its kind (for colour and filters) and one line of text. */
export interface EventDescription {
  readonly kind: EventKind;
  readonly text: string;
}

/**
 * An area's event read through its parser for a timeline line: the typed event, null for
 * another area's, or the line that says it does not read (a journal written by another
 * version or edited by hand is shown, never dropped and never a crash of the page).
 */
export function readForTimeline<Typed>(
  parse: (event: AppliedEvent) => Typed | null,
  event: AppliedEvent,
  kind: EventKind,
): { readonly typed: Typed } | { readonly unreadable: EventDescription } | null {
  try {
    const typed = parse(event);
    return typed === null ? null : { typed };
  } catch (error) {
    return { unreadable: { kind, text: `${event.type}: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
