/** A described command split into its parts (see step-environment's describeCommand). */
export interface CommandParts {
  readonly target: string;
  readonly cwd: string;
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly command: string;
}

const DESCRIPTION = /^\[(.+?)\] in (.+?)(?: with ((?:[A-Za-z_][A-Za-z0-9_]*="(?:[^"\\]|\\.)*" ?)+))?: ([\s\S]*)$/;
const ENTRY = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*")/g;

/** Parse "[target (class)] in /dir with A="1" B="2": command"; null when it has another shape. */
export function parseDescription(description: string): CommandParts | null {
  const match = DESCRIPTION.exec(description);
  if (!match) return null;
  const env: { name: string; value: string }[] = [];
  for (const entry of (match[3] ?? '').matchAll(ENTRY)) {
    let value: string;
    try {
      value = JSON.parse(entry[2]!) as string;
    } catch {
      value = entry[2]!;
    }
    env.push({ name: entry[1]!, value });
  }
  return { target: match[1]!, cwd: match[2]!, env, command: match[4]! };
}
