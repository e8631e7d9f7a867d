import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from './event-description';

/** Timeline lines for incidents, action items, redaction settings and exports; null for other areas. */
export function describeReportEvent(event: JournalEvent): EventDescription | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (event.type) {
    case 'incident.opened':
      return { kind: 'incident', text: `${str('id')} opened (${str('severity').toUpperCase()}, owner ${str('owner')}): ${str('title')}` };
    case 'incident.updated': {
      const after = (data['after'] ?? {}) as Record<string, unknown>;
      const changes = Object.entries(after).map(([key, value]) => `${key} → ${String(value)}`);
      return { kind: 'incident', text: `${str('id')} changed: ${changes.join(', ')}` };
    }
    case 'action-item.added':
      return { kind: 'action-item', text: `${str('id')}${str('owner') ? ` (${str('owner')})` : ''}: ${str('text')}` };
    case 'action-item.updated':
      return { kind: 'action-item', text: `${str('id')} ${str('status') === 'done' ? 'done' : 'reopened'}` };
    case 'redaction.settings-saved': {
      const literals = Array.isArray(data['literals']) ? data['literals'].length : 0;
      const patterns = Array.isArray(data['patterns']) ? data['patterns'].length : 0;
      return { kind: 'report', text: `Redaction settings saved: ${literals} literal(s), ${patterns} pattern(s)` };
    }
    case 'report.exported':
      return { kind: 'report', text: `Exported ${str('format').toUpperCase()}: ${str('file')}` };
    default:
      return null;
  }
}
