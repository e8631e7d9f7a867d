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
  let current: string | undefined;
  let heredoc: { readonly delimiter: string; readonly tabs: boolean } | undefined;
  let continuation: 'backslash' | 'quote' | undefined;
  const finish = () => {
    if (current !== undefined && current.trim() !== '') commands.push(current.trimEnd());
    current = undefined;
  };
  const follow = (text: string) => {
    // After this line: does the command go on (backslash, open quote, here-document)?
    if (heredoc === undefined) heredoc = heredocOf(text);
    if (heredoc !== undefined) continuation = undefined;
    else if (/\\$/.test(text.trimEnd()) && !endsInsideQuote(current ?? '')) continuation = 'backslash';
    else if (endsInsideQuote(current ?? '')) continuation = 'quote';
    else continuation = undefined;
    if (heredoc === undefined && continuation === undefined) finish();
  };
  for (const line of lines) {
    if (current !== undefined && heredoc !== undefined) {
      current += `\n${line}`;
      const body = heredoc.tabs ? line.replace(/^\t+/, '') : line;
      if (body === heredoc.delimiter) {
        heredoc = undefined;
        finish();
      }
      continue;
    }
    if (current !== undefined && continuation === 'backslash') {
      current = `${current.trimEnd().replace(/\\$/, '').trimEnd()} ${line.trim()}`;
      follow(line);
      continue;
    }
    if (current !== undefined && continuation === 'quote') {
      current += `\n${line}`;
      follow(line);
      continue;
    }
    const match = prompt.exec(line);
    if (match) {
      const text = (match[1] ?? '').trimEnd();
      if (text === '') continue;
      current = text;
      follow(text);
      continue;
    }
    // Output: kept once a command has been seen (text before the first prompt is not output of anything).
    if (commands.length > 0) output.push(line);
  }
  finish();
  while (output.length > 0 && (output.at(-1) ?? '').trim() === '') output.pop();
  while (output.length > 0 && (output[0] ?? '').trim() === '') output.shift();
  return { command: commands.join('\n'), expectedOutput: output.length > 0 ? output.join('\n') : undefined, transcript: true };
}

/** `cat <<EOF`, `<<-'END'`: the delimiter that ends the here-document opened on this line. */
function heredocOf(text: string): { delimiter: string; tabs: boolean } | undefined {
  const match = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/.exec(text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (quoted) => (quoted.includes('<<') ? '' : quoted)));
  return match ? { delimiter: match[3] ?? '', tabs: match[1] === '-' } : undefined;
}

/** True when `text` ends inside a single- or double-quoted string (the command continues on the next line). */
function endsInsideQuote(text: string): boolean {
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote === "'") {
      if (char === "'") quote = undefined;
    } else if (char === '\\') {
      index += 1;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      // A comment: quotes after it do not count.
      const newline = text.indexOf('\n', index);
      if (newline === -1) return false;
      index = newline;
    }
  }
  return quote !== undefined;
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
