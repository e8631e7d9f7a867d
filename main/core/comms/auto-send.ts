import type { Release } from '../release/release';
import type { ReleaseState } from '../release/release-state';
import type { StatusTemplate } from '../../../contract/domain/comms/comms-model';
import type { Channel, TemplateParams } from '../../../contract/domain/comms/comms-schemas';
import { approveMessage } from './comms-commands';
import { commsRedactor } from './comms-redaction';

/** A moment of the release a status update can announce, named once and for all. */
export interface Trigger {
  /** `incident-opened:INC-3`, `sla-breach:ISS-2:acknowledge`, `go-no-go:<decidedAt>`: one message per key. */
  readonly key: string;
  readonly template: StatusTemplate;
  /** When it happened: a channel announces it only when it opted in to the template before. */
  readonly at: string;
  readonly params: TemplateParams;
}

/**
 * The moments in a release's state that a template announces: the go/no-go decision, the
 * live window's start, each step done, each rollback and the release done (from its live
 * playbook runs), each incident opened, mitigated and resolved, each SLA breach. Derived
 * from the state, not from the events as they pass, so a restart (or a crash between a
 * breach and its update) finds every moment still unannounced.
 */
export function triggersOf(state: ReleaseState): Trigger[] {
  const triggers: Trigger[] = [];
  const decision = state.poll.decision;
  if (decision && (decision.outcome === 'GO' || decision.outcome === 'NO-GO')) {
    triggers.push({
      key: `go-no-go:${decision.decidedAt}`,
      template: 'go-no-go',
      at: decision.decidedAt,
      params: { template: 'go-no-go', outcome: decision.outcome === 'GO' ? 'go' : 'no-go', note: '' },
    });
  }
  triggers.push(...runTriggers(state.runs.runs));
  for (const incident of state.incidents.incidents) {
    const moments: [StatusTemplate & `incident-${string}`, string | null][] = [
      ['incident-opened', incident.openedAt],
      ['incident-mitigated', incident.mitigatedAt],
      ['incident-resolved', incident.resolvedAt],
    ];
    for (const [template, at] of moments) {
      if (at) triggers.push({ key: `${template}:${incident.id}`, template, at, params: { template, incident: incident.id, note: '' } });
    }
  }
  for (const breach of state.hypercare.breaches) {
    triggers.push({
      key: `sla-breach:${breach.issue}:${breach.clock}`,
      template: 'sla-breach',
      at: breach.recordedAt,
      params: { template: 'sla-breach', issue: breach.issue, note: '' },
    });
  }
  return triggers;
}

/** The channels that announce a moment by themselves: opted in to its template before it happened. */
export function autoChannelsFor(trigger: Trigger, channels: readonly Channel[]): Channel[] {
  return channels.filter((channel) => channel.auto.some((entry) => entry.template === trigger.template && Date.parse(entry.since) <= Date.parse(trigger.at)));
}

/**
 * Automatic status updates for one release: every moment whose template a channel opted
 * in to is approved on its own (journaled like a person's approval, with the moment as its
 * `trigger`) and handed to the outbox. A moment is announced once: the check and the
 * approval run inside one journal command, and the trigger is in the journal.
 */
export class AutoSender {
  private readonly unsubscribe: () => void;
  private running: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly release: Release,
    private readonly options: {
      readonly channels: () => readonly Channel[];
      readonly actor: string;
      readonly newKey: (messageId: string) => string;
      readonly onError?: (error: unknown) => void;
    },
  ) {
    this.unsubscribe = release.onChange(() => void this.check());
  }

  /** Announce what is due; serialised, so two changes in a row never race to announce one moment. */
  check(): Promise<void> {
    this.running = this.running
      .then(() => this.announce())
      .catch((error: unknown) => (this.options.onError ?? ((cause) => console.error('warroom: auto-send', cause)))(error));
    return this.running;
  }

  private async announce(): Promise<void> {
    const channels = this.options.channels();
    if (this.disposed || !channels.some((channel) => channel.auto.length > 0)) return;
    const announced = new Set(this.release.state.comms.messages.flatMap((message) => (message.trigger ? [message.trigger] : [])));
    for (const trigger of triggersOf(this.release.state)) {
      if (this.disposed || announced.has(trigger.key)) continue;
      const chosen = autoChannelsFor(trigger, channels);
      if (chosen.length === 0) continue;
      try {
        await this.release.execute(this.options.actor, (state, context) => {
          if (state.comms.messages.some((message) => message.trigger === trigger.key)) return [];
          return approveMessage(
            state,
            { params: trigger.params, channels: chosen, key: this.options.newKey(`MSG-${state.comms.nextMessage}`), trigger: trigger.key },
            commsRedactor(this.release.dir, state),
            context,
          );
        });
      } catch (error) {
        // One moment that cannot be filled does not hold up the others.
        (this.options.onError ?? ((cause) => console.error('warroom: auto-send', cause)))(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
  }
}

/**
 * The moments of the release's live runs (rehearsals and dry runs tell stakeholders
 * nothing): the window started with the first live run; each step that succeeded is
 * "step N done" (N its place in its playbook); each turn to the rollback steps (the
 * runner journals it as the failed step's `rollback` decision, with why); the release is
 * done when the last live run to end succeeded and none is still under way. Keys name the
 * run (and step), so a second run of the night is a moment of its own and a replay is not.
 */
function runTriggers(runs: ReleaseState['runs']['runs']): Trigger[] {
  const live = runs.filter((run) => run.mode === 'live').sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const first = live[0];
  if (first === undefined) return [];
  const triggers: Trigger[] = [
    { key: `window-started:${first.id}`, template: 'window-started', at: first.startedAt, params: { template: 'window-started', note: '' } },
  ];
  for (const run of live) {
    run.steps.forEach((step, index) => {
      const turn = step.decisions.find((record) => record.decision === 'rollback');
      if (turn) {
        const reason = turn.reason?.trim() || `step ${index + 1} (${step.name}) failed`;
        triggers.push({
          key: `rollback-started:${run.id}:${step.id}`,
          template: 'rollback-started',
          at: turn.at,
          params: { template: 'rollback-started', reason: reason.slice(0, 2000), note: '' },
        });
      }
      if (step.status === 'succeeded' && step.endedAt !== undefined) {
        triggers.push({
          key: `step-done:${run.id}:${step.id}`,
          template: 'step-done',
          at: step.endedAt,
          params: { template: 'step-done', number: index + 1, step: step.name.trim().slice(0, 300) || step.id, note: '' },
        });
      }
    });
  }
  const underWay = live.some((run) => run.status === 'pending' || run.status === 'running' || run.status === 'interrupted');
  const ended = live.filter((run) => run.endedAt !== undefined).sort((a, b) => Date.parse(a.endedAt!) - Date.parse(b.endedAt!));
  const last = ended.at(-1);
  if (!underWay && last !== undefined && last.status === 'succeeded') {
    triggers.push({ key: `release-done:${last.id}`, template: 'release-done', at: last.endedAt!, params: { template: 'release-done', note: '' } });
  }
  return triggers;
}
