import type { JournalEvent, RiskFieldChange } from '../../../../contract/models';
import { RISK_EVENT_TYPES, type RiskEvent } from '../../../../contract/domain/risks/risk-events';
import { eventOfArea } from '../../../../contract/domain/journal/typed-events';
import type { EventDescription } from './event-description';

/** How a field change reads in one line: "likelihood 3 → 2". Long prose is named, not quoted. */
export function describeRiskChange(change: RiskFieldChange): string {
  return `${RISK_FIELD_LABELS[change.field]} ${formatRiskValue(change.before)} → ${formatRiskValue(change.after)}`;
}

/** Labels of the editable fields, as the table and the history name them. */
export const RISK_FIELD_LABELS: { readonly [Field in RiskFieldChange['field']]: string } = {
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
export function formatRiskValue(value: RiskFieldChange['before']): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'object') {
    const text = [value.plan, value.playbook === null ? '' : `(${value.playbook})`].filter(Boolean).join(' ');
    return text === '' ? '—' : quote(text);
  }
  return typeof value === 'string' ? quote(value) : String(value);
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `“${line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line}”`;
}

/** Timeline lines for the risk events; null for events of other areas. risks.occurred is an incident. */
export function describeRiskEvent(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<RiskEvent>(journalEvent, RISK_EVENT_TYPES);
  if (event === null) return null;
  switch (event.type) {
    case RISK_EVENT_TYPES.added: {
      const { risk } = event.data;
      return { kind: 'risk', text: `Risk ${risk.id} added: ${risk.title} (L${risk.likelihood} × I${risk.impact} = ${risk.likelihood * risk.impact})` };
    }
    case RISK_EVENT_TYPES.updated:
      return { kind: 'risk', text: `Risk ${event.data.id} changed: ${event.data.changes.map(describeRiskChange).join('; ')}` };
    case RISK_EVENT_TYPES.statusChanged: {
      const { id, from, to, acceptance, note } = event.data;
      const why = acceptance ? ` by ${acceptance.by}: ${acceptance.reason}` : note !== null ? `: ${note}` : '';
      return { kind: 'risk', text: `Risk ${id} ${from} → ${to}${why}` };
    }
    case RISK_EVENT_TYPES.occurred: {
      const occurred = event.data;
      const planB = occurred.contingency.playbook
        ? ` · plan B: ${occurred.contingency.playbook}${occurred.contingency.step ? ` step ${occurred.contingency.step}` : ''}`
        : '';
      const note = occurred.note ? ` — ${occurred.note}` : '';
      return { kind: 'incident', text: `Risk occurred: ${occurred.id} ${occurred.title} (${occurred.band}, owner ${occurred.owner || 'none'})${note}${planB}` };
    }
    case RISK_EVENT_TYPES.deleted: {
      const { id, before, reason } = event.data;
      return { kind: 'risk', text: `Risk ${id} deleted: ${before.title}${reason !== null ? ` (${reason})` : ''}` };
    }
    case RISK_EVENT_TYPES.imported: {
      const { risks, renumbered, skippedBadRows, format } = event.data;
      const extras = [renumbered.length > 0 ? `${renumbered.length} renumbered` : '', skippedBadRows > 0 ? `${skippedBadRows} bad rows left out` : ''].filter(
        Boolean,
      );
      return {
        kind: 'risk',
        text: `${risks.length} risk${risks.length === 1 ? '' : 's'} imported from ${format.toUpperCase()}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`,
      };
    }
  }
}
