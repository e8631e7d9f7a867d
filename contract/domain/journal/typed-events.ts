/**
 * Typed journal events: an area declares one zod schema per event type it owns, and gets
 * the discriminated union of its events and a parser that reads a journal event into it.
 *
 * Why parse in the reducer: the journal on disk is input like any other (edited by hand,
 * written by a newer version). An event of the area whose data does not fit is refused as
 * corrupt with its seq, type and field, rather than projected half-true; an event of
 * another area, or a type this version does not know, is left alone (null).
 */
import type { z } from 'zod';
import { WarRoomError } from '../errors';
import type { AppliedEvent } from '../release/domain-event';

/** The schemas of an area's events, by type. */
export type EventSchemas = Readonly<Record<string, z.ZodType>>;

/** The union of an area's events as commands produce them: narrow on `type` to get its data. */
export type EventUnion<Schemas extends EventSchemas> = {
  [Type in keyof Schemas & string]: { readonly type: Type; readonly data: z.output<Schemas[Type]> };
}[keyof Schemas & string];

/** An event of the union as the journal applied it (with seq, ts and actor). */
export type AppliedUnion<Event> = Event extends unknown ? Event & Omit<AppliedEvent, 'type' | 'data'> : never;

/** A parser for one area's events: null for another area's event, the typed event, or a corrupt error. */
export function eventParser<Schemas extends EventSchemas>(schemas: Schemas): (event: AppliedEvent) => AppliedUnion<EventUnion<Schemas>> | null {
  return (event) => {
    const type = event.type;
    if (!Object.prototype.hasOwnProperty.call(schemas, type)) return null;
    const schema = schemas[type] as z.ZodType;
    const parsed = schema.safeParse(event.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `data.${issue.path.join('.')}` : 'data';
      throw new WarRoomError('corrupt', `Journal event #${event.seq} (${type}) does not have the expected data: ${field}: ${issue?.message ?? 'invalid'}`, [
        { field: `seq ${event.seq} ${field}` },
      ]);
    }
    // The schema of `type` parsed the data: the pair is one member of the union.
    return { ...event, type, data: parsed.data } as AppliedUnion<EventUnion<Schemas>>;
  };
}

/**
 * An event as its area's union member, by its type alone: for code that receives events
 * main has already read through the area's schemas (the renderer, whose bundle carries no
 * zod); null for another area's or an unknown type.
 */
export function eventOfArea<Event extends { readonly type: string }>(
  event: AppliedEvent,
  types: Readonly<Record<string, Event['type']>>,
): AppliedUnion<Event> | null {
  const known: readonly string[] = Object.values(types);
  // Main refused any line of these types whose data did not fit before the release opened.
  return known.includes(event.type) ? (event as unknown as AppliedUnion<Event>) : null;
}
