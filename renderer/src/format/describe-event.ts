import type { JournalEvent } from '../../../contract/models';

export type EventKind = 'release' | 'note' | 'decision' | 'checklist' | 'poll' | 'risk' | 'playbook' | 'terminal' | 'schedule' | 'incident' | 'other';

/** How the timeline shows an event: its kind (for colour and filters) and one line of text. */
export function describeEvent(event: JournalEvent): { kind: EventKind; text: string } {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (event.type) {
    case 'release.created':
      return { kind: 'release', text: `Release created: ${str('name')}${str('version') ? ` v${str('version')}` : ''} (${str('mode')})` };
    case 'release.updated':
      return { kind: 'release', text: `Release changed: ${Object.keys((data.after ?? {}) as object).join(', ')}` };
    case 'target.saved':
      return { kind: 'release', text: `Target saved: ${str('name')} (${str('environment')})` };
    case 'note.added':
      return { kind: str('kind') === 'decision' ? 'decision' : 'note', text: str('text') };
    default: {
      const prefix = event.type.split('.')[0] ?? '';
      const kind = (['checklist', 'poll', 'risk', 'playbook', 'terminal', 'schedule', 'incident'] as const).find((candidate) => prefix.startsWith(candidate)) ?? 'other';
      const summary = str('title') || str('text') || str('summary') || str('name');
      return { kind, text: summary ? `${event.type}: ${summary}` : event.type };
    }
  }
}
