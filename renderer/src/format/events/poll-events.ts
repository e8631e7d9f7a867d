import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from './event-description';

/** Timeline lines for the go/no-go events (votes, overrides, decisions); null for events of other areas. */
type Data = Record<string, unknown>;

function text(data: Data, key: string): string {
  return typeof data[key] === 'string' ? (data[key] as string) : '';
}

function list(value: unknown): Data[] {
  return Array.isArray(value) ? (value as Data[]) : [];
}

export function describePollEvent(event: JournalEvent): EventDescription | null {
  if (!event.type.startsWith('poll.')) return null;
  const data = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'poll.opened':
      return { kind: 'poll', text: `Go/no-go poll opened: ${list(data.participants).length} participants, ${list(data.criteria).length} criteria` };
    case 'poll.criteria-set':
      return {
        kind: 'poll',
        text: `Go/no-go criteria set: ${list(data.criteria)
          .map((criterion) => text(criterion, 'title'))
          .join(', ')}`,
      };
    case 'poll.participants-set':
      return {
        kind: 'poll',
        text: `Go/no-go participants set: ${list(data.participants)
          .map((participant) => `${text(participant, 'name')} (${text(participant, 'role')}${participant.required === true ? '' : ', advisory'})`)
          .join(', ')}`,
      };
    case 'poll.vote-cast': {
      const criteria = list(data.criteria).map((vote) => `${text(vote, 'criterionId')} ${text(vote, 'value')}`);
      const changed = typeof data.previous === 'string' ? ` (was ${data.previous})` : '';
      const comment = text(data, 'comment');
      return {
        kind: 'poll',
        text: `Vote ${text(data, 'value')}${changed}: ${text(data, 'participantId')} for ${text(data, 'role')}${comment ? `: “${comment}”` : ''}${criteria.length > 0 ? ` [${criteria.join(', ')}]` : ''}`,
      };
    }
    case 'poll.gate-overridden':
      return {
        kind: 'decision',
        text: `GATES OVERRIDDEN: ${text(data, 'reason')} (over ${list(data.blockers)
          .map((blocker) => text(blocker, 'message'))
          .join('; ')})`,
      };
    case 'poll.decided': {
      const note = text(data, 'note');
      const override = data.override !== null && data.override !== undefined ? ' with an override' : '';
      return { kind: 'decision', text: `Decision: ${text(data, 'outcome')}${override}${note ? `: ${note}` : ''}` };
    }
    case 'poll.reset': {
      const reason = text(data, 'reason');
      return { kind: 'poll', text: `Go/no-go poll closed for a new poll${reason ? `: ${reason}` : ''}` };
    }
    default:
      return { kind: 'poll', text: event.type };
  }
}
