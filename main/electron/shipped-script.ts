import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/**
 * The shipped script a packaged app was started to run, or null for a normal start.
 *
 * Why: the packaged app has the RunAsNode fuse off (ELECTRON_RUN_AS_NODE no longer turns
 * it into a Node that runs any script it is given). The demo's sandbox tool is still run
 * as `"$WARROOM_NODE" sandboxctl.mjs ...` by playbook steps, and it starts its service
 * the same way, so the app runs such a script itself, in a utility process, but only a
 * `.mjs` file inside the shipped sandbox folder: nothing else can be run this way.
 */
export function shippedScript(argv: readonly string[], sandboxDir: string): { readonly script: string; readonly args: readonly string[] } | null {
  const given = argv[1];
  if (given === undefined || !given.endsWith('.mjs')) return null;
  const script = resolve(given);
  if (!script.startsWith(resolve(sandboxDir) + sep) || !existsSync(script)) return null;
  return { script, args: argv.slice(2) };
}
