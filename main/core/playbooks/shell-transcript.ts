/**
 * Read a shell fence of a runbook: either a script (run as written) or a transcript of a
 * session (prompted commands followed by what they printed).
 *
 * Why: runbooks copy sessions from a terminal. `$ kubectl get pods` run as written fails
 * (`$: command not found`), and the table it printed is not a command either. The rules,
 * the same for sh, bash, shell, zsh and console fences:
 * - A fence with a `$ ` prompt line is a transcript. A `console` (or `shell-session`) fence
 *   is always one, and there a `# ` line is a root prompt when the fence has no `$ ` prompt
 *   at all. In sh/bash/shell/zsh a fence without `$ ` is a script, and `# ` is a comment
 *   (that is how bash reads it; runbooks are full of `# check first` lines).
 * - In a transcript the prompt is stripped; a line ending in `\` continues the command on
 *   the next line (joined into one line); an open quote or a here-document continues it too.
 * - Lines after a command that carry no prompt are its expected output: kept, never run.
 * - A transcript of several commands runs under `set -e`: the author ran each one and saw it
 *   succeed before typing the next, so a failing command stops the step with its exit code
 *   (without it `sh -c` reports the last command's status and a failed `kubectl` that is
 *   followed by an `echo` reads "succeeded").
 */

/** What a shell fence gives a step. */
export interface ShellBlock {
  /** The commands to run, one per line (a continued command is one line); empty when none. */
  readonly command: string;
  /** The output the transcript shows, as written; undefined when it shows none. */
  readonly expectedOutput: string | undefined;
  /** True when the fence was read as a session transcript (prompts stripped). */
  readonly transcript: boolean;
}

const sessionLanguages = new Set(['console', 'shell-session', 'shellsession']);
const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh']);

/** True for the fence languages that hold commands (sh, bash, shell, zsh, console, shell-session). */
export function isShellLanguage(language: string): boolean {
  const lower = language.toLowerCase();
  return shellLanguages.has(lower) || sessionLanguages.has(lower);
}

const dollarPrompt = /^\s*\$(?: (.*))?$/;
const rootPrompt = /^\s*#(?: (.*))?$/;

/** Split a fence's text into commands and expected output. */
export function readShellBlock(value: string, language: string): ShellBlock {
  const lines = value.split('\n');
  const hasDollar = lines.some((line) => /^\s*\$ \S/.test(line));
  const session = sessionLanguages.has(language.toLowerCase());
  if (!hasDollar && !session) return { command: value, expectedOutput: undefined, transcript: false };
  const prompt = hasDollar ? dollarPrompt : rootPrompt;
  const commands: string[] = [];
  const output: string[] = [];
  // The command being read, as pieces joined once at its end (a long continued command stays linear).
  let current: string[] | undefined;
  let heredoc: { readonly delimiter: string; readonly tabs: boolean } | undefined;
  let continuation: 'backslash' | 'quote' | undefined;
  // Quote state of the command so far, advanced over each new piece only (never re-scanned).
  let quote: QuoteState = 'none';
  const finish = () => {
    const command = current?.join('').trimEnd();
    if (command) commands.push(command);
    current = undefined;
    quote = 'none';
  };
  const follow = (piece: string) => {
    // After this piece of the command: does it go on (backslash, open quote, here-document)?
    const scanned = scanQuotes(piece, quote);
    const endsInComment = scanned === 'comment';
    quote = endsInComment ? 'none' : scanned;
    if (heredoc === undefined && quote === 'none') heredoc = heredocOf(piece);
    if (heredoc !== undefined) continuation = undefined;
    else if (quote === 'single' || quote === 'double') continuation = 'quote';
    else if (!endsInComment && /\\$/.test(piece.trimEnd())) continuation = 'backslash';
    else continuation = undefined;
    if (heredoc === undefined && continuation === undefined) finish();
  };
  for (const line of lines) {
    if (current !== undefined && heredoc !== undefined) {
      current.push(`\n${line}`);
      const body = heredoc.tabs ? line.replace(/^\t+/, '') : line;
      if (body === heredoc.delimiter) {
        heredoc = undefined;
        finish();
      }
      continue;
    }
    if (current !== undefined && continuation === 'backslash') {
      const last = (current.pop() ?? '').trimEnd();
      current.push(last.slice(0, -1).trimEnd(), ` ${line.trim()}`);
      follow(` ${line.trim()}`);
      continue;
    }
    if (current !== undefined && continuation === 'quote') {
      current.push(`\n${line}`);
      follow(`\n${line}`);
      continue;
    }
    const match = prompt.exec(line);
    if (match) {
      const text = (match[1] ?? '').trimEnd();
      if (text === '') continue;
      current = [text];
      follow(text);
      continue;
    }
    // Output: kept once a command has been seen (text before the first prompt is not output of anything).
    if (commands.length > 0) output.push(line);
  }
  finish();
  while (output.length > 0 && (output.at(-1) ?? '').trim() === '') output.pop();
  while (output.length > 0 && (output[0] ?? '').trim() === '') output.shift();
  const command = commands.length > 1 ? ['set -e', ...commands].join('\n') : commands.join('\n');
  return { command, expectedOutput: output.length > 0 ? output.join('\n') : undefined, transcript: true };
}

/** `cat <<EOF`, `<<-'END'`: the delimiter that ends the here-document opened on this line. */
function heredocOf(text: string): { delimiter: string; tabs: boolean } | undefined {
  const match = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/.exec(text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (quoted) => (quoted.includes('<<') ? '' : quoted)));
  return match ? { delimiter: match[3] ?? '', tabs: match[1] === '-' } : undefined;
}

/** Where a shell command stands after some text: outside quotes, inside one, or in a comment. */
type QuoteState = 'none' | 'single' | 'double' | 'comment';

/** Advance the quote state over `text` (escapes, quotes, and `#` comments that end at a newline). */
function scanQuotes(text: string, start: QuoteState): QuoteState {
  let state = start;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (state === 'comment') {
      if (char === '\n') state = 'none';
    } else if (state === 'single') {
      if (char === "'") state = 'none';
    } else if (char === '\\') {
      index += 1;
    } else if (state === 'double') {
      if (char === '"') state = 'none';
    } else if (char === '"') {
      state = 'double';
    } else if (char === "'") {
      state = 'single';
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      state = 'comment';
    }
  }
  return state;
}

/**
 * The first line of a script that looks like printed output rather than a command: a row
 * of column headings such as `NAME   READY   STATUS`. Used to warn, never to change what runs.
 */
export function outputLookingLine(script: string): { index: number; text: string } | undefined {
  const lines = script.split('\n');
  const index = lines.findIndex((line) => /^[A-Z][A-Z0-9_()/-]*(?: {2,}[A-Z][A-Z0-9_()/%-]*(?: [A-Z][A-Z0-9_()/%-]*)?)+\s*$/.test(line));
  return index === -1 ? undefined : { index, text: lines[index] ?? '' };
}
