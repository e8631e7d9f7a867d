import { z } from 'zod';
import { request } from '../define';

/** Where the war room is shared now (null origin: not shared). */
export interface SharingStatus {
  readonly origin: string | null;
  readonly fingerprint: string | null;
  /** Can this app start and stop sharing itself (the desktop app; `warroom web` shares from its command line). */
  readonly switchable: boolean;
}

/** The desktop app's "Share this war room...": start and stop hosting for participants. */
export const hostingRequests = {
  'share.start': request<SharingStatus>()(z.object({}).strict()),
  'share.stop': request<SharingStatus>()(z.object({}).strict()),
};
