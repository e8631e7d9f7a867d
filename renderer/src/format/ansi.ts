/**
 * A small ANSI renderer model: text with SGR colours (16, 256 and true colour, bold,
 * dim, italic, underline, inverse) split into styled spans, line by line.
 *
 * Why not a terminal emulator: a run's output is a log, read after the fact and
 * scrolled; it needs colours, not cursor addressing. Other escape sequences (cursor
 * moves, OSC titles) are dropped; a carriage return starts the line over, as a progress
 * bar expects. The spans are rendered as React text, so output can never become markup.
 */

export interface AnsiStyle {
  readonly fg?: string;
  readonly bg?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
}

export interface AnsiSpan {
  readonly text: string;
  readonly style: AnsiStyle;
}

export type AnsiLine = readonly AnsiSpan[];

/** The 16 basic colours, tuned for the dark theme (readable on a projector). */
const BASIC = [
  '#3b4252',
  '#ff6b6b',
  '#3fb950',
  '#e3b341',
  '#5aa9ff',
  '#d2a8ff',
  '#56d4dd',
  '#d0d7de',
  '#6e7681',
  '#ff8e8e',
  '#7ee787',
  '#f2cc60',
  '#8cc4ff',
  '#e2c5ff',
  '#86e1e8',
  '#ffffff',
] as const;

/** Colour of a 256-colour index. */
export function color256(index: number): string {
  if (index < 16) return BASIC[index] ?? BASIC[7];
  if (index < 232) {
    const value = index - 16;
    const scale = [0, 95, 135, 175, 215, 255];
    const r = scale[Math.floor(value / 36) % 6]!;
    const g = scale[Math.floor(value / 6) % 6]!;
    const b = scale[value % 6]!;
    return `rgb(${r}, ${g}, ${b})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

/** Apply one SGR parameter list to a style. */
export function applySgr(style: AnsiStyle, params: readonly number[]): AnsiStyle {
  let next: { -readonly [Key in keyof AnsiStyle]: AnsiStyle[Key] } = { ...style };
  const list = params.length === 0 ? [0] : params;
  for (let index = 0; index < list.length; index += 1) {
    const code = list[index]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 22) next.bold = next.dim = undefined;
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code === 27) next.inverse = undefined;
    else if (code >= 30 && code <= 37) next.fg = BASIC[code - 30];
    else if (code >= 90 && code <= 97) next.fg = BASIC[code - 90 + 8];
    else if (code >= 40 && code <= 47) next.bg = BASIC[code - 40];
    else if (code >= 100 && code <= 107) next.bg = BASIC[code - 100 + 8];
    else if (code === 39) next.fg = undefined;
    else if (code === 49) next.bg = undefined;
    else if (code === 38 || code === 48) {
      const mode = list[index + 1];
      let value: string | undefined;
      if (mode === 5 && list[index + 2] !== undefined) {
        value = color256(list[index + 2]!);
        index += 2;
      } else if (mode === 2 && list[index + 4] !== undefined) {
        value = `rgb(${list[index + 2]}, ${list[index + 3]}, ${list[index + 4]})`;
        index += 4;
      }
      if (code === 38) next.fg = value;
      else next.bg = value;
    }
  }
  return next;
}

// ESC [ params final | ESC ] ... BEL/ST | other ESC X
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const SEQUENCE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\r\n|\r|\n/g;

// eslint-disable-next-line no-control-regex -- a whole escape sequence at the start of the text
const COMPLETE = /^\x1b(\[[0-9;?]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])/;

/**
 * Parse text into styled lines. `carry` continues a previous call (the style and the
 * unfinished last line), so streamed chunks render as the whole would.
 */
export class AnsiDocument {
  private style: AnsiStyle = {};
  private lines: AnsiSpan[][] = [[]];
  private pendingEscape = '';

  constructor(private readonly maxLines = 5000) {}

  /** Append a chunk of raw output. */
  write(chunk: string): void {
    let text = this.pendingEscape + chunk;
    this.pendingEscape = '';
    // An escape sequence cut at the end of a chunk waits for the next one.
    const lastEscape = text.lastIndexOf('\x1b');
    if (lastEscape >= 0 && lastEscape > text.length - 32 && !COMPLETE.test(text.slice(lastEscape))) {
      this.pendingEscape = text.slice(lastEscape);
      text = text.slice(0, lastEscape);
    }
    let last = 0;
    SEQUENCE.lastIndex = 0;
    for (let match = SEQUENCE.exec(text); match; match = SEQUENCE.exec(text)) {
      this.add(text.slice(last, match.index));
      last = match.index + match[0].length;
      const token = match[0];
      if (token === '\n' || token === '\r\n') this.newLine();
      else if (token === '\r') this.current().length = 0;
      else if (match[2] === 'm')
        this.style = applySgr(
          this.style,
          (match[1] ?? '')
            .split(';')
            .filter((part) => part !== '' && !part.startsWith('?'))
            .map(Number),
        );
    }
    this.add(text.slice(last));
  }

  /** Every line so far (the last one may be unfinished). */
  get content(): readonly AnsiLine[] {
    return this.lines;
  }

  /** The plain text (tests, copy). */
  get text(): string {
    return this.lines.map((line) => line.map((span) => span.text).join('')).join('\n');
  }

  private current(): AnsiSpan[] {
    return this.lines[this.lines.length - 1]!;
  }

  private add(text: string): void {
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    if (clean === '') return;
    const line = this.current();
    const previous = line[line.length - 1];
    if (previous && previous.style === this.style) line[line.length - 1] = { text: previous.text + clean, style: this.style };
    else line.push({ text: clean, style: this.style });
  }

  private newLine(): void {
    this.lines.push([]);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }
}
