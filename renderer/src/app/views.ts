/** The views of the cockpit, in the order of the tabs and of Alt+1..9, Alt+0. */
export const VIEWS = [
  { id: 'checklist', label: 'Checklist' },
  { id: 'terminals', label: 'Terminals' },
  { id: 'risks', label: 'Risks' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'report', label: 'Report' },
  { id: 'health', label: 'Health' },
  { id: 'hypercare', label: 'Hypercare' },
  { id: 'plan', label: 'Plan' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export function isViewId(value: string): value is ViewId {
  return VIEWS.some((view) => view.id === value);
}
