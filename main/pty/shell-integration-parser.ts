import { DateTime } from 'luxon';

/** A command typed in a terminal, as reported by the shell integration. */
export interface CommandRecord {
  /** The command line as typed (not yet redacted). */
  readonly command: string;
  /** ISO UTC. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Null when the shell did not say (a command interrupted before its status was known). */
  readonly exitCode: number | null;
  /** The working folder when the command started, when the shell reported it. */
  readonly cwd?: string;
}

/** What one chunk of output yields: the text without integration sequences, and finished commands. */
export interface ParsedOutput {
  readonly text: string;
  readonly commands: readonly CommandRecord[];
}

/** A stateful parser of one terminal's output stream. */
export interface ShellIntegrationParser {
  push(chunk: string): ParsedOutput;
  /**
   * End of stream: returns whatever was held back (an unfinished sequence is dropped).
   * A command still running (`exit 3` ends the shell itself) is reported with the
   * shell's exit code when it is known, else with a null exit code.
   */
  flush(shellExitCode?: number | null): ParsedOutput;
}

/** Limits of the parser. */
export const ShellIntegrationLimits = {
  /** An integration sequence longer than this is not ours (or is hostile): dropped, not buffered forever. */
  MaxSequenceChars: 65_536,
} as const;

const oscStart = '\x1b]';
const prefixes = ['\x1b]633;', '\x1b]133;'] as const;

/**
 * Create a parser for the OSC 633 (VS Code) and OSC 133 (FinalTerm) sequences our shell
 * scripts emit: E;<command line> then C when a command starts, D;<exit code> when it
 * ends, P;Cwd=<path> for the working folder. The sequences are removed from the text
 * (that text goes to recordings and logs); the live screen gets the raw stream, where
 * xterm ignores them. A sequence split across chunks is held back until complete.
 */
export function createShellIntegrationParser(now: () => number = Date.now): ShellIntegrationParser {
  let held = '';
  let commandLine: string | undefined;
  let startedAt: number | undefined;
  let startCwd: string | undefined;
  let cwd: string | undefined;

  function handle(code: string, params: readonly string[], commands: CommandRecord[]): void {
    switch (code) {
      case 'E':
        commandLine = unescapeValue(params[0] ?? '');
        break;
      case 'C':
        startedAt = now();
        startCwd = cwd;
        break;
      case 'D': {
        const status = params[0] === undefined || params[0] === '' ? null : Number.parseInt(params[0], 10);
        finishCommand(status, commands);
        break;
      }
      case 'P': {
        const property = params[0] ?? '';
        if (property.startsWith('Cwd=')) cwd = unescapeValue(property.slice(4));
        break;
      }
      default:
        break; // A (prompt start), B (prompt end) and unknown codes carry nothing we record
    }
  }

  function finishCommand(status: number | null, commands: CommandRecord[]): void {
    if (startedAt === undefined) return; // an empty prompt line or Ctrl-C at the prompt
    const finished = now();
    commands.push({
      command: commandLine ?? '',
      startedAt: iso(startedAt),
      finishedAt: iso(finished),
      durationMs: Math.max(0, finished - startedAt),
      exitCode: status === null || Number.isNaN(status) ? null : status,
      ...(startCwd === undefined ? {} : { cwd: startCwd }),
    });
    startedAt = undefined;
    commandLine = undefined;
  }

  function parse(text: string, final: boolean): ParsedOutput {
    const commands: CommandRecord[] = [];
    let out = '';
    let position = 0;
    for (;;) {
      const start = text.indexOf(oscStart, position);
      if (start === -1) {
        // A lone ESC at the very end may begin a sequence.
        const end = !final && text.endsWith('\x1b') ? text.length - 1 : text.length;
        out += text.slice(position, end);
        held = text.slice(end);
        break;
      }
      out += text.slice(position, start);
      const rest = text.slice(start, start + 6);
      const prefix = prefixes.find((candidate) => rest.startsWith(candidate));
      if (prefix === undefined) {
        if (!final && rest.length < 6 && prefixes.some((candidate) => candidate.startsWith(rest))) {
          held = text.slice(start);
          break;
        }
        out += oscStart; // another OSC (window title...): not ours, left in the text
        position = start + oscStart.length;
        continue;
      }
      const terminator = findTerminator(text, start + prefix.length);
      if (terminator === undefined) {
        if (final || text.length - start > ShellIntegrationLimits.MaxSequenceChars) {
          held = '';
        } else {
          held = text.slice(start);
        }
        break;
      }
      const [code = '', ...params] = text.slice(start + prefix.length, terminator.index).split(';');
      handle(code, params, commands);
      position = terminator.index + terminator.length;
    }
    return { text: out, commands };
  }

  return {
    push(chunk: string): ParsedOutput {
      const text = held + chunk;
      held = '';
      if (!text.includes('\x1b')) return { text, commands: [] };
      return parse(text, false);
    },
    flush(shellExitCode?: number | null): ParsedOutput {
      const text = held;
      held = '';
      const result = parse(text, true);
      const commands = [...result.commands];
      finishCommand(shellExitCode ?? null, commands);
      return { text: result.text, commands };
    },
  };
}

/** Where an OSC sequence ends: BEL, or ST (ESC \). */
function findTerminator(text: string, from: number): { index: number; length: number } | undefined {
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\x07') return { index, length: 1 };
    if (char === '\x1b' && text[index + 1] === '\\') return { index, length: 2 };
  }
  return undefined;
}

/** Undo the escaping of OSC 633 values: `\\` is a backslash, `\xAB` a char by its hex code. */
export function unescapeValue(value: string): string {
  return value.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_match, escaped: string, hex: string | undefined) =>
    hex === undefined ? escaped : String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function iso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO() ?? '';
}
