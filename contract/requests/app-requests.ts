import { z } from 'zod';
import { request } from '../define';

export interface AppInfo {
  readonly version: string;
  /** Where the main-side services run: the desktop app, or Node serving a browser. */
  readonly runtime: 'electron' | 'browser';
  readonly workspaceDir: string;
  readonly operator: string;
  /** False until the host's user typed their name (the first-run prompt asks); the default is the OS login. */
  readonly operatorNamed: boolean;
  /** Things repaired or moved aside when the workspace opened. */
  readonly warnings: readonly string[];
}

/** The application and the workspace. */
export const appRequests = {
  'app.info': request<AppInfo>()(z.object({}).strict()),
  'app.setOperator': request<AppInfo>()(z.object({ name: z.string().trim().min(1, 'must not be empty').max(80) }).strict()),
};
