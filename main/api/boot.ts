import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../core/workspace/workspace';
import { seedDemoRelease } from '../core/demo/demo-release';
import { createServices, type Services } from './services';

export interface BootOptions {
  readonly workspaceDir: string;
  readonly runtime: 'electron' | 'browser';
  /** Defaults to the assets/ folder of this checkout or package. */
  readonly assetsDir?: string;
  /** How to run Node scripts (Electron runs itself as Node). */
  readonly node?: { readonly execPath: string; readonly env: NodeJS.ProcessEnv };
  /** Seed the demo release on first start (default true). */
  readonly seedDemo?: boolean;
  /** How the workspace lock names this process to a second writer (default: from the runtime). */
  readonly ownerLabel?: string;
}

/** The project root: where package.json is, from src (tsx) or from dist (bundled). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function appVersion(root = projectRoot()): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Open the workspace (seeding the demo on first start) and build the services on it.
 * Takes the workspace's lock: throws WorkspaceBusyError when another process writes it.
 */
export async function bootServices(options: BootOptions): Promise<Services> {
  const root = projectRoot();
  const assetsDir = options.assetsDir ?? join(root, 'assets');
  const node = options.node ?? { execPath: process.execPath, env: process.env };
  const version = appVersion(root);
  const workspace = await Workspace.open(options.workspaceDir, {
    owner: {
      runtime: options.runtime,
      label: options.ownerLabel ?? (options.runtime === 'electron' ? 'the desktop app' : 'warroom web'),
      version,
    },
    onFirstStart:
      options.seedDemo === false
        ? undefined
        : async (created) => {
            await seedDemoRelease(created, { assetsDir, node, actor: created.settings.operator });
          },
  });
  const services = createServices({ workspace, runtime: options.runtime, version, assetsDir, node });
  // Opened now so that a calendar moved aside is reported with the app's other warnings.
  await services.calendar();
  return services;
}
