/**
 * The content lines of an .ics file, with the line numbers they started on.
 *
 * ical.js parses well but its errors name no line, and it quietly normalises impossible
 * dates (month 13 becomes next January). A release manager importing a partner's freeze
 * calendar needs "line 14: DTSTART '20261340T120000' is not a real date", so this first
 * pass unfolds the lines, checks their syntax and the BEGIN/END nesting, and keeps every
 * property's line for the messages of the import.
 */
import { WarRoomError } from '../../../contract/domain/errors';

/** One unfolded content line: NAME;PARAM=VALUE:value. */
export interface IcsLine {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly value: string;
  /** 1-based line in the file where this content line starts. */
  readonly line: number;
}

/** A component found in the file, with its own lines (not those of nested components). */
export interface IcsComponentLines {
  readonly kind: string;
  readonly beginLine: number;
  readonly lines: readonly IcsLine[];
  readonly children: readonly IcsComponentLines[];
}

export interface ScannedIcs {
  readonly root: IcsComponentLines;
  /** The unfolded content, CRLF-joined, for ical.js. */
  readonly text: string;
}

/** Refuse the file: code 'invalid-input', message with file, line and reason. */
export function icsError(file: string, line: number | undefined, reason: string): WarRoomError {
  const where = line === undefined ? file : `${file} line ${line}`;
  return new WarRoomError('invalid-input', `${where}: ${reason}; nothing was imported`, [{ file, ...(line === undefined ? {} : { line }) }]);
}

/** Split NAME;P=V;P2="x:y":value at the first colon outside quotes. */
function splitContentLine(text: string): { head: string; value: string } | null {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return { head: text.slice(0, index), value: text.slice(index + 1) };
  }
  return null;
}

function parseHead(head: string): { name: string; params: Record<string, string> } | null {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const [name, ...rest] = parts;
  if (!name || !/^[A-Za-z0-9-]+$/.test(name)) return null;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const equals = part.indexOf('=');
    if (equals <= 0) return null;
    params[part.slice(0, equals).toUpperCase()] = part.slice(equals + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params };
}

/** Scan an .ics text: unfold, check each line and the nesting; throws with the line on the first problem. */
export function scanIcs(source: string, file: string): ScannedIcs {
  const physical = source.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((text, index) => {
    if ((text.startsWith(' ') || text.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1]!.text += text.slice(1);
    } else if (text.trim() !== '') {
      logical.push({ text, line: index + 1 });
    }
  });
  if (logical.length === 0) throw icsError(file, undefined, 'the file is empty');

  const stack: { kind: string; beginLine: number; lines: IcsLine[]; children: IcsComponentLines[] }[] = [];
  let root: IcsComponentLines | null = null;
  for (const { text, line } of logical) {
    if (root) throw icsError(file, line, `content after END:${root.kind}`);
    const split = splitContentLine(text);
    const head = split ? parseHead(split.head) : null;
    if (!split || !head) throw icsError(file, line, `expected a property like NAME:value or NAME;PARAM=x:value, found '${text.slice(0, 60)}'`);
    const entry: IcsLine = { name: head.name, params: head.params, value: split.value, line };
    if (head.name === 'BEGIN') {
      const kind = split.value.trim().toUpperCase();
      if (stack.length === 0 && kind !== 'VCALENDAR') throw icsError(file, line, `the file must start with BEGIN:VCALENDAR, found BEGIN:${kind}`);
      stack.push({ kind, beginLine: line, lines: [], children: [] });
    } else if (head.name === 'END') {
      const kind = split.value.trim().toUpperCase();
      const open = stack.pop();
      if (!open) throw icsError(file, line, `END:${kind} without a matching BEGIN`);
      if (open.kind !== kind) throw icsError(file, line, `END:${kind} closes BEGIN:${open.kind} of line ${open.beginLine}`);
      const done: IcsComponentLines = { kind: open.kind, beginLine: open.beginLine, lines: open.lines, children: open.children };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(done);
      else root = done;
    } else {
      const open = stack[stack.length - 1];
      if (!open) throw icsError(file, line, 'a property outside BEGIN:VCALENDAR ... END:VCALENDAR');
      open.lines.push(entry);
    }
  }
  if (!root) {
    const open = stack[stack.length - 1]!;
    throw icsError(file, open.beginLine, `BEGIN:${open.kind} is never closed (END:${open.kind} missing)`);
  }
  return { root, text: logical.map((entry) => entry.text).join('\r\n') + '\r\n' };
}
