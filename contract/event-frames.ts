import type { EventPayloads, WarRoomEvent } from './events';

/**
 * Terminal output crosses the WebSocket as a binary frame instead of JSON text: a
 * 4-byte big-endian length, a JSON header (slug, session, offset), then the output as
 * UTF-8. Output is mostly escape sequences, which JSON spells as six characters each
 * (\u001b) for both sides to encode and parse; a binary frame is copied, not parsed, and
 * the browser does not validate it as text. Every other event stays JSON text.
 */
type TerminalData = EventPayloads['terminal.data'];
type Header = Omit<TerminalData, 'data'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function encodeTerminalDataFrame(payload: TerminalData): Uint8Array {
  const header = encoder.encode(JSON.stringify({ slug: payload.slug, sessionId: payload.sessionId, offset: payload.offset } satisfies Header));
  const data = encoder.encode(payload.data);
  const frame = new Uint8Array(4 + header.length + data.length);
  new DataView(frame.buffer).setUint32(0, header.length);
  frame.set(header, 4);
  frame.set(data, 4 + header.length);
  return frame;
}

/** The event a binary frame carries, or null when it is not one of ours. */
export function decodeTerminalDataFrame(frame: ArrayBuffer): WarRoomEvent | null {
  if (frame.byteLength < 4) return null;
  const headerLength = new DataView(frame).getUint32(0);
  if (4 + headerLength > frame.byteLength) return null;
  let header: Partial<Header>;
  try {
    header = JSON.parse(decoder.decode(new Uint8Array(frame, 4, headerLength))) as Partial<Header>;
  } catch {
    return null;
  }
  if (typeof header.slug !== 'string' || typeof header.sessionId !== 'string' || typeof header.offset !== 'number') return null;
  const data = decoder.decode(new Uint8Array(frame, 4 + headerLength));
  return { type: 'terminal.data', payload: { slug: header.slug, sessionId: header.sessionId, offset: header.offset, data } };
}
