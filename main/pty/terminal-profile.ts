/** Environment class of a target: production gets the red frame and the typing guard. */
export type TargetEnvironment = 'production' | 'staging' | 'sandbox';

/**
 * What a terminal runs: a target's connection profile (a shell, `ssh host`, `kubectl exec
 * ...`). Requests validate targets with the contract's schema before they get here.
 */
export interface TargetProfile {
  readonly id: string;
  readonly name: string;
  readonly environment: TargetEnvironment;
  /** The program to run: an absolute path, or a name looked up on PATH (with PATHEXT on Windows). */
  readonly command: string;
  readonly args?: readonly string[];
  /** Working folder; the user's home folder when absent. */
  readonly cwd?: string;
  /** Variables added to (or overriding) the inherited environment (KUBECONFIG, contexts). */
  readonly env?: Readonly<Record<string, string>>;
}
