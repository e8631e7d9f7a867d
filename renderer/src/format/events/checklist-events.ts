import type { JournalEvent } from '../../../../contract/models';
import type { EventDescription } from './event-description';

/**
 * Timeline lines for the checklist events; null for events of other areas.
 *
 * Events name items by id (they are self-contained, not joined with the state), so the
 * line shows the title when the event carries it and the id otherwise.
 */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  todo: 'to do',
  'in-progress': 'in progress',
  done: 'done',
  blocked: 'blocked',
  'not-applicable': 'not applicable',
};

type Data = Record<string, unknown>;

function text(data: Data, key: string): string {
  return typeof data[key] === 'string' ? (data[key] as string) : '';
}

function status(value: unknown): string {
  return typeof value === 'string' ? (STATUS_WORDS[value] ?? value) : '?';
}

function evidenceText(evidence: unknown): string {
  if (!Array.isArray(evidence) || evidence.length === 0) return '';
  return ` (evidence: ${evidence.map((entry: Data) => `${text(entry, 'kind')} ${text(entry, 'value')}`).join('; ')})`;
}

export function describeChecklistEvent(event: JournalEvent): EventDescription | null {
  if (!event.type.startsWith('checklist.')) return null;
  const data = (event.data ?? {}) as Data;
  const item = (data.item ?? {}) as Data;
  switch (event.type) {
    case 'checklist.phase-added':
      return { kind: 'checklist', text: `Checklist phase added: ${text((data.phase ?? {}) as Data, 'title')}` };
    case 'checklist.item-added':
      return {
        kind: 'checklist',
        text: `Checklist item added: ${text(item, 'title')}${item.required === true ? ' (required)' : ''}${text(item, 'due') ? `, due ${text(item, 'due')}` : ''}`,
      };
    case 'checklist.item-edited': {
      const changes = (data.changes ?? {}) as Data;
      const title = typeof changes.title === 'string' ? ` (now '${changes.title}')` : '';
      return { kind: 'checklist', text: `Checklist item ${text(data, 'itemId')} edited: ${Object.keys(changes).join(', ')}${title}` };
    }
    case 'checklist.item-moved':
      return { kind: 'checklist', text: `Checklist item ${text(data, 'itemId')} moved to ${text(data, 'toPhaseId')} #${Number(data.toIndex ?? 0) + 1}` };
    case 'checklist.item-status-changed': {
      const reason = text(data, 'reason');
      return {
        kind: 'checklist',
        text: `Checklist: ${text(data, 'itemId')} ${status(data.from)} → ${status(data.to)}${reason ? `: ${reason}` : ''}${evidenceText(data.evidence)}`,
      };
    }
    case 'checklist.evidence-added':
      return { kind: 'checklist', text: `Evidence on ${text(data, 'itemId')}:${evidenceText([data.evidence]).replace(/^ \(evidence:|\)$/g, '')}` };
    case 'checklist.template-applied': {
      const template = (data.template ?? {}) as Data;
      const items = Array.isArray(data.items) ? data.items.length : 0;
      return {
        kind: 'checklist',
        text: `Checklist template '${text(template, 'name')}' (${text(template, 'file')}) ${text(data, 'mode') === 'replace' ? 'replaced the checklist' : 'applied'}: ${items} items`,
      };
    }
    default:
      return { kind: 'checklist', text: event.type };
  }
}
