import type { ParticipantIdentity, PresenceEntry } from '../../contract/participants';
import type { EventBus } from './event-bus';

/** How long a participant who left stays listed as gone, so the room sees who dropped. */
const GONE_KEPT_MS = 10 * 60_000;

interface PresenceSession {
  identity: ParticipantIdentity;
  view: string | null;
  release: string | null;
  since: string;
  leftAt: string | null;
  close: () => void;
}

/**
 * Who is connected to this host right now: one entry per connection (device/session), with
 * its role, the view its page reports and since when. A connection that closes (or stops
 * answering pings: websocket-server.ts) is marked gone at once, and every change is
 * pushed as `presence.changed` for the participants panel to refetch.
 */
export class Presence {
  private readonly sessions = new Map<string, PresenceSession>();

  constructor(private readonly events: EventBus) {}

  /** A connection joined; `close` ends it (revocation). Returns what the connection calls when it ends. */
  join(identity: ParticipantIdentity, close: () => void, now = new Date()): () => void {
    this.prune(now);
    this.sessions.set(identity.session, { identity, view: null, release: identity.release ?? null, since: now.toISOString(), leftAt: null, close });
    this.changed();
    return () => {
      const session = this.sessions.get(identity.session);
      if (!session || session.leftAt !== null) return;
      session.leftAt = new Date().toISOString();
      this.changed();
    };
  }

  report(session: string, view: string, release: string | null): void {
    const entry = this.sessions.get(session);
    if (!entry || entry.leftAt !== null || (entry.view === view && entry.release === release)) return;
    entry.view = view || null;
    // A participant's page stays on the release of their invite.
    entry.release = entry.identity.release ?? release;
    this.changed();
  }

  /** Close every connection of a participant (a revoked invite); returns how many were closed. */
  disconnect(participantId: string): number {
    let closed = 0;
    for (const session of this.sessions.values()) {
      if (session.identity.participantId !== participantId || session.leftAt !== null) continue;
      session.close();
      closed += 1;
    }
    return closed;
  }

  /** Entries a caller may see: the host sees everyone, a participant the people of their release. */
  list(caller?: ParticipantIdentity, now = new Date()): PresenceEntry[] {
    this.prune(now);
    const release = caller?.release;
    return [...this.sessions.values()]
      .filter((session) => release === undefined || session.identity.release === undefined || session.identity.release === release)
      .map((session) => ({
        session: session.identity.session,
        name: session.identity.name,
        role: session.identity.role,
        participantId: session.identity.participantId ?? null,
        view: session.view,
        release: session.release,
        since: session.since,
        connected: session.leftAt === null,
        leftAt: session.leftAt,
      }))
      .sort((a, b) => Number(b.connected) - Number(a.connected) || a.name.localeCompare(b.name) || a.since.localeCompare(b.since));
  }

  private prune(now: Date): void {
    for (const [id, session] of this.sessions)
      if (session.leftAt !== null && now.getTime() - Date.parse(session.leftAt) > GONE_KEPT_MS) this.sessions.delete(id);
  }

  private changed(): void {
    this.events.publish({ type: 'presence.changed', payload: {} });
  }
}
