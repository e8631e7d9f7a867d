import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ROLES, type ParticipantIdentity, type ParticipantView, type Role } from '../../../contract/participants';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import { readJsonDocument, replacePrivately } from '../support/durable-files';

/** The file, in the workspace, that keeps the invited people: hashes of their secrets, never the secrets. */
export const PARTICIPANTS_FILE = 'participants.json';

const recordSchema = z.strictObject({
  id: z.string().regex(/^[a-f0-9]{16}$/),
  name: z.string().min(1).max(80),
  role: z.enum(ROLES),
  release: z.string().min(1).max(200),
  terminalTargets: z.array(z.string().min(1).max(200)).max(50),
  /** sha256 of the 32-byte secret, hex. */
  secretSha256: z.string().regex(/^[a-f0-9]{64}$/),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The participant who made this invite (an invited release manager); absent when the host's own user did. */
  invitedBy: z
    .string()
    .regex(/^[a-f0-9]{16}$/)
    .optional(),
  /**
   * A follow-back credential (main/api/follow-back.ts): it may only follow its one release
   * (journal.since, follow.hello), never act, never list the workspace.
   */
  followOnly: z.literal(true).optional(),
});
const fileSchema = z.strictObject({ format: z.literal(1), participants: z.array(recordSchema).max(10_000) });
type ParticipantRecord = z.output<typeof recordSchema>;

export interface NewInvite {
  readonly release: string;
  readonly name: string;
  readonly role: Role;
  readonly expiresInMs: number;
  readonly terminalTargets: readonly string[];
  readonly createdBy: string;
  /** The participant making the invite (an invited release manager): the invite ends with theirs. */
  readonly invitedBy?: string;
  /** A follow-back credential: it may only follow the release (see `followOnly` above). */
  readonly followOnly?: boolean;
}

/**
 * The invited people of a workspace, kept in `<workspace>/participants.json` (0600).
 *
 * An invite's secret is 32 random bytes (base64url), shown once in the personal link; only
 * its SHA-256 is kept, so a copy of the workspace does not let anyone in. A secret is
 * accepted while its invite is neither expired nor revoked, compared in constant time.
 */
export class WorkspaceParticipants {
  private constructor(
    private readonly file: string,
    private records: ParticipantRecord[],
  ) {}

  static async open(workspaceDir: string): Promise<WorkspaceParticipants> {
    const file = join(workspaceDir, PARTICIPANTS_FILE);
    const document = await readJsonDocument(file, fileSchema, 'the participants', 'nobody can join until it is fixed or removed.');
    if (document === undefined) return new WorkspaceParticipants(file, []);
    // Someone loosened it (a copy, a restore): the hashes are not secrets, but the names and roles are private.
    await chmod(file, 0o600).catch(() => undefined);
    return new WorkspaceParticipants(file, document.participants);
  }

  list(release?: string, now = new Date()): ParticipantView[] {
    return this.records.filter((record) => release === undefined || record.release === release).map((record) => view(record, now));
  }

  get(id: string, now = new Date()): ParticipantView | null {
    const record = this.records.find((candidate) => candidate.id === id);
    return record ? view(record, now) : null;
  }

