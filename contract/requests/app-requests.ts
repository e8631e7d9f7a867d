import { z } from 'zod';
import { request } from '../define';
import { participantNameSchema } from './participant-requests';

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
  // The host's own name is journaled bare: without parentheses it can never read as a participant's "Ana (voter · 3f2a9c1d)".
  'app.setOperator': request<AppInfo>()(z.object({ name: participantNameSchema }).strict()),
};
