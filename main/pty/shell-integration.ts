import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How to start a shell so that it reports its commands: file, args, env, and a cleanup. */
export interface ShellLaunch {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Which integration was injected, if any. */
  readonly integration: 'bash' | 'zsh' | undefined;
  /** Remove what the launch created (zsh's temporary ZDOTDIR). Idempotent. */
  cleanup(): void;
}

/** The folder with the integration scripts (assets/shell-integration); packaging may pass another. */
export function defaultShellIntegrationDir(): string {
  return fileURLToPath(new URL('../../assets/shell-integration/', import.meta.url));
}

// Arguments that still mean "an interactive shell": anything else (`-c cmd`, a script) runs as given.
const interactiveArgs = new Set(['-l', '--login', '-i']);

/**
 * Add shell integration to a shell launch, without touching the user's rc files.
 *
 * As VS Code does: bash gets `--init-file` pointing at our script, which sources the
 * user's ~/.bashrc (or the profile files for a login shell) and then installs hooks; zsh
 * gets ZDOTDIR pointing at a temporary folder whose startup files source the user's own.
 * Other commands (ssh, kubectl exec, sh) are launched unchanged.
 */
export function withShellIntegration(
  file: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  integrationDir: string = defaultShellIntegrationDir(),
): ShellLaunch {
  const shell = basename(file);
  const plain: ShellLaunch = { file, args, env, integration: undefined, cleanup: () => undefined };
  if (!args.every((arg) => interactiveArgs.has(arg))) return plain;
  const login = args.includes('-l') || args.includes('--login');
  if (shell === 'bash') {
    return {
      file,
      args: ['--init-file', join(integrationDir, 'bash-integration.sh'), '-i'],
      env: { ...env, ...(login ? { WARROOM_SHELL_LOGIN: '1' } : {}) },
      integration: 'bash',
      cleanup: () => undefined,
    };
  }
  if (shell === 'zsh') {
    const folder = mkdtempSync(join(tmpdir(), 'warroom-zsh-'));
    for (const name of ['zshenv', 'zprofile', 'zshrc', 'zlogin']) {
      copyFileSync(join(integrationDir, `zsh-${name}.zsh`), join(folder, `.${name}`));
    }
    let cleaned = false;
    return {
      file,
      args: [...args.filter((arg) => arg !== '-i'), '-i'],
      env: { ...env, ZDOTDIR: folder, WARROOM_USER_ZDOTDIR: env['ZDOTDIR'] ?? env['HOME'] ?? '' },
      integration: 'zsh',
      cleanup: () => {
        if (cleaned) return;
        cleaned = true;
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  return plain;
}
