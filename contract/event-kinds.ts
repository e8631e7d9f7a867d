/**
 * What kind of thing a journal event is, for the timeline's colours and filters.
 *
 * Pure and shared: main answers filtered timeline pages with it, the renderer colours
 * rows and checks live events against the same filter with it, so the two never disagree.
 */

export const EVENT_KINDS = [
  'note',
  'decision',
  'incident',
  'action-item',
  'checklist',
  'poll',
  'risk',
  'playbook',
  'terminal',
  'schedule',
  'release',
  'report',
  'other',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/** Event types whose kind is not the one their prefix names: decisions and incidents recorded by other areas. */
const KIND_OF_TYPE: Readonly<Record<string, EventKind>> = {
  'release.created': 'release',
  'release.updated': 'release',
  'target.saved': 'release',
  'journal.repaired': 'release',
  'release.imported-partial': 'release',
  'run.policy-overridden': 'decision',
  'terminal.policy-overridden': 'decision',
  'poll.gate-overridden': 'decision',
  'poll.decided': 'decision',
  'schedule.override-recorded': 'decision',
  'risks.occurred': 'incident',
  'incident.opened': 'incident',
  'incident.updated': 'incident',
  'action-item.added': 'action-item',
  'action-item.updated': 'action-item',
  'redaction.settings-saved': 'report',
  'report.exported': 'report',
};

const KIND_OF_PREFIX: readonly (readonly [string, EventKind])[] = [
  ['checklist', 'checklist'],
  ['poll', 'poll'],
  ['risks', 'risk'],
  ['playbook', 'playbook'],
  ['run', 'playbook'],
  ['terminal', 'terminal'],
  ['schedule', 'schedule'],
  ['incident', 'incident'],
  ['action-item', 'action-item'],
  ['hypercare', 'incident'],
  ['report', 'report'],
  ['participant', 'release'],
  ['redaction', 'report'],
  ['plan', 'schedule'],
  ['approval', 'decision'],
];

/** The kind of an event from its type (and, for notes, whether it is a decision). */
export function eventKindOf(type: string, data: unknown): EventKind {
  if (type === 'note.added') return isRecord(data) && data['kind'] === 'decision' ? 'decision' : 'note';
  const exact = KIND_OF_TYPE[type];
  if (exact) return exact;
  const prefix = type.slice(0, type.indexOf('.') === -1 ? type.length : type.indexOf('.'));
  for (const [candidate, kind] of KIND_OF_PREFIX) if (prefix === candidate || prefix.startsWith(`${candidate}-`)) return kind;
  return 'other';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