  /** Create an invite; returns its view and the secret (the only time it exists in full). */
  async invite(invite: NewInvite, now = new Date()): Promise<{ participant: ParticipantView; secret: string }> {
    const clash = this.records.find(
      (record) => record.release === invite.release && record.name.toLowerCase() === invite.name.toLowerCase() && view(record, now).status === 'active',
    );
    if (clash)
      throw new WarRoomError('conflict', `${invite.name} already has an active invite to ${invite.release} (${clash.role}); revoke it first.`, [
        { field: 'name' },
      ]);
    // An invite made by a participant lasts no longer than their own (revoking them ends it too, see revoke).
    let expiresAtMs = now.getTime() + invite.expiresInMs;
    if (invite.invitedBy !== undefined) {
      const inviter = this.records.find((candidate) => candidate.id === invite.invitedBy);
      if (!inviter || view(inviter, now).status !== 'active')
        throw new WarRoomError('unauthorized', `The invite of ${invite.createdBy} was revoked or has expired: they cannot invite anyone.`);
      expiresAtMs = Math.min(expiresAtMs, Date.parse(inviter.expiresAt));
    }
    const secret = randomBytes(32).toString('base64url');
    const record: ParticipantRecord = {
      id: randomBytes(8).toString('hex'),
      name: invite.name,
      role: invite.role,
      release: invite.release,
      terminalTargets: invite.role === 'operator' ? [...invite.terminalTargets] : [],
      secretSha256: hashSecret(secret),
      createdAt: now.toISOString(),
      createdBy: invite.createdBy,
      expiresAt: new Date(expiresAtMs).toISOString(),
      revokedAt: null,
      ...(invite.invitedBy === undefined ? {} : { invitedBy: invite.invitedBy }),
      ...(invite.followOnly === true ? { followOnly: true as const } : {}),
    };
    await this.save([...this.records, record]);
    return { participant: view(record, now), secret };
  }

  /**
   * Revoke an invite, and every invite its participant made (and theirs, in turn): a link a
   * revoked release manager minted for themselves under another name stops working too.
   * `also` lists the invites revoked with it.
   */
  async revoke(id: string, now = new Date()): Promise<ParticipantView & { readonly also: readonly ParticipantView[] }> {
    const record = this.records.find((candidate) => candidate.id === id);
    if (!record) throw new WarRoomError('not-found', `No participant ${id} in this workspace.`, [{ field: 'id' }]);
    const ending = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const candidate of this.records)
        if (candidate.invitedBy !== undefined && ending.has(candidate.invitedBy) && !ending.has(candidate.id)) {
          ending.add(candidate.id);
          grew = true;
        }
    }
    const at = now.toISOString();
    const next = this.records.map((candidate) => (ending.has(candidate.id) && candidate.revokedAt === null ? { ...candidate, revokedAt: at } : candidate));
    if (next.some((candidate, index) => candidate !== this.records[index])) await this.save(next);
    const revoked = this.records.find((candidate) => candidate.id === id)!;
    const also = this.records.filter((candidate) => candidate.id !== id && ending.has(candidate.id) && candidate.revokedAt === at);
    return { ...view(revoked, now), also: also.map((candidate) => view(candidate, now)) };
  }

  /** The identity a presented secret stands for, or null (unknown, expired or revoked). */
  authenticate(secret: string, session: string, now = new Date()): ParticipantIdentity | null {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    const presented = Buffer.from(hashSecret(secret), 'hex');
    for (const record of this.records) {
      if (!timingSafeEqual(presented, Buffer.from(record.secretSha256, 'hex'))) continue;
      if (view(record, now).status !== 'active') return null;
      return identityOf(record, session);
    }
    return null;
  }

  /** Whether the participant behind an identity may still act (not revoked, not expired). */
  isActive(participantId: string, now = new Date()): boolean {
    const record = this.records.find((candidate) => candidate.id === participantId);
    return record !== undefined && view(record, now).status === 'active';
  }

  private async save(records: ParticipantRecord[]): Promise<void> {
    const text = `${JSON.stringify({ format: 1, participants: records }, null, 2)}\n`;
    try {
      await replacePrivately(this.file, text);
    } catch (error) {
      throw ioError('write', this.file, error);
    }
    this.records = records;
  }
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function identityOf(record: ParticipantRecord, session: string): ParticipantIdentity {
  return {
    name: record.name,
    role: record.role,
    session,
    participantId: record.id,
    release: record.release,
    terminalTargets: record.terminalTargets,
    ...(record.followOnly === true ? { followOnly: true } : {}),
  };
}

function view(record: ParticipantRecord, now: Date): ParticipantView {
  const status = record.revokedAt !== null ? 'revoked' : Date.parse(record.expiresAt) <= now.getTime() ? 'expired' : 'active';
  const { secretSha256: _secret, invitedBy: _invitedBy, ...visible } = record;
  return { ...visible, status };
}
