/**
 * The terminal data channel's messages, as binary frames: the same bytes cross an Electron
 * MessagePort (one per attachment) and a WebSocket (tagged by session and attachment, sent
 * only to the socket that attached). Output is mostly escape sequences, which JSON would
 * spell as six characters each; a frame is copied, not parsed.
 *
 *   byte 0      kind
 *   byte 1      n = length of the tag
 *   2 .. 2+n    tag, ASCII: `<sessionId>/<attachmentId>`
 *   then        output:  f64 offset, UTF-8 data      exit:   UTF-8 JSON of TerminalChannelExit
 *               skipped: f64 chars                   input:  UTF-8 data
 *               ack:     f64 chars                   resize: u16 cols, u16 rows
 *
 * Decoding never trusts a frame: anything malformed is null, never half-read.
 */

/** How the session ended, said on the channel after its last output. */
export interface TerminalChannelExit {
  readonly exitCode: number;
  readonly signal?: number;
  readonly endedBy?: 'closed' | 'server-stopped' | 'exited';
  readonly closedBy?: string;
}

interface Tag {
  readonly sessionId: string;
  readonly attachmentId: string;
}

/** Main -> panel. */
export type TerminalServerFrame =
  | (Tag & { readonly kind: 'output'; readonly offset: number; readonly data: string })
  | (Tag & { readonly kind: 'exit'; readonly exit: TerminalChannelExit })
  /** A watcher fell more than the high watermark behind: this many characters were not sent to it. */
  | (Tag & { readonly kind: 'skipped'; readonly chars: number });

/** Panel -> main. */
export type TerminalClientFrame =
  | (Tag & { readonly kind: 'input'; readonly data: string })
  | (Tag & { readonly kind: 'ack'; readonly chars: number })
  | (Tag & { readonly kind: 'resize'; readonly cols: number; readonly rows: number });

export type TerminalFrame = TerminalServerFrame | TerminalClientFrame;

const KINDS = ['output', 'exit', 'skipped', 'input', 'ack', 'resize'] as const;
type Kind = (typeof KINDS)[number];
const CODE: Record<Kind, number> = { output: 1, exit: 2, skipped: 3, input: 16, ack: 17, resize: 18 };
const KIND_OF = new Map<number, Kind>(KINDS.map((kind) => [CODE[kind], kind]));

/** A tag's parts: ids as the contract makes them (a UUID, or a short client-chosen id). */
const ID = /^[A-Za-z0-9-]{1,64}$/;
/** Largest input frame main accepts (a paste), as the old terminal.write request did. */
export const MAX_INPUT_CHARS = 1_000_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function header(kind: Kind, tag: Tag, bodyLength: number): { frame: Uint8Array; view: DataView; start: number } {
  const text = `${tag.sessionId}/${tag.attachmentId}`;
  if (text.length > 255 || !ID.test(tag.sessionId) || !ID.test(tag.attachmentId))
    throw new Error(`terminal frame: bad tag ${JSON.stringify(text.slice(0, 80))}`);
  const frame = new Uint8Array(2 + text.length + bodyLength);
  frame[0] = CODE[kind];
  frame[1] = text.length;
  for (let index = 0; index < text.length; index += 1) frame[2 + index] = text.charCodeAt(index);
  return { frame, view: new DataView(frame.buffer), start: 2 + text.length };
}

export function encodeTerminalFrame(message: TerminalFrame): Uint8Array {
  switch (message.kind) {
    case 'output': {
      const data = encoder.encode(message.data);
      const { frame, view, start } = header('output', message, 8 + data.length);
      view.setFloat64(start, message.offset);
      frame.set(data, start + 8);
      return frame;
    }
    case 'input': {
      const data = encoder.encode(message.data);
      const { frame, start } = header('input', message, data.length);
      frame.set(data, start);
      return frame;
    }
    case 'exit': {
      const data = encoder.encode(JSON.stringify(message.exit));
      const { frame, start } = header('exit', message, data.length);
      frame.set(data, start);
      return frame;
    }
    case 'skipped':
    case 'ack': {
      const { frame, view, start } = header(message.kind, message, 8);
      view.setFloat64(start, message.chars);
      return frame;
    }
    case 'resize': {
      const { frame, view, start } = header('resize', message, 4);
      view.setUint16(start, message.cols);
      view.setUint16(start + 2, message.rows);
      return frame;
    }
  }
}

const isCount = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/** The session and attachment a frame names (read without decoding its body: to route it), or null. */
export function frameTag(input: ArrayBuffer | Uint8Array): Tag | null {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 2 || !KIND_OF.has(bytes[0]!)) return null;
  const start = 2 + bytes[1]!;
  if (start > bytes.length) return null;
  let text = '';
  for (let index = 2; index < start; index += 1) text += String.fromCharCode(bytes[index]!);
  const slash = text.indexOf('/');
  const tag = { sessionId: text.slice(0, slash), attachmentId: text.slice(slash + 1) };
  return slash >= 0 && ID.test(tag.sessionId) && ID.test(tag.attachmentId) ? tag : null;
}

/** The message a frame carries, or null when it is not a well-formed one of ours. */
export function decodeTerminalFrame(input: ArrayBuffer | Uint8Array): TerminalFrame | null {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const tag = frameTag(bytes);
  const kind = KIND_OF.get(bytes[0] ?? 0);
  if (tag === null || kind === undefined) return null;
  const body = bytes.subarray(2 + bytes[1]!);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  try {
    switch (kind) {
      case 'output': {
        if (body.length < 8) return null;
        const offset = view.getFloat64(0);
        return isCount(offset) ? { kind, ...tag, offset, data: decoder.decode(body.subarray(8)) } : null;
      }
      case 'input': {
        const data = decoder.decode(body);
        return data.length > 0 && data.length <= MAX_INPUT_CHARS ? { kind, ...tag, data } : null;
      }
      case 'exit': {
        const exit = JSON.parse(decoder.decode(body)) as Partial<TerminalChannelExit> | null;
        if (typeof exit !== 'object' || exit === null || typeof exit.exitCode !== 'number') return null;
        return {
          kind,
          ...tag,
          exit: {
            exitCode: exit.exitCode,
            ...(typeof exit.signal === 'number' ? { signal: exit.signal } : {}),
            ...(exit.endedBy === 'closed' || exit.endedBy === 'server-stopped' || exit.endedBy === 'exited' ? { endedBy: exit.endedBy } : {}),
            ...(typeof exit.closedBy === 'string' ? { closedBy: exit.closedBy } : {}),
          },
        };
      }
      case 'skipped':
      case 'ack': {
        if (body.length !== 8) return null;
        const chars = view.getFloat64(0);
        return isCount(chars) ? { kind, ...tag, chars } : null;
      }
      case 'resize': {
        if (body.length !== 4) return null;
        const cols = view.getUint16(0);
        const rows = view.getUint16(2);
        return cols >= 2 && cols <= 1000 && rows >= 2 && rows <= 1000 ? { kind, ...tag, cols, rows } : null;
      }
    }
  } catch {
    return null;
  }
}

/** Whether a frame goes from the panel to main (the only kinds main accepts). */
export function isClientFrame(frame: TerminalFrame): frame is TerminalClientFrame {
  return frame.kind === 'input' || frame.kind === 'ack' || frame.kind === 'resize';
}
