import { DateTime } from 'luxon';
import type { ReleaseState } from '../release/release-state';
import { resolveWindow } from '../schedule/release-window';
import { WarRoomError } from '../../../contract/domain/errors';
import type { StatusTemplate } from '../../../contract/domain/comms/comms-model';
import type { TemplateParams } from '../../../contract/domain/comms/comms-schemas';

/** What a template needs: the release's state, the audience's zones, and the moment of the update. */
export interface TemplateFacts {
  readonly state: ReleaseState;
  readonly zones: readonly string[];
  /** The moment the update speaks of (approval time), ISO UTC. */
  readonly at: string;
}

export interface FilledTemplate {
  readonly subject: string;
  readonly text: string;
}

/** Titles for the picker. */
export const TEMPLATE_TITLES: Readonly<Record<StatusTemplate, string>> = {
  'go-no-go': 'Go/no-go result',
  'window-started': 'Window started',
  'step-done': 'Step done',
  'rollback-started': 'Rollback started',
  'release-done': 'Release done',
  'incident-opened': 'Incident opened',
  'incident-mitigated': 'Incident mitigated',
  'incident-resolved': 'Incident resolved',
  'sla-breach': 'SLA breach',
};

/** "22:04 Tue 3 Dec Europe/Berlin · 18:04 America/Sao_Paulo · 21:04 UTC": one instant in each zone of the audience. */
export function timesIn(iso: string, zones: readonly string[]): string {
  let previousDate: string | null = null;
  return zones
    .map((zone) => {
      const local = DateTime.fromISO(iso, { zone });
      const date = local.toFormat('ccc d LLL');
      const text = `${local.toFormat('HH:mm')}${date === previousDate ? '' : ` ${date}`} ${zone}`;
      previousDate = date;
      return text;
    })
    .join(' · ');
}

/**
 * Fill a status update from the release: its name and version, the moment in the
 * audience's zones, and the facts of the template (the decision, the window, the
 * incident, the issue). Refuses a reference to something the release does not hold.
 */
export function fillTemplate(params: TemplateParams, facts: TemplateFacts): FilledTemplate {
  const { state } = facts;
  const release = state.meta ? `${state.meta.name}${state.meta.version ? ` ${state.meta.version}` : ''}` : 'the release';
  const when = timesIn(facts.at, facts.zones);
  const note = params.note ? `\n\n${params.note}` : '';
  const filled = ((): FilledTemplate => {
    switch (params.template) {
      case 'go-no-go': {
        const decided = state.poll.decision?.outcome;
        const outcome = params.outcome ?? (decided === 'GO' ? 'go' : decided === 'NO-GO' ? 'no-go' : undefined);
        if (!outcome) throw new WarRoomError('invalid-input', 'The go/no-go has not been decided yet: choose the outcome to announce.', [{ field: 'outcome' }]);
        return outcome === 'go'
          ? { subject: `${release}: GO`, text: `The go/no-go for ${release} passed: GO. Decided ${when}.` }
          : { subject: `${release}: NO-GO`, text: `The go/no-go for ${release} decided NO-GO: the release does not go ahead. Decided ${when}.` };
      }
      case 'window-started': {
        const window = state.schedule.window ? safeWindow(state) : null;
        const end = window ? ` It is planned to end ${timesIn(window.end, facts.zones)}.` : '';
        return { subject: `${release}: the release window started`, text: `The release window of ${release} started ${when}.${end}` };
      }
      case 'step-done':
        return { subject: `${release}: step ${params.number} done`, text: `Step ${params.number} of ${release} is done: ${params.step}. ${when}.` };
      case 'rollback-started':
        return { subject: `${release}: rollback started`, text: `A rollback of ${release} started ${when}. Why: ${params.reason}` };
      case 'release-done':
        return { subject: `${release}: done`, text: `${release} is done and live, ${when}. Hypercare continues; issues go to the release room.` };
      case 'incident-opened':
      case 'incident-mitigated':
      case 'incident-resolved': {
        const incident = state.incidents.incidents.find((candidate) => candidate.id === params.incident);
        if (!incident) throw new WarRoomError('not-found', `There is no incident ${params.incident} in this release.`, [{ field: 'incident' }]);
        const verb = params.template === 'incident-opened' ? 'opened' : params.template === 'incident-mitigated' ? 'mitigated' : 'resolved';
        return {
          subject: `${release}: ${incident.severity.toUpperCase()} ${incident.id} ${verb}`,
          text: `${incident.severity.toUpperCase()} incident ${incident.id} ${verb}: ${incident.title}. Owner: ${incident.owner}. ${when}.`,
        };
      }
      case 'sla-breach': {
        const issue = state.hypercare.issues.find((candidate) => candidate.id === params.issue);
        if (!issue) throw new WarRoomError('not-found', `There is no issue ${params.issue} in this release.`, [{ field: 'issue' }]);
        const clocks = state.hypercare.breaches.filter((breach) => breach.issue === issue.id).map((breach) => breach.clock);
        const which = clocks.length > 0 ? clocks.join(' and ') : 'an';
        return {
          subject: `${release}: SLA breach on ${issue.id}`,
          text: `The ${which} SLA of ${issue.severity.toUpperCase()} issue ${issue.id} (${issue.title}${issue.customer ? `, ${issue.customer}` : ''}) was breached. Point of contact: ${issue.contact ?? 'not assigned yet'}. ${when}.`,
        };
      }
    }
  })();
  return { subject: filled.subject, text: `${filled.text}${note}` };
}

function safeWindow(state: ReleaseState) {
  try {
    return resolveWindow(state.schedule.window!);
  } catch {
    return null;
  }
}
