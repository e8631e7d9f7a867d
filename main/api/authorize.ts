import { FOLLOW_ONLY_REQUESTS, roleAllows, type ParticipantIdentity } from '../../contract/participants';
import type { RequestName } from '../../contract/requests';
import { permissionFor } from '../../contract/roles';
import { WarRoomError } from '../../contract/domain/errors';
import type { Services } from './services';

/**
 * May this person make this request with this (validated) input? Throws a typed
 * `forbidden` (or `unauthorized` for an invite that stopped working) otherwise.
 *
 * The role table (contract/roles.ts) decides first; then a participant stays in the
 * release of their invite, types only into terminals on targets granted to them, and
 * casts only their own ballot (the poll participant bearing their name).
 */
export async function authorize(services: Services, name: RequestName, input: unknown, participant: ParticipantIdentity): Promise<void> {
  const permission = permissionFor(name);
  if (participant.role === 'release-manager' && participant.participantId === undefined) return;
  const slug = slugOf(input);
  if (participant.release !== undefined && slug !== undefined && slug !== participant.release) {
    throw new WarRoomError('forbidden', `${participant.name} was invited to ${participant.release}, not ${slug}.`, [{ field: 'slug' }]);
  }
  // A change that names no release changes the whole workspace (every release): the host's
  // own name, the calendar, the target library, a new or imported release. An invite is to
  // one release, so even an invited release manager may not (else they could rename the
  // host's user in every journal, or freeze another release's window).
  if (participant.release !== undefined && permission !== 'read' && slug === undefined && !SCOPED_BY_HANDLER.has(name)) {
    throw new WarRoomError(
      'forbidden',
      `${participant.name} (${participant.role}) may not ${name}: it changes the whole workspace, and the invite is to ${participant.release} only; the host's own user can.`,
    );
  }
  if (permission === 'terminal' && participant.role !== 'release-manager') {
    const { sessionId } = input as { sessionId: string };
    const session = (await services.terminals(slug!)).list().find((candidate) => candidate.id === sessionId);
    if (!session || !(participant.terminalTargets ?? []).includes(session.targetId)) {
      throw new WarRoomError(
        'forbidden',
        `${participant.name} (${participant.role}) may not type into this terminal: its target was not granted in the invite.`,
        [{ field: 'sessionId' }],
      );
    }
  }
  if (name === 'poll.vote' && participant.role !== 'release-manager') {
    const { participantId } = input as { participantId: string };
    const release = await services.release(slug!);
    const ballot = release.state.poll.participants.find((candidate) => candidate.id === participantId);
    if (!ballot || ballot.name.trim().toLowerCase() !== participant.name.trim().toLowerCase()) {
      throw new WarRoomError(
        'forbidden',
        `${participant.name} may cast only their own ballot: the poll has no participant named ${participant.name} with id ${participantId}.`,
        [{ field: 'participantId' }],
      );
    }
  }
}

/**
 * The first check, before the input is even parsed (a caller learns nothing of a request
 * it may not make): the invite is still active and the role holds the request's permission.
 */
export async function checkRole(services: Services, name: RequestName, participant: ParticipantIdentity): Promise<void> {
  if (participant.participantId !== undefined && !(await services.participants()).isActive(participant.participantId)) {
    throw new WarRoomError('unauthorized', `The invite of ${participant.name} was revoked or has expired; ask the release manager for a new link.`);
  }
  // A follow-back credential follows its one release (authorize keeps it there), and does nothing else.
  if (participant.followOnly === true && !FOLLOW_ONLY_REQUESTS.has(name)) {
    throw new WarRoomError('forbidden', `${participant.name} holds a follow-back credential: it may only follow its release, not ${name}.`);
  }
  const permission = permissionFor(name);
  if (!roleAllows(participant.role, permission)) {
    throw new WarRoomError('forbidden', `${participant.name} (${participant.role}) may not ${name}: it needs the '${permission}' permission.`);
  }
}

/** Changes without a slug whose handler keeps a participant to their own release. */
const SCOPED_BY_HANDLER: ReadonlySet<RequestName> = new Set(['participant.list', 'participant.revoke']);

function slugOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const slug = (input as { slug?: unknown }).slug;
  return typeof slug === 'string' ? slug : undefined;
}
