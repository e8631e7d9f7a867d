import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { JournalEvent } from '../../../contract/domain/journal/journal-event';

export type { JournalEvent };

/**
 * The on-disk format of the journal: one event per line.
 *
 * A line is the canonical body `{"seq":..,"ts":..,"actor":..,"type":..,"data":..}` with
 * `,"prev":"<64 hex>","hash":"<64 hex>"}` in place of its closing brace. The hash is
 * sha256(prev + canonical body). Because the body is a byte prefix of the line, a
 * verifier hashes the bytes it read without re-serialising anything, and any change to
 * a byte of the body, the chain link or the order is detected.
 */
/** The `prev` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Length of the suffix `,"prev":"<64>","hash":"<64>"}` that closes every line. */
export const LINE_SUFFIX_LENGTH = ',"prev":"'.length + 64 + '","hash":"'.length + 64 + '"}'.length;

/** The body members in their canonical order; `data` is canonical JSON itself. */
export function canonicalBody(seq: number, ts: string, actor: string, type: string, dataJson: string): string {
  return `{"seq":${seq},"ts":${JSON.stringify(ts)},"actor":${JSON.stringify(actor)},"type":${JSON.stringify(type)},"data":${dataJson}}`;
}

/** The canonical JSON of an event's data; throws a TypeError for data that would not read back the same. */
export function encodeData(data: unknown): string {
  return canonicalJson(data ?? null);
}

/** sha256(prev + body) in hex. */
export function chainHash(prev: string, body: string): string {
  return createHash('sha256').update(prev).update(body).digest('hex');
}

/** Build the event and its line (with the trailing newline) from its parts; `dataJson` comes from `encodeData(data)`. */
export function encodeEvent(
  seq: number,
  ts: string,
  actor: string,
  type: string,
  data: unknown,
  dataJson: string,
  prev: string,
): { event: JournalEvent; line: string } {
  const body = canonicalBody(seq, ts, actor, type, dataJson);
  const hash = chainHash(prev, body);
  const line = `${body.slice(0, -1)},"prev":"${prev}","hash":"${hash}"}\n`;
  return { event: { seq, ts, actor, type, data: data ?? null, prev, hash }, line };
}
