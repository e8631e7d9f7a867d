import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import type { FollowStatus } from './follow-requests';

/** What a link leads to, checked before following it: where, pinned to which certificate, which releases. */
export interface FollowPreview {
  /** `http(s)://HOST:PORT`, without the secret. */
  readonly origin: string;
  /** The certificate's SHA-256 the link pins (hex pairs, `AB:CD:…`), null for a plain loopback link. */
  readonly fingerprint: string | null;
  /** The releases the link may follow (an invite: its one release). */
  readonly releases: readonly { readonly slug: string; readonly name: string; readonly version: string; readonly existsHere: 'no' | 'replica' | 'own' }[];
}

/** A follower connected to this host now, as the Share dialog offers it the pen. */
export interface ConnectedFollowerView {
  /** The name the host knows it by (an invite's name), the one a handover names. */
  readonly name: string;
  readonly since: string;
  /** It said how to reach it back: the pen can be handed to it. */
  readonly reachable: boolean;
}

const linkSchema = z.string().trim().min(1, 'paste the link').max(2000);

/**
 * "Follow a war room…" in the app, and the host's side of "Hand over the pen…": the same
 * follower as `warroom follow`, started and stopped from the window. Only the host's own
 * user (not an invited participant): it makes this War Room connect out and write a release.
 */
export const followAppRequests = {
  /** Parse the link, connect pinned to its certificate, and list what it may follow: nothing is written. */
  'follow.preview': request<FollowPreview>()(z.strictObject({ link: linkSchema })),
  /** Catch up a release of the link's host here (verified) and keep following it live, read-only. */
  'follow.start': request<FollowStatus>()(
    z.strictObject({
      link: linkSchema,
      slug: slugSchema,
      /** How this War Room names itself to the host (an invite's name wins there). */
      name: z.string().trim().min(1).max(80).optional(),
    }),
  ),
  /** Stop following: the replica stays here, read-only, marked stopped; the follow-back credential is revoked. */
  'follow.stop': request<FollowStatus | null>()(z.strictObject({ slug: slugSchema })),
  /** Followers of a release connected to this host now (for "Hand over the pen…"). */
  'follow.followers': request<readonly ConnectedFollowerView[]>()(z.strictObject({ slug: slugSchema })),
};
