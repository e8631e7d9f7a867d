import { z } from 'zod';
import { request } from '../define';
import { ROLES, type InviteResult, type ParticipantView, type PresenceEntry, type ShareInfo } from '../participants';
import { slugSchema } from './release-requests';

/** How long an invite lasts: `30m`, `12h`, `7d` (at most 30 days). */
export const EXPIRES_PATTERN = /^([1-9][0-9]{0,4})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const MAX_INVITE_MS = 30 * UNIT_MS.d;

export function expiresInMs(text: string): number | null {
  const match = EXPIRES_PATTERN.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_INVITE_MS ? ms : null;
}

/**
 * A person's name as the journal records it: printable, and no bracket of any script (nor the
 * '·' of an actor) that would mimic a role: 'Eve （release-manager · 1a2b3c4d）' with
 * full-width brackets read as a release manager's actor in the timeline.
 */
export const participantNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80)
  .regex(/^[^\p{C}\p{Ps}\p{Pe}·]+$/u, 'must be printable text without brackets or ·');

export const inviteInputSchema = z.strictObject({
  slug: slugSchema,
  name: participantNameSchema,
  role: z.enum(ROLES),
  expiresIn: z
    .string()
    .max(10)
    .refine((text) => expiresInMs(text) !== null, 'must be like 30m, 12h or 7d (at most 30 days)')
    .default('12h'),
  /** Targets an operator may type into (ignored for other roles). */
  terminalTargets: z.array(z.string().min(1).max(200)).max(50).default([]),
});

/** Participants: invites by name and role, their links, revocation, and who is connected. */
export const participantRequests = {
  'participant.invite': request<InviteResult>()(inviteInputSchema),
  'participant.list': request<readonly ParticipantView[]>()(z.strictObject({ slug: slugSchema.optional() })),
  'participant.revoke': request<ParticipantView>()(z.strictObject({ id: z.string().regex(/^[a-f0-9]{16}$/, 'must be a participant id') })),
  /** How this host is reached and who the caller is. */
  'share.info': request<ShareInfo>()(z.strictObject({})),
  'presence.list': request<readonly PresenceEntry[]>()(z.strictObject({})),
  /** The page says which view it shows (the room sees who looks at what). */
  'presence.report': request<null>()(
    z.strictObject({
      view: z
        .string()
        .max(40)
        .regex(/^[a-z0-9-]*$/),
      release: slugSchema.nullable(),
    }),
  ),
};
