import type { JournalEvent, Risk, RiskFieldChange, RiskOccurredData } from '../../../../contract/models';
import type { EventDescription } from './event-description';

/** How a field change reads in one line: "likelihood 3 → 2". Long prose is named, not quoted. */
export function describeRiskChange(change: RiskFieldChange): string {
  return `${RISK_FIELD_LABELS[change.field] ?? change.field} ${formatRiskValue(change.before)} → ${formatRiskValue(change.after)}`;
}

/** Labels of the editable fields, as the table and the history name them. */
export const RISK_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'title',
  description: 'description',
  category: 'category',
  likelihood: 'likelihood',
  impact: 'impact',
  owner: 'owner',
  trigger: 'trigger',
  mitigation: 'mitigation',
  contingency: 'plan B',
  residualLikelihood: 'residual likelihood',
  residualImpact: 'residual impact',
  reviewDate: 'review date',
};

const MAX_QUOTED = 60;

/** A value of a risk field for one line of text: empty shown as "—", long text cut. */
export function formatRiskValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') {
    const plan = (value as { plan?: unknown; playbook?: unknown }).plan;
    const playbook = (value as { playbook?: unknown }).playbook;
    const text = [typeof plan === 'string' ? plan : '', typeof playbook === 'string' ? `(${playbook})` : ''].filter(Boolean).join(' ');
    return text === '' ? '—' : quote(text);
  }
  return typeof value === 'string' ? quote(value) : String(value);
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `“${line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line}”`;
}

/** Timeline lines for the risk events; null for events of other areas. risks.occurred is an incident. */
export function describeRiskEvent(event: JournalEvent): EventDescription | null {
  if (!event.type.startsWith('risks.')) return null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const id = typeof data.id === 'string' ? data.id : '';
  switch (event.type) {
    case 'risks.added': {
      const risk = data.risk as Risk;
      return { kind: 'risk', text: `Risk ${risk.id} added: ${risk.title} (L${risk.likelihood} × I${risk.impact} = ${risk.likelihood * risk.impact})` };
    }
    case 'risks.updated': {
      const changes = (data.changes ?? []) as readonly RiskFieldChange[];
      return { kind: 'risk', text: `Risk ${id} changed: ${changes.map(describeRiskChange).join('; ')}` };
    }
    case 'risks.status-changed': {
      const acceptance = data.acceptance as { by: string; reason: string } | null;
      const why = acceptance ? ` by ${acceptance.by}: ${acceptance.reason}` : typeof data.note === 'string' ? `: ${data.note}` : '';
      return { kind: 'risk', text: `Risk ${id} ${String(data.from)} → ${String(data.to)}${why}` };
    }
    case 'risks.occurred': {
      const occurred = data as unknown as RiskOccurredData;
      const planB = occurred.contingency.playbook
        ? ` · plan B: ${occurred.contingency.playbook}${occurred.contingency.step ? ` step ${occurred.contingency.step}` : ''}`
        : '';
      const note = occurred.note ? ` — ${occurred.note}` : '';
      return { kind: 'incident', text: `Risk occurred: ${id} ${occurred.title} (${occurred.band}, owner ${occurred.owner || 'none'})${note}${planB}` };
    }
    case 'risks.deleted': {
      const before = data.before as Risk | undefined;
      return { kind: 'risk', text: `Risk ${id} deleted${before ? `: ${before.title}` : ''}${typeof data.reason === 'string' ? ` (${data.reason})` : ''}` };
    }
    case 'risks.imported': {
      const risks = (data.risks ?? []) as readonly Risk[];
      const renumbered = (data.renumbered ?? []) as readonly unknown[];
      const skipped = typeof data.skippedBadRows === 'number' ? data.skippedBadRows : 0;
      const extras = [renumbered.length > 0 ? `${renumbered.length} renumbered` : '', skipped > 0 ? `${skipped} bad rows left out` : ''].filter(Boolean);
      return {
        kind: 'risk',
        text: `${risks.length} risk${risks.length === 1 ? '' : 's'} imported from ${String(data.format).toUpperCase()}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`,
      };
    }
    default:
      return null;
  }
}
