import { eventKindOf, type EventKind } from '../../../contract/event-kinds';

/** What the timeline index needs of an event, read from its line without parsing its data. */
export interface EventHeader {
  readonly tsMs: number;
  readonly actor: string;
  readonly kind: EventKind;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const TS_TAG = Buffer.from(',"ts":"', 'latin1');
const ACTOR_TAG = Buffer.from('","actor":', 'latin1');
const TYPE_TAG = Buffer.from(',"type":', 'latin1');
const DATA_TAG = Buffer.from(',"data":', 'latin1');

/**
 * Read ts, actor and kind from a verified line `{"seq":N,"ts":"..","actor":"..","type":"..","data":..`
 * (the canonical order). Only a note's data is parsed (a note may be a decision); a line
 * that does not have the expected shape is parsed whole, so an odd line costs time, never
 * correctness.
 */
export function readEventHeader(buffer: Buffer, start: number, end: number): EventHeader {
  const tsStart = buffer.indexOf(TS_TAG, start) + TS_TAG.length;
  const tsEnd = buffer.indexOf(ACTOR_TAG, tsStart);
  if (tsStart < TS_TAG.length || tsEnd === -1 || tsEnd > end) return parsedHeader(buffer, start, end);
  const actor = readJsonString(buffer, tsEnd + ACTOR_TAG.length, end);
  if (!actor || !hasTagAt(buffer, TYPE_TAG, actor.next)) return parsedHeader(buffer, start, end);
  const type = readJsonString(buffer, actor.next + TYPE_TAG.length, end);
  if (!type || !hasTagAt(buffer, DATA_TAG, type.next)) return parsedHeader(buffer, start, end);
  const tsMs = Date.parse(buffer.toString('latin1', tsStart, tsEnd));
  if (type.value === 'note.added') return parsedHeader(buffer, start, end);
  return { tsMs, actor: actor.value, kind: eventKindOf(type.value, null) };
}

function parsedHeader(buffer: Buffer, start: number, end: number): EventHeader {
  const event = JSON.parse(buffer.toString('utf8', start, end)) as { ts: string; actor: string; type: string; data: unknown };
  return { tsMs: Date.parse(event.ts), actor: event.actor, kind: eventKindOf(event.type, event.data) };
}

function hasTagAt(buffer: Buffer, tag: Buffer, at: number): boolean {
  return buffer.compare(tag, 0, tag.length, at, at + tag.length) === 0;
}

/** A JSON string starting at `at` (its opening quote); escapes are left to JSON.parse. */
function readJsonString(buffer: Buffer, at: number, end: number): { value: string; next: number } | null {
  if (buffer[at] !== QUOTE) return null;
  let escaped = false;
  for (let index = at + 1; index < end; index += 1) {
    const byte = buffer[index];
    if (byte === BACKSLASH) {
      escaped = true;
      index += 1;
    } else if (byte === QUOTE) {
      const raw = buffer.toString('utf8', at, index + 1);
      return { value: escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1), next: index + 1 };
    }
  }
  return null;
}
