/**
 * The people of a shared war room: roles, what each may do, and who acted.
 *
 * Pure and shared: main enforces the permissions (contract/roles.ts names the one each
 * request needs), the renderer shows the same names and hides what a role cannot do.
 */

export const ROLES = ['release-manager', 'operator', 'comms', 'voter', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a request needs. `read`: see anything of a release. `note`: notes and comments.
 * `vote`: cast a ballot (main checks it is one's own). `operate`: the checklist, playbook
 * questions and confirmations, incidents. `terminal`: type into a terminal (an operator
 * only on a target granted in the invite). `communicate`: approve a status update so it
 * leaves for its channels (issue 18: the comms role or the release manager). `manage`:
 * everything else (create and edit, imports, host paths, redaction, schedule, channel
 * settings, participants).
 */
export const PERMISSIONS = ['read', 'note', 'vote', 'operate', 'terminal', 'communicate', 'manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which permissions each role holds (`terminal` for an operator: only on granted targets). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  'release-manager': PERMISSIONS,
  operator: ['read', 'note', 'vote', 'operate', 'terminal'],
  comms: ['read', 'note', 'communicate'],
  voter: ['read', 'note', 'vote'],
  observer: ['read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_SUMMARY: Readonly<Record<Role, string>> = {
  'release-manager': 'everything',
  operator: 'checklist, playbook questions, notes, incidents; terminals only on granted targets',
  comms: 'approves status updates before they leave; notes and post-release issues',
  voter: 'their own ballot, comments and notes',
  observer: 'read-only: sees everything live',
};

/** Who is calling: the authenticated person, their role and this connection (device/session). */
export interface ParticipantIdentity {
  readonly name: string;
  readonly role: Role;
  /** A short id of the device/session (the host's own windows: 'host'). */
  readonly session: string;
  /** The invite behind it; absent for the host's own user. */
  readonly participantId?: string;
  /** The release the invite is for; absent for the host's own user (every release). */
  readonly release?: string;
  /** Target ids an operator may type into. */
  readonly terminalTargets?: readonly string[];
  /**
   * A follow-back credential a follower gave its host for after a handover: it may only
   * follow its one release (FOLLOW_ONLY_REQUESTS), nothing else, not even a read.
   */
  readonly followOnly?: boolean;
}

/** All that a follow-back credential may ask: the replica's pages and the hello. */
export const FOLLOW_ONLY_REQUESTS: ReadonlySet<string> = new Set(['journal.since', 'follow.hello']);

/** One invited person as the Share dialog lists them (never the secret, never its hash). */
export interface ParticipantView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly release: string;
  readonly terminalTargets: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /** 'active', or why the link no longer works. */
  readonly status: 'active' | 'expired' | 'revoked';
  /** A follow-back credential this War Room gave the host it follows (it can only follow). */
  readonly followOnly?: true;
}

/** A new invite: the only time the personal link (with its secret) exists outside the link itself. */
export interface InviteResult {
  readonly participant: ParticipantView;
  /** `https://HOST:PORT/#invite=<secret>&fp=<fingerprint>`: the secret only in the fragment. */
  readonly link: string;
  /** The certificate's SHA-256 fingerprint (hex pairs), null on plain loopback HTTP. */
  readonly fingerprint: string | null;
  /** The link as a QR code, an SVG data URL (for phones). */
  readonly qrDataUrl: string;
}

/** Who is connected now (and who left recently), for the participants panel. */
export interface PresenceEntry {
  readonly session: string;
  readonly name: string;
  readonly role: Role;
  readonly participantId: string | null;
  /** The view the page reports it shows (checklist, go-no-go, ...), null until it says. */
  readonly view: string | null;
  readonly release: string | null;
  readonly since: string;
  readonly connected: boolean;
  /** When it dropped (kept a while so the room sees who left). */
  readonly leftAt: string | null;
}

/** How the host is reached, for the Share dialog. */
export interface ShareInfo {
  /** Origin participants open (https://HOST:PORT), null when the host serves loopback only. */
  readonly origin: string | null;
  readonly fingerprint: string | null;
  /** Who this page is. */
  readonly you: ParticipantIdentity;
}

const ROLE_PATTERN = ROLES.join('|');
const ACTOR_PATTERN = new RegExp(`^(.+) \\((${ROLE_PATTERN}) · ([A-Za-z0-9_-]{1,32})\\)$`, 's');

/**
 * The journal's actor for an identity: `Ana (voter · 3f2a9c1d)` for a participant,
 * the bare name for the host's own user (as every journal written before roles).
 */
export function formatActor(identity: ParticipantIdentity): string {
  if (identity.participantId === undefined) return identity.name;
  return `${identity.name} (${identity.role} · ${identity.session})`;
}

/** Read an actor back: a bare name (the host's own user, and every older journal) is the release manager. */
export function parseActor(actor: string): { readonly name: string; readonly role: Role; readonly session: string | null } {
  const match = ACTOR_PATTERN.exec(actor);
  if (!match) return { name: actor, role: 'release-manager', session: null };
  return { name: match[1]!, role: match[2] as Role, session: match[3]! };
}
